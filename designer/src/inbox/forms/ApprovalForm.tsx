// One level of an approval (the four-step kwijtschelding): the proposal, every earlier level
// with who decided and who adjusted what, and this level's decision: propose (first level),
// or approve, approve with an adjusted amount, or reject, with a reason.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime, euro, euroInput, parseEuro, roleLabel } from '../../i18n/format.ts';
import { decisionLabel } from '../../staff/events.ts';
import type { TaskDetail } from '../api.ts';

type Choice = 'propose' | 'withdraw' | 'approve' | 'adjust' | 'reject';

export function ApprovalForm({ d, disabled, onSubmit }: { d: TaskDetail; disabled: boolean; onSubmit: (outcome: string, fields: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation('inbox');
  const id = useId();
  const approval = d.approval!;
  const level = d.task.approval!;
  const levelDef = approval.step.levels[level.level];
  const forgiveness = approval.step.subject === 'forgiveness';
  const approveFields = d.task.outcomes.find((o) => o.id === 'approve')?.fields ?? [];
  const mayAdjust = approveFields.some((f) => f.id === 'amountCents');
  const proposes = d.task.outcomes.some((o) => o.id === 'propose');
  const labelOf = (levelId: string) => approval.step.levels.find((l) => l.id === levelId)?.label ?? levelId;

  // The amount as it stands after the earlier levels: the proposal, as adjusted since.
  const current = [...approval.decisions].reverse().find((x) => x.amountCents !== null)?.amountCents ?? null;
  const proposal = approval.decisions.find((x) => x.decision === 'propose');

  const choices: Choice[] = proposes ? ['propose', 'withdraw'] : mayAdjust ? ['approve', 'adjust', 'reject'] : ['approve', 'reject'];
  const [choice, setChoice] = useState<Choice | null>(null);
  const [amount, setAmount] = useState(current !== null ? euroInput(current) : '');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const needsAmount = forgiveness && (choice === 'propose' || choice === 'adjust');
  const reasonRequired = choice === 'propose' || choice === 'withdraw' || choice === 'reject' || choice === 'adjust';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const wrong: string[] = [];
    if (!choice) wrong.push(t('approval.chooseDecision'));
    const cents = needsAmount ? parseEuro(amount) : null;
    if (needsAmount && (cents === null || cents <= 0)) wrong.push(t('approval.amountNeeded'));
    if (needsAmount && cents !== null && cents > d.case.balanceCents) wrong.push(t('approval.amountTooHigh', { balance: euro(d.case.balanceCents) }));
    if (choice === 'adjust' && cents !== null && cents === current) wrong.push(t('approval.sameAmount'));
    if (reasonRequired && reason.trim() === '') wrong.push(t('approval.reasonNeeded'));
    setProblems(wrong);
    if (wrong.length || !choice) return;
    const outcome = choice === 'adjust' ? 'approve' : choice;
    const fields: Record<string, unknown> = {};
    if (needsAmount) fields.amountCents = cents;
    if (reason.trim()) fields.reason = reason.trim();
    setBusy(true);
    try {
      await onSubmit(outcome, fields);
    } catch {
      // shown by the page
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="st-card st-form" onSubmit={(e) => void submit(e)} data-testid="approval-form" noValidate>
      <h2>{approval.step.name}</h2>
      <p className="muted">
        {t('approval.levelOf', { n: level.level + 1, of: level.levels, label: levelDef?.label ?? level.levelId })}
      </p>

      {forgiveness && proposal && (
        <div className="st-proposal" data-testid="proposal">
          <div className="muted small">{t('approval.proposalBy', { name: proposal.byName ?? proposal.by, when: dateTime(proposal.at) })}</div>
          <div className="st-amount">{euro(proposal.amountCents)}</div>
          {proposal.reason && <div className="st-quote">{proposal.reason}</div>}
          {current !== null && current !== proposal.amountCents && (
            <div className="small">
              {t('approval.nowAmount')} <strong>{euro(current)}</strong>
            </div>
          )}
        </div>
      )}

      {approval.decisions.length > 0 && (
        <ol className="st-levels" data-testid="earlier-levels">
          {approval.decisions.map((x, i) => (
            <li key={i} className={`st-level ${x.decision}`}>
              <div>
                <strong>{labelOf(x.levelId)}</strong> · {x.byName ?? x.by} ({roleLabel(x.role)}) · {decisionLabel(x.decision)}
              </div>
              {x.previousAmountCents !== null && x.amountCents !== null && x.amountCents !== x.previousAmountCents && (
                <div className="st-adjusted">{t('approval.adjusted', { from: euro(x.previousAmountCents), to: euro(x.amountCents) })}</div>
              )}
              {x.decision === 'propose' && x.amountCents !== null && <div>{t('approval.proposed', { amount: euro(x.amountCents) })}</div>}
              {x.reason && <div className="st-quote">{x.reason}</div>}
              <div className="muted small">{dateTime(x.at)}</div>
            </li>
          ))}
        </ol>
      )}

      <fieldset className="st-outcomes" disabled={disabled}>
        <legend>{t('approval.decision')}</legend>
        {choices.map((c) => (
          <label key={c} className={c === choice ? 'st-outcome chosen' : 'st-outcome'}>
            <input type="radio" name="decision" value={c} checked={c === choice} onChange={() => setChoice(c)} />
            {t(`approval.choice.${c}`)}
          </label>
        ))}
      </fieldset>

      {needsAmount && (
        <div className="st-field">
          <label htmlFor={`${id}-amount`}>{choice === 'propose' ? t('approval.amountPropose') : t('approval.amountAdjust')}</label>
          <div className="st-money">
            <span aria-hidden="true">€</span>
            <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} disabled={disabled} />
          </div>
          <span className="muted small">{t('approval.balance', { balance: euro(d.case.balanceCents) })}</span>
        </div>
      )}
      {choice && (
        <div className="st-field">
          <label htmlFor={`${id}-reason`}>
            {t('approval.reason')}
            {!reasonRequired && <span className="muted small"> ({t('form.optional')})</span>}
          </label>
          <textarea id={`${id}-reason`} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} disabled={disabled} />
        </div>
      )}

      {problems.length > 0 && (
        <ul className="st-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="st-form-actions">
        <button type="submit" className="button primary" disabled={disabled || busy || !choice}>
          {busy ? t('form.busy') : t('approval.submit')}
        </button>
      </div>
    </form>
  );
}
