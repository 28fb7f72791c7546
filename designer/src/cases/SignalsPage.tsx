// The municipality signal at the upload point (docs/municipality-signal.md): put the waiting
// signals into a batch, download a batch as CSV or JSON for the municipality's portal, and
// upload the municipality's answers with the per-line report. For municipalitySignalHandlers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerColumns, type AnswerReport, type SignalBatch } from '../../../server/municipality-signals/schemas.ts';
import { api, ApiError } from '../api/client.ts';
import { dateTime } from '../i18n/format.ts';
import { CardTable } from '../staff/CardTable.tsx';
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
        <CardTable
          testId="signal-batches"
          rowTestId="signal-batch"
          rows={list.value.batches}
          rowKey={(b) => b.id}
          columns={[
            { label: t('signals.batch'), cell: (b) => b.id },
            { label: t('signals.madeAt'), cell: (b) => t('signals.by', { when: dateTime(b.createdAt), who: b.createdBy ?? '—' }) },
            { label: t('signals.count'), cell: (b) => b.signals },
            { label: t('signals.answered'), cell: (b) => b.answered },
            {
              label: t('signals.download'),
              cell: (b) =>
                (['csv', 'json'] as const).map((format) => (
                  <a key={format} className="button" href={`/api/municipality-signals/batches/${b.id}/export?format=${format}`} download={`signalen-gemeente-${b.id}.${format}`}>
                    {format.toUpperCase()}
                  </a>
                )),
            },
          ]}
        />
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
        <CardTable
          testId="answer-report"
          rows={report.lines}
          rowKey={(l) => l.line}
          columns={[
            { label: t('signals.line'), cell: (l) => l.line },
            { label: t('signals.answer'), cell: (l) => t(`signals.answers.${l.answer}`) },
            { label: t('signals.effect'), cell: (l) => <Link to={`/cases/${l.caseId}`}>{t(`signals.effects.${l.effect}`)}</Link> },
          ]}
        />
      )}
    </section>
  );
}
