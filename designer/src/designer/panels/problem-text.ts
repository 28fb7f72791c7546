// Problems as a policy owner reads them: the rule in words (with its legal source), the step
// by its name, and for legal rules the path that breaks the rule, step by step.
import type { TFunction } from 'i18next';
import { outcomeLabel } from '../../../../definition/describe.ts';
import { factLabels, legalRules } from '../../../../definition/legal.ts';
import type { Step } from '../../../../definition/schema.ts';
import type { Problem } from '../../../../definition/validate.ts';
import type { Lang } from '../../../../definition/describe.ts';

export function isLegal(rule: string): rule is keyof typeof legalRules {
  return rule in legalRules;
}

export function ruleTitle(p: Problem, t: TFunction): string {
  if (isLegal(p.rule)) {
    const r = legalRules[p.rule];
    return `${t('problems.legalRule', { number: r.number })} · ${r.source}`;
  }
  return t(`rules.${p.rule}`, { defaultValue: p.rule });
}

/** The problem in the reader's language where we know its shape; the engine's words otherwise. */
export function problemText(p: Problem, steps: ReadonlyMap<string, Step>, t: TFunction, lang: Lang): string {
  const step = p.stepId ? steps.get(p.stepId) : undefined;
  if (isLegal(p.rule)) {
    const r = legalRules[p.rule];
    const missing = (p.missing ?? []).map((f) => factLabels[f][lang]);
    return `${r[lang]}.${missing.length ? ` ${t('problems.missing')}: ${missing.join('; ')}.` : ''}`;
  }
  if (lang === 'en') return p.message;
  const quoted = [...p.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  switch (p.rule) {
    case 'unwired-outcome': {
      const outcome = quoted[1] ?? '';
      return t('problems.text.unwired', { outcome: step ? outcomeLabel(step, outcome, lang) : outcome });
    }
    case 'unreachable':
      return t('problems.text.unreachable');
    case 'unknown-target':
      return t('problems.text.unknownTarget', { outcome: quoted[1], target: quoted[2] });
    case 'unknown-template':
      return t('problems.text.unknownTemplate', { template: quoted[1] });
    case 'loop-without-wait':
      return t('problems.text.loop', { steps: quoted.map((id) => steps.get(id)?.name ?? id).join(' → ') });
    default:
      return p.message;
  }
}

/** Edge ids along a path of step ids (any outcome that leads from one to the next). */
export function pathEdges(path: readonly string[], edges: ReadonlyArray<{ id: string; source: string; target: string }>): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < path.length; i++) {
    const e = edges.find((x) => x.source === path[i] && x.target === path[i + 1]);
    if (e) out.add(e.id);
  }
  return out;
}
