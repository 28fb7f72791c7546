// Every problem of the live check, errors first. A click selects the step and brings it into
// view; a legal problem also lights the path that breaks the rule.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useDesigner, useDesignerStore } from '../store/context.tsx';
import { isLegal, pathEdges, problemText, ruleTitle } from './problem-text.ts';

/** Once the side panel shows the step's form, the field the problem is about gets the focus. */
function focusField(field: string) {
  let tries = 20;
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(`.step-form [name="${CSS.escape(field)}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
    } else if (tries-- > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

const PROBLEMS_KEY = 'designer.problems';

export function ProblemsPanel() {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const store = useDesignerStore();
  const problems = useDesigner((s) => s.problems);
  const nodes = useDesigner((s) => s.nodes);
  // Folded away or not, as the user last left it: the canvas is what they came for.
  const [open, setOpenState] = useState(() => localStorage.getItem(PROBLEMS_KEY) !== 'folded');
  const setOpen = (next: boolean) => {
    localStorage.setItem(PROBLEMS_KEY, next ? 'open' : 'folded');
    setOpenState(next);
  };
  const [active, setActive] = useState<number | null>(null);
  const steps = useMemo(() => new Map(nodes.map((n) => [n.id, n.data as Step])), [nodes]);
  const sorted = useMemo(() => [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)), [problems]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className={`problems${open ? ' open' : ''}`} aria-label={t('problems.title')} data-testid="problems">
      <header>
        <button type="button" className="button subtle small" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? '▾' : '▸'} {t('problems.title')}
        </button>
        <span className={`count error${errors ? '' : ' zero'}`} data-testid="error-count">
          {t('problems.errors', { count: errors })}
        </span>
        <span className={`count warning${warnings ? '' : ' zero'}`}>{t('problems.warnings', { count: warnings })}</span>
        {errors === 0 && <span className="publishable">{t('problems.publishable')}</span>}
      </header>
      {open && (
        <ul>
          {sorted.length === 0 && <li className="muted">{t('problems.none')}</li>}
          {sorted.map((p, i) => (
            <li key={`${p.rule}-${p.stepId ?? ''}-${i}`}>
              <button
                type="button"
                className={`problem ${p.severity}${active === i ? ' active' : ''}`}
                data-rule={p.rule}
                data-step={p.stepId ?? ''}
                onClick={() => {
                  setActive(i);
                  const s = store.getState();
                  if (p.stepId) s.selectStep(p.stepId, { focus: true });
                  if (p.stepId && p.field) focusField(p.field);
                  s.setHighlight(p.path && p.path.length > 1 ? { mode: 'path', steps: new Set(p.path), edges: pathEdges(p.path, s.edges) } : { mode: 'none' });
                }}
              >
                <span className="problem-severity">{p.severity === 'error' ? t('problems.error') : t('problems.warning')}</span>
                <span className="problem-rule">{ruleTitle(p, t)}</span>
                {p.stepId && <span className="problem-step">{steps.get(p.stepId)?.name ?? p.stepId}</span>}
                <span className="problem-text">{problemText(p, lang)}</span>
                {p.path && isLegal(p.rule) && (
                  <span className="problem-path">
                    {t('problems.path')}: {p.path.map((id) => steps.get(id)?.name ?? id).join(' → ')}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
