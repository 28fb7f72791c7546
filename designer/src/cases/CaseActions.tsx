// What the user's role may do on the case: register a payment, pause (with a reason and a
// review date) or resume, propose forgiveness (when the process has a forgiveness approval),
// record a contact, change the contact data, add a note. The server enforces the same roles.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { caseHandlers, caseSteerers, noteWriters, paymentRegistrars } from '../../../definition/access.ts';
import { ApiError } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { euro, parseEuro, roleLabel } from '../i18n/format.ts';
import { proposableForgiveness, type ApprovalLevel } from '../../../definition/steps/approval.ts';
import { businessNow } from '../../../definition/business-clock.ts';
import { casesApi, type CaseDetail } from './api.ts';
import { ContactDetailsForm } from './ContactDetailsForm.tsx';

type Action = 'payment' | 'pause' | 'resume' | 'forgiveness' | 'contact' | 'details' | 'note';

/**
 * The case's business time now: from the live state's clock (it runs ahead of the calendar
 * under a time scale, also while the page sits loaded), else as the server read it with the
 * case, else the calendar's when the engine did not answer.
 */
const caseNowMs = (d: CaseDetail) => (d.live ? businessNow(d.live) : d.now ? Date.parse(d.now) : Date.now());
const caseToday = (d: CaseDetail) => new Date(caseNowMs(d)).toISOString().slice(0, 10);

export function CaseActions({ d, steps, onChanged }: { d: CaseDetail; steps: ReadonlyArray<{ kind: string }>; onChanged: (message: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const session = useSession();
  const closed = d.case.status === 'closed';
  const paused = d.case.status === 'paused' || d.live?.paused != null;
  const actions: Action[] = [];
  if (!closed && session.hasRole(...paymentRegistrars)) actions.push('payment');
  if (!closed && session.hasRole(...caseSteerers)) actions.push(paused ? 'resume' : 'pause');
  const forgiveness = proposableForgiveness(steps);
  if (!closed && forgiveness && d.case.currentStep !== forgiveness.id && session.hasRole(forgiveness.levels[0]!.role)) actions.push('forgiveness');
  if (!closed && session.hasRole(...caseHandlers)) actions.push('contact', 'details');
  if (session.hasRole(...noteWriters)) actions.push('note');
  const [open, setOpen] = useState<Action | null>(null);
  const card = useRef<HTMLDivElement>(null);
  // An opened form takes the focus to its first field: the keyboard user types at once.
  useEffect(() => {
    if (open) card.current?.querySelector<HTMLElement>('.st-action-form input, .st-action-form textarea, .st-action-form select')?.focus();
  }, [open]);
  if (actions.length === 0) return null;

  return (
    <div className="st-card st-actions-card" data-testid="case-actions" ref={card}>
      <h2>{t('actions.title')}</h2>
      <div className="st-action-buttons">
        {actions.map((a) => (
          <button key={a} type="button" className={open === a ? 'button primary' : 'button'} onClick={() => setOpen(open === a ? null : a)} aria-expanded={open === a}>
            {t(`actions.${a}.button`)}
          </button>
        ))}
      </div>
      {open === 'payment' && <PaymentForm d={d} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'pause' && <PauseForm d={d} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'resume' && <TextForm action="resume" required={false} send={(text) => casesApi.resume(d.case.id, text ? { note: text } : {})} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'forgiveness' && forgiveness && <ForgivenessForm d={d} levels={forgiveness.levels} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'contact' && <TextForm action="contact" required={false} send={(text) => casesApi.contact(d.case.id, text)} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'details' && <ContactDetailsForm d={d} done={async (m) => (setOpen(null), await onChanged(m))} />}
      {open === 'note' && <TextForm action="note" required send={(text) => casesApi.addNote(d.case.id, text)} done={async (m) => (setOpen(null), await onChanged(m))} />}
    </div>
  );
}

/** A form's submit: busy while it runs, the API's message when it fails, `done` with the message it returns. */
export function useSubmit(done: (message: string) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      await done(await work());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function Frame({ children, error, busy, submit, onSubmit }: { children: ReactNode; error: string | null; busy: boolean; submit: string; onSubmit: () => void }) {
  return (
    <form
      className="st-form st-action-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {error && (
        <p className="st-banner error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

function PaymentForm({ d, done }: { d: CaseDetail; done: (m: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState(() => `${d.case.tenancyReference}-${caseToday(d)}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`);
  const s = useSubmit(done);
  return (
    <Frame
      error={s.error}
      busy={s.busy}
      submit={t('actions.payment.submit')}
      onSubmit={() =>
        void s.run(async () => {
          const cents = parseEuro(amount);
          if (!cents || cents <= 0) throw new Error(t('actions.payment.badAmount'));
          if (reason.trim().length < 3) throw new Error(t('actions.payment.badReason'));
          const r = await casesApi.pay(d.case.id, { reference: reference.trim(), amountCents: cents, reason: reason.trim() });
          if (r.status === 'awaiting-approval') return t('actions.payment.awaiting', { amount: euro(cents) });
          return t(r.duplicate ? 'actions.payment.duplicate' : 'actions.payment.done', { amount: euro(cents), balance: euro(r.balanceCents) });
        })
      }
    >
      <div className="st-field">
        <label htmlFor={`${id}-amount`}>{t('actions.payment.amount')}</label>
        <div className="st-money">
          <span aria-hidden="true">€</span>
          <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0,00" required />
        </div>
      </div>
      <div className="st-field">
        <label htmlFor={`${id}-ref`}>{t('actions.payment.reference')}</label>
        <input id={`${id}-ref`} value={reference} onChange={(e) => setReference(e.target.value)} required />
        <span className="muted small">{t('actions.payment.referenceHint')}</span>
      </div>
      <div className="st-field">
        <label htmlFor={`${id}-reason`}>{t('actions.payment.reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} aria-describedby={`${id}-reason-hint`} />
        <span id={`${id}-reason-hint`} className="muted small">{t('actions.payment.reasonHint')}</span>
      </div>
    </Frame>
  );
}

function PauseForm({ d, done }: { d: CaseDetail; done: (m: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const [reason, setReason] = useState('');
  // The review date is a date of the case, so a month from the case's today (ahead of the calendar's under a time scale).
  const [review, setReview] = useState(() => new Date(caseNowMs(d) + 30 * 86_400_000).toISOString().slice(0, 10));
  const s = useSubmit(done);
  return (
    <Frame
      error={s.error}
      busy={s.busy}
      submit={t('actions.pause.submit')}
      onSubmit={() =>
        void s.run(async () => {
          await casesApi.pause(d.case.id, { reason: reason.trim(), reviewDate: review });
          return t('actions.pause.done');
        })
      }
    >
      <p className="muted small">{t('actions.pause.hint')}</p>
      <div className="st-field">
        <label htmlFor={`${id}-reason`}>{t('actions.pause.reason')}</label>
        <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </div>
      <div className="st-field">
        <label htmlFor={`${id}-review`}>{t('actions.pause.review')}</label>
        <input id={`${id}-review`} type="date" value={review} onChange={(e) => setReview(e.target.value)} required />
      </div>
    </Frame>
  );
}

/** The proposal, written once: the amount and the reasoning become the approval's first level. */
function ForgivenessForm({ d, levels, done }: { d: CaseDetail; levels: ApprovalLevel[]; done: (m: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const s = useSubmit(done);
  const balance = d.live?.balanceCents ?? d.case.balanceCents;
  const cents = parseEuro(amount);
  const next = levels[1];
  return (
    <Frame
      error={s.error}
      busy={s.busy}
      submit={t('actions.forgiveness.submit')}
      onSubmit={() =>
        void s.run(async () => {
          if (!cents || cents <= 0) throw new Error(t('actions.forgiveness.badAmount'));
          if (cents > balance) throw new Error(t('actions.forgiveness.tooMuch', { balance: euro(balance) }));
          if (reason.trim().length < 10) throw new Error(t('actions.forgiveness.badReason'));
          await casesApi.proposeForgiveness(d.case.id, { amountCents: cents, reason: reason.trim() });
          return next ? t('actions.forgiveness.done', { amount: euro(cents), next: next.label, role: roleLabel(next.role) }) : t('actions.forgiveness.doneAlone', { amount: euro(cents) });
        })
      }
    >
      <p className="muted small">{t('actions.forgiveness.hint', { chain: levels.map((l) => l.label).join(' → ') })}</p>
      <div className="st-field">
        <label htmlFor={`${id}-amount`}>{t('actions.forgiveness.amount')}</label>
        <div className="st-money">
          <span aria-hidden="true">€</span>
          <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0,00" required aria-describedby={`${id}-rest`} />
        </div>
        <span id={`${id}-rest`} className="muted small" data-testid="forgiveness-rest">
          {cents && cents > 0 && cents <= balance ? t('actions.forgiveness.rest', { balance: euro(balance), rest: euro(balance - cents) }) : t('actions.forgiveness.balance', { balance: euro(balance) })}
        </span>
      </div>
      <div className="st-field">
        <label htmlFor={`${id}-reason`}>{t('actions.forgiveness.reason')}</label>
        <textarea id={`${id}-reason`} rows={5} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} />
        <span className="muted small">{t('actions.forgiveness.reasonHint')}</span>
      </div>
    </Frame>
  );
}

function TextForm({ action, required, send, done }: { action: 'resume' | 'contact' | 'note'; required: boolean; send: (text: string) => Promise<unknown>; done: (m: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const id = useId();
  const [text, setText] = useState('');
  const s = useSubmit(done);
  return (
    <Frame
      error={s.error}
      busy={s.busy}
      submit={t(`actions.${action}.submit`)}
      onSubmit={() =>
        void s.run(async () => {
          await send(text.trim());
          return t(`actions.${action}.done`);
        })
      }
    >
      {t(`actions.${action}.hint`, { defaultValue: '' }) && <p className="muted small">{t(`actions.${action}.hint`)}</p>}
      <div className="st-field">
        <label htmlFor={`${id}-text`}>{t(`actions.${action}.text`)}</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} required={required} />
      </div>
    </Frame>
  );
}
