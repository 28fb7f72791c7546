// Per step, beside the map: passed, the chosen figure at 7, 14 and 30 days with intervals and
// counts, the median days to payment after it, and its rank (only from 30 cases on).
import { useTranslation } from 'react-i18next';
import { number } from '../i18n/format.ts';
import type { Outcomes } from './api.ts';
import type { Figure } from './EffectMap.tsx';
import { RateText } from './RateText.tsx';

type Step = Outcomes['steps'][number];

export function StepTable({ steps, figure, selected, onSelect }: { steps: Step[]; figure: Figure; selected: string | null; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('analytics');
  return (
    <table className="ops-table compact analytics-steps" data-testid="analytics-steps">
      <thead>
        <tr>
          <th>{t('steps.step')}</th>
          <th className="num">{t('steps.passed')}</th>
          <th>{t('steps.within', { days: 7 })}</th>
          <th>{t('steps.within', { days: 14 })}</th>
          <th>{t('steps.within', { days: 30 })}</th>
          <th className="num">{t('steps.medianDays')}</th>
          <th className="num">{t('steps.rank')}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.stepId} data-step={s.stepId} className={selected === s.stepId ? 'selected' : undefined}>
            <td>
              <button type="button" className="link-button" onClick={() => onSelect(s.stepId)}>
                {s.name}
              </button>
            </td>
            <td className="num">{number(s.passed)}</td>
            <td>
              <RateText rate={s[figure].d7} />
            </td>
            <td>
              <RateText rate={s[figure].d14} />
            </td>
            <td>
              <RateText rate={s[figure].d30} />
            </td>
            <td className="num">{s.medianDaysToPayment === null ? '—' : number(s.medianDaysToPayment, 1)}</td>
            <td className="num" data-rank={s.rank ?? ''}>{s.rank ?? (s.passed > 0 && s.tooFew ? <span className="muted">{t('rate.tooFew')}</span> : '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
