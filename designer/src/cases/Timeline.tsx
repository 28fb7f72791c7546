// Everything that happened to the case, newest first: steps, messages with the text as it
// was sent, payments, tasks with their outcome and what was written, approvals with who
// adjusted what, pauses, notes. Times are the case's business times.
import { useTranslation } from 'react-i18next';
import { letterPrinters } from '../../../definition/access.ts';
import { useSession } from '../session/session.tsx';
import type { Step } from '../../../definition/schema.ts';
import { channelLabel, date, dateTime, euro, purposeLabel } from '../i18n/format.ts';
import { decisionLabel, eventSummary, withoutEchoes, type TimelineEvent } from '../staff/events.ts';
import type { CaseMessage, CasePayment } from './api.ts';

const kindOf: Record<string, string> = {
  step: 'step',
  message: 'message',
  payment: 'money',
  forgiven: 'money',
  'collection-costs': 'money',
  'balance-cleared': 'money',
  'rent-due': 'money',
  'ledger-cleared': 'money',
  'task-opened': 'task',
  'task-closed': 'task',
  'task-reminder': 'task',
  'task-escalated': 'task',
  'approval-decision': 'approval',
  paused: 'pause',
  resumed: 'pause',
  note: 'note',
  contact: 'contact',
  'call-back-requested': 'contact',
  'help-reported': 'contact',
  'arrangement-proposed': 'money',
  'contact-preference': 'contact',
};

export function Timeline({
  events,
  messages,
  payments,
  steps,
  nameOf,
}: {
  events: TimelineEvent[];
  messages: CaseMessage[];
  payments: CasePayment[];
  steps: Step[];
  nameOf: (id: string | null | undefined) => string;
}) {
  const { t } = useTranslation('cases');
  const canPrint = useSession().hasRole(...letterPrinters);
  const messageById = new Map(messages.map((m) => [String(m.id), m]));
  const paymentByReference = new Map(payments.map((p) => [p.reference, p]));
  const stepById = new Map(steps.map((s) => [s.id, s]));
  const levelLabel = (stepId: string | null, levelId: string) => {
    const s = stepId ? stepById.get(stepId) : undefined;
    return s?.kind === 'approval' ? (s.levels.find((l) => l.id === levelId)?.label ?? levelId) : levelId;
  };
  const outcomeLabel = (stepId: string | null, outcome: string | null) => {
    if (!outcome) return null;
    const s = stepId ? stepById.get(stepId) : undefined;
    if (s?.kind === 'task') return s.outcomes.find((o) => o.id === outcome)?.label ?? outcome;
    if (s?.kind === 'approval') return decisionLabel(outcome);
    return outcome;
  };
  const sorted = withoutEchoes(events).sort((a, b) => (a.at === b.at ? b.id - a.id : b.at.localeCompare(a.at)));

  return (
    <ol className="st-timeline" data-testid="timeline">
      {sorted.map((e) => {
        const d = e.data ?? {};
        const message = e.type === 'message' ? messageById.get(String(d.messageId)) : undefined;
        return (
          <li key={e.id} className={`st-event ${kindOf[e.type] ?? 'other'}`} data-type={e.type}>
            <div className="st-event-time">{dateTime(e.at)}</div>
            <div className="st-event-body">
              <div className="st-event-title">
                {e.type === 'approval-decision'
                  ? t('timeline.approval', { level: levelLabel(e.stepId, d.level), decision: decisionLabel(d.decision), who: nameOf(e.actor) })
                  : eventSummary(e, nameOf)}
              </div>
              {message && (
                <div className="st-message" data-testid="message">
                  <div className="muted small">
                    {channelLabel(message.channel)} · {purposeLabel(message.purpose)} · {message.recipient ?? t('timeline.noRecipient')} · {t(`timeline.messageStatus.${message.status}`)}
                    {message.error ? ` (${message.error})` : ''}
                  </div>
                  {message.subject && <div className="st-message-subject">{message.subject}</div>}
                  <div className="st-message-body">{message.body}</div>
                  {message.channel === 'letter' && message.status !== 'failed' && canPrint && (
                    <a href={`/api/outbox/${message.id}/letter.pdf`} target="_blank" rel="noopener">
                      {t('timeline.letterPdf')}
                    </a>
                  )}
                </div>
              )}
              {e.type === 'task-closed' && (
                <div>
                  {d.outcome && <div>{t('timeline.outcome', { outcome: outcomeLabel(e.stepId, d.outcome) })}</div>}
                  <FieldTexts fields={d.fields} />
                  {d.reason && <div className="muted small">{String(d.reason)}</div>}
                </div>
              )}
              {e.type === 'approval-decision' && (
                <div>
                  {d.decision === 'propose' && d.amountCents !== undefined && <div>{t('timeline.proposed', { amount: euro(d.amountCents) })}</div>}
                  {d.decision !== 'propose' && d.amountCents !== undefined && d.previousAmountCents !== undefined && d.amountCents !== d.previousAmountCents && (
                    <div className="st-adjusted">{t('timeline.adjusted', { from: euro(d.previousAmountCents), to: euro(d.amountCents) })}</div>
                  )}
                  {d.reason && <div className="st-quote">{String(d.reason)}</div>}
                </div>
              )}
              {e.type === 'payment' && d.reference && (
                <div className="muted small">
                  {t('timeline.reference', { reference: d.reference })}
                  <PaymentSource p={paymentByReference.get(String(d.reference))} />
                </div>
              )}
              {(e.type === 'paused' || e.type === 'cancelled') && d.reason && <div className="st-quote">{String(d.reason)}</div>}
              {(e.type === 'resumed' || e.type === 'contact' || e.type === 'event' || e.type === 'call-back-requested' || e.type === 'help-reported') && d.note && <div className="st-quote">{String(d.note)}</div>}
              {e.type === 'note' && <div className="st-quote">{String(d.text)}</div>}
              {e.type === 'arrangement-started' && Array.isArray(d.instalments) && (
                <div className="muted small">{(d.instalments as Array<{ dueDate: string; amountCents: number }>).map((i) => `${date(i.dueDate)}: ${euro(i.amountCents)}`).join(' · ')}</div>
              )}
              {e.type === 'arrangement-missed' && <div className="muted small">{t('timeline.missed', { expected: euro(d.expectedCents), paid: euro(d.paidCents) })}</div>}
              {e.type === 'task-opened' && d.dueAt && <div className="muted small">{t('timeline.due', { when: dateTime(d.dueAt) })}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function FieldTexts({ fields }: { fields: Record<string, unknown> | undefined }) {
  const { t } = useTranslation('cases');
  if (!fields) return null;
  const entries = Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (!entries.length) return null;
  return (
    <dl className="st-fields">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{t(`fields.${k}`, { defaultValue: k })}</dt>
          <dd>{k.endsWith('Cents') && typeof v === 'number' ? euro(v) : k === 'interval' ? t(`interval.${String(v)}`) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where a payment came from: the statement line, or who registered it (and approved it) and why. */
function PaymentSource({ p }: { p: CasePayment | undefined }) {
  const { t } = useTranslation('cases');
  if (!p) return null;
  if (p.statement) return <div>{t('timeline.fromStatement', { file: p.statement.file, line: p.statement.line ?? '?' })}</div>;
  if (p.source === 'ideal') return <div>{t('timeline.byTenantIdeal')}</div>;
  if (!p.registeredBy) return null;
  return (
    <div>
      {p.approvedBy ? t('timeline.registeredApproved', { by: p.registeredBy, approver: p.approvedBy }) : t('timeline.registered', { by: p.registeredBy })}
      {p.reason && <span className="st-quote"> {p.reason}</span>}
    </div>
  );
}
