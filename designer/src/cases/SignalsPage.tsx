// The municipality signal at the upload point (docs/municipality-signal.md): put the waiting
// signals into a batch, download a batch as CSV or JSON for the municipality's portal, and
// upload the municipality's answers with the per-line report. For municipalitySignalHandlers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerColumns, type AnswerReport, type SignalBatch } from '../../../server/municipality-signals/schemas.ts';
import { api, ApiError } from '../api/client.ts';
import { dateTime } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';

type Flash = { kind: 'ok' | 'error'; text: string; lines?: string[] };

/** The per-line problems of a refused file, as the server names them. */
function problemLines(err: ApiError): string[] {
  return Array.isArray(err.details) ? err.details.flatMap((d: unknown) => (d && typeof d === 'object' && 'message' in d && typeof d.message === 'string' ? [d.message] : [])) : [];
}

export function SignalsPage() {
  const { t } = useTranslation('cases');
  const list = useLoad(() => api.get<{ waiting: number; batches: SignalBatch[] }>('/api/municipality-signals/batches'), []);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [report, setReport] = useState<AnswerReport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<Flash>) => {
    setBusy(true);
    try {
      setFlash(await action());
      await list.reload();
    } catch (err) {
      setFlash(err instanceof ApiError ? { kind: 'error', text: err.message, lines: problemLines(err) } : { kind: 'error', text: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const makeBatch = () =>
    run(async () => {
      const { batch } = await api.post<{ batch: SignalBatch }>('/api/municipality-signals/batches');
      return { kind: 'ok', text: t('signals.made', { id: batch.id, count: batch.signals }) };
    });

  const upload = (file: File) =>
    run(async () => {
      setReport(null);
      const text = await file.text();
      const json = file.name.toLowerCase().endsWith('.json');
      const result = json
        ? await api.post<AnswerReport>('/api/municipality-signals/answers', JSON.parse(text))
        : await api.upload<AnswerReport>('/api/municipality-signals/answers', text, 'text/csv');
      setReport(result);
      return { kind: 'ok', text: t('signals.imported', { count: result.applied, unchanged: result.unchanged }) };
    });

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <h1>{t('signals.title')}</h1>
        <p>{t('signals.intro')}</p>
      </header>
      {flash && (
        <div className={flash.kind === 'ok' ? 'notice-inline ok' : 'form-error'} role={flash.kind === 'ok' ? 'status' : 'alert'}>
          <p>{flash.text}</p>
          {flash.lines && flash.lines.length > 0 && (
            <ul data-testid="answer-problems">
              {flash.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {list.error && <p className="form-error">{list.error.message}</p>}

      <h2>{t('signals.exportTitle')}</h2>
      {list.value && (
        <p>
          {t('signals.waiting', { count: list.value.waiting })}{' '}
          <button type="button" className="button primary" disabled={busy || list.value.waiting === 0} onClick={() => void makeBatch()}>
            {t('signals.makeBatch')}
          </button>
        </p>
      )}
      {list.value && list.value.batches.length > 0 && (
        <div className="table-scroll">
          <table className="st-table cards" data-testid="signal-batches">
            <thead>
              <tr>
                <th scope="col">{t('signals.batch')}</th>
                <th scope="col">{t('signals.madeAt')}</th>
                <th scope="col">{t('signals.count')}</th>
                <th scope="col">{t('signals.answered')}</th>
                <th scope="col">{t('signals.download')}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.batches.map((b) => (
                <tr key={b.id} data-testid="signal-batch">
                  <td data-label={t('signals.batch')}>{b.id}</td>
                  <td data-label={t('signals.madeAt')}>{t('signals.by', { when: dateTime(b.createdAt), who: b.createdBy ?? '—' })}</td>
                  <td data-label={t('signals.count')}>{b.signals}</td>
                  <td data-label={t('signals.answered')}>{b.answered}</td>
                  <td data-label={t('signals.download')}>
                    {(['csv', 'json'] as const).map((format) => (
                      <a key={format} className="button" href={`/api/municipality-signals/batches/${b.id}/export?format=${format}`} download={`signalen-gemeente-${b.id}.${format}`}>
                        {format.toUpperCase()}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('signals.answersTitle')}</h2>
      <p>{t('signals.answersIntro', { header: answerColumns.join(',') })}</p>
      <label className="button">
        {t('signals.upload')}
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          hidden
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
      </label>
      {report && (
        <div className="table-scroll">
          <table className="st-table cards" data-testid="answer-report">
            <thead>
              <tr>
                <th scope="col">{t('signals.line')}</th>
                <th scope="col">{t('signals.answer')}</th>
                <th scope="col">{t('signals.effect')}</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((l) => (
                <tr key={l.line}>
                  <td data-label={t('signals.line')}>{l.line}</td>
                  <td data-label={t('signals.answer')}>{t(`signals.answers.${l.answer}`)}</td>
                  <td data-label={t('signals.effect')}>
                    <Link to={`/cases/${l.caseId}`}>{t(`signals.effects.${l.effect}`)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
