// A payment arrangement the coaching way: the tenant says what they can pay, the form turns
// it into an instalment plan with dates (schedule()) and checks it is realistic against the
// limits of the arrangement step this outcome leads to (planProblems(), the same check the
// workflow makes when the task is completed).
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planProblems, schedule, type Plan } from '../../../../definition/arrangement.ts';
import { addDuration } from '../../../../definition/duration.ts';
import type { StepOf } from '../../../../definition/schema.ts';
import { euro, euroInput, longDate, parseEuro } from '../../i18n/format.ts';
import { useEvery } from '../../staff/use-load.ts';
import type { TaskDetail } from '../api.ts';

export type PlanState = { ok: boolean; values: Plan | null };
type Interval = Plan['interval'];
const intervals: Interval[] = ['P1M', 'P2W', 'P1W'];

export function ArrangementPlan({ d, target, onChange, disabled }: { d: TaskDetail; target: StepOf<'arrangement'> | undefined; onChange: (p: PlanState) => void; disabled: boolean }) {
  const { t } = useTranslation('inbox');
  const id = useId();
  const balance = d.case.balanceCents;
  // "Today" for the case: its business clock runs on at its time scale from when we loaded it.
  const [loadedAt] = useState(() => Date.now());
  const [, tick] = useState(0);
  useEvery(d.case.timeScale > 1 ? 1000 : 60_000, () => tick((n) => n + 1));
  const businessNow = () => Date.parse(d.now) + (Date.now() - loadedAt) * d.case.timeScale;

  const [interval, setInterval_] = useState<Interval>(target?.defaultInterval ?? 'P1M');
  const [proposal, setProposal] = useState('');
  const [count, setCount] = useState('');
  const [countTouched, setCountTouched] = useState(false);
  const [first, setFirst] = useState(() => new Date(addDuration(businessNow(), interval)).toISOString().slice(0, 10));

  const proposalCents = parseEuro(proposal);
  // Until the caseworker sets the number of instalments, it follows from the proposal.
  const shownCount = countTouched ? count : proposalCents && proposalCents > 0 ? String(Math.ceil(balance / proposalCents)) : '';
  const instalments = Number(shownCount);
  const plan: Plan | null =
    proposalCents && proposalCents > 0 && Number.isInteger(instalments) && instalments >= 1 && instalments <= 60 && /^\d{4}-\d{2}-\d{2}$/.test(first)
      ? { instalmentCents: proposalCents, instalments, interval, firstDueDate: first }
      : null;
  const problems = plan && target ? planProblems(plan, target, balance, businessNow()) : [];
  const rows = useMemo(() => (plan ? schedule(plan, balance) : []), [plan?.instalmentCents, plan?.instalments, plan?.interval, plan?.firstDueDate, balance]);
  const ok = plan !== null && problems.length === 0;

  useEffect(() => {
    onChange({ ok, values: plan });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ok, plan?.instalmentCents, plan?.instalments, plan?.interval, plan?.firstDueDate]);

  const problemText = (p: string) => {
    if (p.includes('is below the minimum')) return t('plan.problem.min', { amount: euro(plan!.instalmentCents), min: euro(target!.minInstalmentCents) });
    if (p.includes('is more than the maximum')) return t('plan.problem.max', { count: plan!.instalments, max: target!.maxInstalments });
    if (p.includes('does not cover the balance')) return t('plan.problem.cover', { count: plan!.instalments, amount: euro(plan!.instalmentCents), balance: euro(balance) });
    if (p.includes('lies in the past')) return t('plan.problem.past');
    if (p.includes('is not a real date')) return t('plan.problem.date');
    return p;
  };

  return (
    <fieldset className="st-plan" disabled={disabled} data-testid="arrangement-plan">
      <legend>{t('plan.title')}</legend>
      {target ? (
        <p className="muted" data-testid="plan-limits">
          {t('plan.limits', { min: euro(target.minInstalmentCents), max: target.maxInstalments, name: target.name })}
        </p>
      ) : (
        <p className="muted">{t('plan.noLimits')}</p>
      )}
      <div className="st-plan-grid">
        <div className="st-field">
          <label htmlFor={`${id}-proposal`}>{t('plan.proposal')}</label>
          <div className="st-money">
            <span aria-hidden="true">€</span>
            <input id={`${id}-proposal`} inputMode="decimal" placeholder="0,00" value={proposal} onChange={(e) => setProposal(e.target.value)} onBlur={() => proposalCents && setProposal(euroInput(proposalCents))} />
          </div>
          <span className="muted small">{t('plan.proposalHint')}</span>
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-interval`}>{t('plan.interval')}</label>
          <select id={`${id}-interval`} value={interval} onChange={(e) => setInterval_(e.target.value as Interval)}>
            {intervals.map((i) => (
              <option key={i} value={i}>
                {t(`interval.${i}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-count`}>{t('plan.count')}</label>
          <input
            id={`${id}-count`}
            type="number"
            min={1}
            max={60}
            value={shownCount}
            onChange={(e) => {
              setCountTouched(true);
              setCount(e.target.value);
            }}
          />
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-first`}>{t('plan.first')}</label>
          <input id={`${id}-first`} type="date" value={first} onChange={(e) => setFirst(e.target.value)} />
        </div>
      </div>

      {plan && (
        <div className={ok ? 'st-check ok' : 'st-check bad'} role="status" data-testid="plan-check">
          {ok ? (
            t('plan.realistic', { count: rows.length, balance: euro(balance) })
          ) : (
            <>
              <strong>{t('plan.unrealistic')}</strong>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{problemText(p)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      {rows.length > 0 && (
        <table className="st-table compact" data-testid="plan-preview">
          <caption>{t('plan.preview')}</caption>
          <thead>
            <tr>
              <th>{t('plan.col.n')}</th>
              <th>{t('plan.col.date')}</th>
              <th className="num">{t('plan.col.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.index}>
                <td>{r.index + 1}</td>
                <td>{longDate(r.dueMs)}</td>
                <td className="num">{euro(r.amountCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>{t('plan.total')}</td>
              <td className="num">{euro(rows.reduce((s, r) => s + r.amountCents, 0))}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </fieldset>
  );
}
