// Manual payments on this case above the approval threshold: those waiting for a second
// person and those rejected, with who registered them and why. Finance, team leads and the
// collection manager approve or reject here; not the person who registered it (the server
// refuses that too, definition/payment-control.ts).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paymentApprovers } from '../../../definition/access.ts';
import { useSession } from '../session/session.tsx';
import { dateTime, euro } from '../i18n/format.ts';
import { casesApi, type CaseDetail, type PaymentRequest } from './api.ts';
import { useSubmit } from './CaseActions.tsx';

export function PaymentRequests({ d, onChanged }: { d: CaseDetail; onChanged: (message: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const headingId = useId();
  if (d.paymentRequests.length === 0) return null;
  return (
    <section className="st-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('paymentRequests.title')}</h2>
      <ul className="st-list">
        {d.paymentRequests.map((r) => (
          <Request key={r.id} r={r} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function Request({ r, onChanged }: { r: PaymentRequest; onChanged: (message: string) => Promise<void> }) {
  const { t } = useTranslation('cases');
  const session = useSession();
  const noteId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const s = useSubmit(onChanged);
  const mayDecide = r.status === 'pending' && session.hasRole(...paymentApprovers) && session.user?.id !== r.requestedBy;
  const run = s.run;
  return (
    <li data-testid="payment-request">
      <div>
        <strong>{euro(r.amountCents)}</strong> · {r.reference} · {t(`paymentRequests.status.${r.status}`)}
      </div>
      <div className="muted small">{t('paymentRequests.requested', { by: r.requestedByName, when: dateTime(r.requestedAt) })}</div>
      <div className="st-quote">{r.reason}</div>
      {r.status === 'rejected' && (
        <div className="muted small">
          {t('paymentRequests.rejected', { by: r.decidedByName })} <span className="st-quote">{r.decisionNote}</span>
        </div>
      )}
      {r.status === 'pending' && !mayDecide && <div className="muted small">{t('paymentRequests.waiting')}</div>}
      {mayDecide && (
        <div className="st-actions">
          <button type="button" className="button primary" disabled={s.busy} onClick={() => void run(async () => (await casesApi.approvePayment(r.id), t('paymentRequests.approved', { amount: euro(r.amountCents) })))}>
            {t('paymentRequests.approve')}
          </button>
          {!rejecting && (
            <button type="button" className="button" disabled={s.busy} onClick={() => setRejecting(true)}>
              {t('paymentRequests.reject')}
            </button>
          )}
        </div>
      )}
      {mayDecide && rejecting && (
        <form
          className="st-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => (await casesApi.rejectPayment(r.id, note.trim()), t('paymentRequests.rejectedDone', { amount: euro(r.amountCents) })));
          }}
        >
          <div className="st-field">
            <label htmlFor={noteId}>{t('paymentRequests.why')}</label>
            <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} maxLength={1000} />
          </div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('paymentRequests.confirmReject')}
          </button>
        </form>
      )}
      {s.error && (
        <p className="st-banner error" role="alert">
          {s.error}
        </p>
      )}
    </li>
  );
}
