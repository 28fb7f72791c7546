// One level of an approval (the four-step kwijtschelding): the amount as it stands now and
// the balance it leaves, the chain of levels (who decided what, who adjusted what, whose turn
// it is, who comes after), and this level's decision: propose (first level), or approve,
// approve with an adjusted amount, or reject, with a reason.
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

  // The amount as it stands after the earlier levels: the proposal, as adjusted since.
  const current = [...approval.decisions].reverse().find((x) => x.amountCents !== null)?.amountCents ?? null;
  const proposal = approval.decisions.find((x) => x.decision === 'propose');
  const amountNow = current ?? proposal?.amountCents ?? 0;
  const adjusted = proposal?.amountCents != null && amountNow !== proposal.amountCents;

  const choices: Choice[] = proposes ? ['propose', 'withdraw'] : mayAdjust ? ['approve', 'adjust', 'reject'] : ['approve', 'reject'];
  const [choice, setChoice] = useState<Choice | null>(null);
  const [amount, setAmount] = useState(current !== null ? euroInput(current) : '');
  // A proposal starts from the report just written (the home visit that led here): written once.
  const [reason, setReason] = useState(proposes ? (d.proposalDraft?.reason ?? '') : '');
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

      {forgiveness && proposal && proposal.amountCents !== null && (
        <div className="st-proposal" data-testid="proposal">
          <div className="muted small">{adjusted ? t('approval.currentAmount') : t('approval.proposalBy', { name: proposal.byName ?? proposal.by, when: dateTime(proposal.at) })}</div>
          <div className="st-amount">{euro(amountNow)}</div>
          {adjusted && <div className="small">{t('approval.originally', { amount: euro(proposal.amountCents), name: proposal.byName ?? proposal.by })}</div>}
          <div className="small" data-testid="resulting-balance">
            {t('approval.resulting', { balance: euro(d.case.balanceCents), rest: euro(Math.max(0, d.case.balanceCents - amountNow)) })}
          </div>
          {proposal.reason && <div className="st-quote">{proposal.reason}</div>}
        </div>
      )}

      <ol className="st-levels" data-testid="approval-chain" aria-label={t('approval.chain')}>
        {approval.step.levels.map((l, i) => {
          const x = approval.decisions.find((y) => y.levelId === l.id);
          if (x)
            return (
              <li key={l.id} className={`st-level ${x.decision}`} data-state="decided">
                <div>
                  <strong>{l.label}</strong> · {x.byName ?? x.by} ({roleLabel(x.role)}) · {decisionLabel(x.decision)}
                </div>
                {x.previousAmountCents !== null && x.amountCents !== null && x.amountCents !== x.previousAmountCents && (
                  <div className="st-adjusted">{t('approval.adjusted', { from: euro(x.previousAmountCents), to: euro(x.amountCents) })}</div>
                )}
                {x.decision === 'propose' && x.amountCents !== null && <div>{t('approval.proposed', { amount: euro(x.amountCents) })}</div>}
                {x.reason && <div className="st-quote">{x.reason}</div>}
                <div className="muted small">{dateTime(x.at)}</div>
              </li>
            );
          const now = i === level.level;
          return (
            <li key={l.id} className={now ? 'st-level current' : 'st-level upcoming'} data-state={now ? 'current' : 'upcoming'} aria-current={now ? 'step' : undefined}>
              <strong>{l.label}</strong> · {roleLabel(l.role)} · {now ? t('approval.now') : t('approval.later')}
            </li>
          );
        })}
      </ol>

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
          {proposes && d.proposalDraft && <span className="muted small">{t('approval.fromReport', { title: d.proposalDraft.fromTitle })}</span>}
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
