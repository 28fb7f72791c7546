// A plain list of problems (for dialogs: publishing refused, an import's report).
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import type { Problem } from '../../../../definition/validate.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { isLegal, problemText, ruleTitle } from './problem-text.ts';

export function ProblemList({ problems, steps }: { problems: Problem[]; steps: ReadonlyMap<string, Step> }) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  return (
    <ul className="problem-list" data-testid="problem-list">
      {problems.map((p, i) => (
        <li key={i} className={`problem ${p.severity}`} data-rule={p.rule}>
          <span className="problem-severity">{p.severity === 'error' ? t('problems.error') : t('problems.warning')}</span>
          <span className="problem-rule">{ruleTitle(p, t)}</span>
          {p.stepId && <span className="problem-step">{steps.get(p.stepId)?.name ?? p.stepId}</span>}
          <span className="problem-text">{problemText(p, lang)}</span>
          {p.path && isLegal(p.rule) && (
            <span className="problem-path">
              {t('problems.path')}: {p.path.map((id) => steps.get(id)?.name ?? id).join(' → ')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
