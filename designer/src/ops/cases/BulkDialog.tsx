// The bulk action dialog: pause (reason and review date), resume (optional note) or cancel
// (reason, and a second click: cancelling closes the cases for good). The server checks the
// whole request first; then it reports per case what happened, which this lists.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { opsApi, type BulkResult } from '../api.ts';
import { daysFromToday } from '../../i18n/format.ts';

export type BulkKind = 'pause' | 'resume' | 'cancel';

export function BulkDialog({ kind, caseIds: selected, onClose, onDone }: { kind: BulkKind; caseIds: string[]; onClose: () => void; onDone: (r: BulkResult) => void }) {
  const { t } = useTranslation('ops');
  // The cases as chosen when the dialog opened: the page clears its selection once they are done,
  // and the title must keep saying how many this was about.
  const [caseIds] = useState(selected);
  const [reason, setReason] = useState('');
  const [reviewDate, setReviewDate] = useState(daysFromToday(30));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r =
        kind === 'pause'
          ? await opsApi.bulk({ action: 'pause', caseIds, reason, reviewDate })
          : kind === 'cancel'
            ? await opsApi.bulk({ action: 'cancel', caseIds, reason })
            : await opsApi.bulk({ action: 'resume', caseIds, ...(reason.trim() ? { note: reason } : {}) });
      setResult(r);
      onDone(r);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ops-dialog-backdrop" role="presentation">
      <div className="ops-dialog" role="dialog" aria-modal="true" aria-labelledby="bulk-title" data-testid="bulk-dialog">
        <h2 id="bulk-title">{t(`bulk.${kind}.title`, { count: caseIds.length })}</h2>
        {!result ? (
          <form onSubmit={submit}>
            <p className="muted">{t(`bulk.${kind}.explain`)}</p>
            <label className="block">
              {kind === 'resume' ? t('bulk.note') : t('bulk.reason')}
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required={kind !== 'resume'} minLength={kind === 'resume' ? undefined : 3} maxLength={1000} />
            </label>
            {kind === 'pause' && (
              <label className="block">
                {t('bulk.reviewDate')}
                <input type="date" value={reviewDate} min={daysFromToday(0)} onChange={(e) => setReviewDate(e.target.value)} required />
              </label>
            )}
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="row end">
              <button type="button" className="button subtle" onClick={onClose} disabled={busy}>
                {t('common.close')}
              </button>
              <button type="submit" className={`button ${kind === 'cancel' ? 'danger' : 'primary'}`} disabled={busy}>
                {busy ? t('bulk.working') : t(`bulk.${kind}.confirm`, { count: caseIds.length })}
              </button>
            </div>
          </form>
        ) : (
          <BulkResults result={result} onClose={onClose} />
        )}
      </div>
    </div>
  );
}

export function BulkResults({ result, onClose }: { result: { summary: { done: number; refused: number }; results: BulkResult['results'] | Array<{ caseId: string; reference: string; ok: boolean; error?: string }> }; onClose: () => void }) {
  const { t } = useTranslation('ops');
  return (
    <div data-testid="bulk-results">
      <p role="status">
        <strong>{t('bulk.summary.done', { count: result.summary.done })}</strong>
        {result.summary.refused > 0 && <span className="bad"> · {t('bulk.summary.refused', { count: result.summary.refused })}</span>}
      </p>
      <ul className="ops-results">
        {result.results.map((r) => (
          <li key={r.caseId} className={r.ok ? 'ok' : 'refused'} data-case={r.caseId}>
            <strong>{r.reference}</strong> {r.ok ? t('bulk.ok') : `${t('bulk.refused')}: ${'error' in r ? r.error : ''}`}
          </li>
        ))}
      </ul>
      <div className="row end">
        <button type="button" className="button primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
