// Finance's bank statements: read a statement (CSV, CAMT.053 or MT940) and see its totals and
// matches before anything is booked, then book it; below, the work queue of lines no case was
// found for, or more than one, each booked on a case by hand or set aside with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../server/payments/import.ts';
import type { QueueLine, QueueStatus } from '../../../server/payments/statement-queue-repository.ts';
import { api, ApiError } from '../api/client.ts';
import { date, dateTime, euro } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';

type Flash = { kind: 'ok' | 'error'; text: string } | null;
const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/** The content type a statement goes with; the server reads the format from the content. */
const contentTypeOf = (file: File) => (/\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : /\.xml$/i.test(file.name) || file.type.endsWith('/xml') ? 'application/xml' : 'application/octet-stream');

export function StatementsPage() {
  const { t } = useTranslation('cases');
  const [status, setStatus] = useState<QueueStatus>('open');
  const queue = useLoad(() => api.get<{ lines: QueueLine[] }>(`/api/statement-lines?status=${status}`), [status]);
  const [flash, setFlash] = useState<Flash>(null);
  return (
    <section className="page st-page">
      <header className="st-page-header">
        <h1>{t('statements.title')}</h1>
        <p>{t('statements.intro')}</p>
      </header>
      {flash && (
        <p className={flash.kind === 'ok' ? 'notice-inline ok' : 'form-error'} role={flash.kind === 'ok' ? 'status' : 'alert'}>
          {flash.text}
        </p>
      )}
      <StatementImport onBooked={() => void queue.reload()} setFlash={setFlash} />
      <h2>{t('statements.queueTitle')}</h2>
      <p>
        <label>
          {t('statements.show')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as QueueStatus)}>
            {(['open', 'matched', 'set-aside'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`statements.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </p>
      {queue.error && <p className="form-error">{queue.error.message}</p>}
      {queue.value && queue.value.lines.length === 0 && <p className="muted">{t(status === 'open' ? 'statements.queueEmpty' : 'statements.noneYet')}</p>}
      {queue.value &&
        queue.value.lines.map((line) => (
          <QueueItem
            key={line.id}
            line={line}
            onDone={(text) => {
              setFlash({ kind: 'ok', text });
              void queue.reload();
            }}
            onError={(err) => setFlash({ kind: 'error', text: message(err) })}
          />
        ))}
    </section>
  );
}

function StatementImport({ onBooked, setFlash }: { onBooked: () => void; setFlash: (f: Flash) => void }) {
  const { t } = useTranslation('cases');
  const [file, setFile] = useState<{ name: string; text: string; type: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (f: File | undefined) => {
    setReport(null);
    setFlash(null);
    if (!f) return setFile(null);
    const chosen = { name: f.name, text: await f.text(), type: contentTypeOf(f) };
    setFile(chosen);
    await run(chosen, true);
  };
  const run = async (f: { name: string; text: string; type: string }, preview: boolean) => {
    setBusy(true);
    try {
      const answer = await api.upload<ImportReport>(`/api/payments/import?filename=${encodeURIComponent(f.name)}${preview ? '&preview=true' : ''}`, f.text, f.type);
      setReport(answer);
      if (!preview) {
        setFlash({ kind: 'ok', text: answer.alreadyImported ? t('statements.alreadyImported') : t('statements.booked', { count: answer.applied, queued: answer.unmatched.length }) });
        onBooked();
      }
    } catch (err) {
      setFlash({ kind: 'error', text: message(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="st-card" data-testid="statement-import">
      <h2>{t('statements.importTitle')}</h2>
      <label>
        {t('statements.file')} <input type="file" accept=".csv,.xml,.sta,.940,.txt" onChange={(e) => void read(e.target.files?.[0])} />
      </label>
      {report && (
        <div data-testid="statement-report">
          <p>
            {t(report.preview ? 'statements.previewOf' : 'statements.reportOf', { format: report.format, lines: report.lines })}{' '}
            {report.alreadyImported && <strong>{t('statements.alreadyImported')}</strong>}
          </p>
          <dl className="st-facts">
            <dt>{t('statements.received')}</dt>
            <dd>{euro(report.totals.receivedCents)}</dd>
            <dt>{t('statements.matched')}</dt>
            <dd>
              {euro(report.totals.matchedCents)} ({t('statements.lines', { count: report.matched })}
              {report.duplicates > 0 ? `, ${t('statements.duplicates', { count: report.duplicates })}` : ''})
            </dd>
            <dt>{t('statements.unmatched')}</dt>
            <dd>
              {euro(report.totals.unmatchedCents)} ({t('statements.lines', { count: report.unmatched.length })})
            </dd>
          </dl>
          {report.unmatched.length > 0 && (
            <ul>
              {report.unmatched.map((u) => (
                <li key={u.line}>
                  {t('statements.lineWhy', { line: u.line, amount: euro(u.amountCents), text: u.reference || '—', reason: u.reason })}
                </li>
              ))}
            </ul>
          )}
          {report.preview && file && (
            <button type="button" className="button primary" disabled={busy} onClick={() => void run(file, false)}>
              {t('statements.book')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function QueueItem({ line, onDone, onError }: { line: QueueLine; onDone: (text: string) => void; onError: (err: unknown) => void }) {
  const { t } = useTranslation('cases');
  const [reference, setReference] = useState('');
  const [remember, setRemember] = useState(true);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body: unknown, done: (l: QueueLine) => string) => {
    setBusy(true);
    try {
      const answer = await api.post<{ line: QueueLine }>(`/api/statement-lines/${line.id}/${path}`, body);
      onDone(done(answer.line));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const book = (target: { caseId: string } | { reference: string }) =>
    void act('match', { ...target, rememberAccount: remember, ...(note.trim() ? { note: note.trim() } : {}) }, (l) => t('statements.bookedOn', { amount: euro(l.amountCents), reference: l.caseReference }));
  const headingId = `line-${line.id}`;

  return (
    <article className="st-card" aria-labelledby={headingId} data-testid="statement-line">
      <h3 id={headingId}>
        {euro(line.amountCents)} · {date(line.bookedOn)} · {line.description || '—'}
      </h3>
      <p className="muted">
        {t('statements.from', { account: line.iban ?? t('statements.noAccount'), file: line.filename ?? '—', line: line.line })}
        <br />
        {line.reason}
      </p>
      {line.status !== 'open' ? (
        <p>
          {line.status === 'matched'
            ? t('statements.wasMatched', { reference: line.caseReference, who: line.resolvedBy?.displayName ?? '—', when: dateTime(line.resolvedAt) })
            : t('statements.wasSetAside', { who: line.resolvedBy?.displayName ?? '—', when: dateTime(line.resolvedAt) })}
          {line.note ? ` · ${line.note}` : ''}
        </p>
      ) : (
        <form
          className="st-form"
          onSubmit={(e) => {
            e.preventDefault();
            book({ reference: reference.trim() });
          }}
        >
          {line.candidates.length > 0 && (
            <p>
              {line.candidates.map((c) => (
                <button key={c.caseId} type="button" className="button" disabled={busy} onClick={() => book({ caseId: c.caseId })}>
                  {t('statements.bookOnCandidate', { reference: c.reference, balance: euro(c.balanceCents) })}
                </button>
              ))}
            </p>
          )}
          <label>
            {t('statements.reference')} <input value={reference} onChange={(e) => setReference(e.target.value)} autoComplete="off" />
          </label>{' '}
          <button type="submit" className="button primary" disabled={busy || reference.trim() === ''}>
            {t('statements.bookOn')}
          </button>
          {line.iban && (
            <label>
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('statements.remember', { account: line.iban })}
            </label>
          )}
          <label>
            {t('statements.note')} <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </label>{' '}
          <button type="button" className="button" disabled={busy} onClick={() => void act('set-aside', { note: note.trim() }, () => t('statements.setAsideDone', { amount: euro(line.amountCents) }))}>
            {t('statements.setAside')}
          </button>
        </form>
      )}
    </article>
  );
}
