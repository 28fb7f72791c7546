// The rent ledger's arrears list by hand: upload the ERP's CSV, follow the run's progress (it
// works in its own workflow), and read what each line did, the bad lines first. Below, the
// latest runs, from uploads, pushes and the daily Schedule alike.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeLineReport, IntakeRun } from '../../../server/intake/runs-repository.ts';
import { intakeOutcomes } from '../../../definition/intake.ts';
import { api, ApiError } from '../api/client.ts';
import { date, dateTime, euro } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';

type RunReport = { run: IntakeRun; lines: IntakeLineReport[] };

export function IntakePage() {
  const { t } = useTranslation('cases');
  const runs = useLoad(() => api.get<{ runs: IntakeRun[] }>('/api/intake/runs'), []);
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const answer = await api.upload<{ run: IntakeRun; alreadyImported: boolean }>(`/api/intake/arrears?filename=${encodeURIComponent(file.name)}`, await file.text(), 'text/csv');
      setCurrent(answer.run.id);
      if (answer.alreadyImported) setError(t('intake.alreadyImported'));
      await runs.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <div>
          <h1>{t('intake.title')}</h1>
          <p>{t('intake.intro')}</p>
        </div>
      </header>
      <div className="st-card">
        <label>
          {t('intake.file')} <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {current && <RunProgress runId={current} onDone={() => void runs.reload()} />}
      <h2>{t('intake.runs')}</h2>
      {runs.value && runs.value.runs.length === 0 && <p className="muted">{t('intake.none')}</p>}
      {runs.value && runs.value.runs.length > 0 && (
        <ul className="st-list">
          {runs.value.runs.map((r) => (
            <li key={r.id}>
              <button type="button" className="button small" onClick={() => setCurrent(r.id)}>
                {r.filename ?? t(`intake.source.${r.source}`)}
              </button>{' '}
              · {t('intake.ledgerOf', { date: date(r.asOf) })} · {dateTime(r.startedAt)} · {t(`intake.status.${r.status}`)} · {t('intake.progress', { done: r.doneLines, total: r.totalLines })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One run: its progress while it works (asked every second and a half), then its counts and lines. */
function RunProgress({ runId, onDone }: { runId: string; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const [outcome, setOutcome] = useState<string>('invalid');
  const [report, setReport] = useState<RunReport | null>(null);
  // The parent's callback changes with every render of it; the polling must not restart for that.
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answer = await api.get<RunReport>(`/api/intake/runs/${runId}?outcome=${outcome}&limit=500`).catch(() => null);
      if (stopped) return;
      if (answer) setReport(answer);
      if (answer?.run.status === 'running') timer = setTimeout(() => void poll(), 1500);
      else done.current();
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, outcome]);
  if (!report) return null;
  const { run, lines } = report;
  return (
    <div className="st-card" data-testid="intake-run" aria-live="polite">
      <h2>
        {run.filename ?? t(`intake.source.${run.source}`)} · {t('intake.ledgerOf', { date: date(run.asOf) })}
      </h2>
      <p>
        <progress max={run.totalLines || 1} value={run.doneLines} /> {t('intake.progress', { done: run.doneLines, total: run.totalLines })} · {t(`intake.status.${run.status}`)}
        {run.error ? ` · ${run.error}` : ''}
      </p>
      <dl className="st-facts">
        {intakeOutcomes
          .filter((o) => run.counts[o])
          .map((o) => (
            <div key={o}>
              <dt>{t(`intake.outcome.${o}`)}</dt>
              <dd>{run.counts[o]}</dd>
            </div>
          ))}
      </dl>
      <label>
        {t('intake.show')}{' '}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {intakeOutcomes
            .filter((o) => o !== 'pending')
            .map((o) => (
              <option key={o} value={o}>
                {t(`intake.outcome.${o}`)}
              </option>
            ))}
        </select>
      </label>
      {lines.length === 0 ? (
        <p className="muted">{t('intake.noLines')}</p>
      ) : (
        <ul className="st-list" data-testid="intake-lines">
          {lines.map((l) => (
            <li key={l.line}>
              {t('intake.line', { line: l.line })} · {l.tenancyReference ?? '—'}
              {l.amountCents !== null ? ` · ${euro(l.amountCents)}` : ''}
              {l.message ? ` · ${l.message}` : ''}
              {l.caseId && (
                <>
                  {' '}
                  · <a href={`/cases/${l.caseId}`}>{t('intake.toCase')}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
