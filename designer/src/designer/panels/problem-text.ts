// Problems as a policy owner reads them: the rule in words (with its legal source), the step
// by its name, and for legal rules the path that breaks the rule, step by step. The words
// themselves come with the problem (definition/validate.ts), in both languages.
import type { TFunction } from 'i18next';
import { legalRules } from '../../../../definition/legal.ts';
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

/** The problem in the reader's language, as the definition words it: steps by name, no codes. */
export function problemText(p: Problem, lang: Lang): string {
  return p.text[lang];
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
