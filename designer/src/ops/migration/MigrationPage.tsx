// Moving running cases to a later version: choose the process and the two versions, map the
// waits of the old version to waits of the new one (the same step id by default), preview
// which cases can move and which cannot and why, then move the ones that can. Cases that do
// not move keep running on their version.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { opsApi, type MigrationPreview, type MigrationResult } from '../api.ts';
import { BulkResults } from '../cases/BulkDialog.tsx';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';
import { StepMapping, type MappingChoice } from './StepMapping.tsx';

export function MigrationPage() {
  const { t } = useTranslation('ops');
  const definitions = useLoad(() => opsApi.definitions(), []);
  // A link from the designer's publish dialog names the process: `?definition=<id>`.
  const [params] = useSearchParams();
  const [definitionId, setDefinitionId] = useState(() => params.get('definition') ?? '');
  const versions = useLoad(() => (definitionId ? opsApi.definitionVersions(definitionId) : Promise.resolve(null)), [definitionId]);
  const [fromVersion, setFromVersion] = useState<number | null>(null);
  const [toVersion, setToVersion] = useState<number | null>(null);
  const [choices, setChoices] = useState<Record<string, MappingChoice>>({});
  const [preview, setPreview] = useState<MigrationPreview | null>(null);
  const [result, setResult] = useState<MigrationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = versions.value?.versions ?? [];
  // Defaults: the first process with cases on an older version (what a migration is for), else one with running cases;
  // its oldest version with running cases, and the newest version.
  // Only while nothing is chosen: a choice made between the list's arrival and this effect wins.
  useEffect(() => {
    const all = definitions.value?.definitions ?? [];
    if (all.length) setDefinitionId((current) => current || (all.find((d) => d.runningOnOlderVersions > 0) ?? all.find((d) => d.runningCases > 0) ?? all[0]!).id);
  }, [definitions.value]);
  useEffect(() => {
    if (!list.length) return;
    const running = [...list].reverse().find((v) => v.runningCases > 0) ?? list[list.length - 1]!;
    setFromVersion(running.version);
    setToVersion(list[0]!.version);
    setChoices({});
    setPreview(null);
    setResult(null);
  }, [versions.value]); // eslint-disable-line react-hooks/exhaustive-deps

  const from = useLoad(() => (definitionId && fromVersion ? opsApi.definitionVersion(definitionId, fromVersion) : Promise.resolve(null)), [definitionId, fromVersion]);
  const to = useLoad(() => (definitionId && toVersion ? opsApi.definitionVersion(definitionId, toVersion) : Promise.resolve(null)), [definitionId, toVersion]);

  const stepMapping = useMemo(() => Object.fromEntries(Object.entries(choices).filter(([, c]) => c.kind === 'to').map(([k, c]) => [k, (c as { to: string }).to])), [choices]);
  const skipped = useMemo(() => new Set(Object.entries(choices).filter(([, c]) => c.kind === 'skip').map(([k]) => k)), [choices]);
  const canPreview = !!definitionId && !!fromVersion && !!toVersion && toVersion > fromVersion;

  const runPreview = async () => {
    if (!canPreview) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await opsApi.migrationPreview({ definitionId, fromVersion: fromVersion!, toVersion: toVersion!, stepMapping }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const movable = preview ? preview.cases.filter((c) => c.ok && !(c.stepId && skipped.has(c.stepId))) : [];
  const move = async () => {
    if (!preview || !movable.length) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await opsApi.migrate({ definitionId, fromVersion: preview.fromVersion, toVersion: preview.toVersion, stepMapping: preview.stepMapping, caseIds: movable.map((c) => c.caseId) }));
      setPreview(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page ops-page" data-testid="ops-migration">
      <h1>{t('migration.title')}</h1>
      <p className="muted">{t('migration.explain')}</p>
      <PageState loading={definitions.loading && !definitions.value} error={definitions.error ?? versions.error} />
      <div className="ops-filters">
        <label>
          {t('cases.filter.definition')}
          <select value={definitionId} onChange={(e) => setDefinitionId(e.target.value)} data-testid="migration-definition">
            {definitions.value?.definitions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('migration.from')}
          <select value={fromVersion ?? ''} onChange={(e) => (setFromVersion(Number(e.target.value)), setPreview(null))} data-testid="migration-from">
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                {t('migration.versionOption', { version: v.version, count: v.runningCases })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('migration.to')}
          <select value={toVersion ?? ''} onChange={(e) => (setToVersion(Number(e.target.value)), setPreview(null))} data-testid="migration-to">
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                {t('migration.versionOption', { version: v.version, count: v.runningCases })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fromVersion && toVersion && toVersion <= fromVersion && <p className="form-error">{t('migration.laterOnly')}</p>}
      {from.value && to.value && canPreview && (
        <StepMapping
          from={from.value.body}
          to={to.value.body}
          choices={choices}
          onChange={(stepId, c) => {
            setChoices((all) => ({ ...all, [stepId]: c }));
            setPreview(null);
          }}
        />
      )}
      <div className="row">
        <button type="button" className="button primary" disabled={!canPreview || busy} onClick={() => void runPreview()} data-testid="migration-preview">
          {t('migration.preview')}
        </button>
        {preview && (
          <button type="button" className="button" disabled={!movable.length || busy} onClick={() => void move()} data-testid="migration-move">
            {t('migration.move', { count: movable.length, version: preview.toVersion })}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && <PreviewTable preview={preview} skipped={skipped} />}
      {result && <BulkResults result={result} onClose={() => setResult(null)} />}
    </section>
  );
}

function PreviewTable({ preview, skipped }: { preview: MigrationPreview; skipped: Set<string> }) {
  const { t } = useTranslation('ops');
  return (
    <div className="ops-card" data-testid="migration-preview-table">
      <p role="status">
        <strong>{t('migration.summary.movable', { count: preview.cases.filter((c) => c.ok && !(c.stepId && skipped.has(c.stepId))).length })}</strong> ·{' '}
        {t('migration.summary.notMovable', { count: preview.summary.notMovable })}
      </p>
      <table className="ops-table compact">
        <thead>
          <tr>
            <th>{t('cases.col.reference')}</th>
            <th>{t('cases.col.step')}</th>
            <th>{t('migration.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.cases.map((c) => {
            const skip = c.ok && c.stepId !== null && skipped.has(c.stepId);
            return (
              <tr key={c.caseId} data-case={c.caseId} data-movable={c.ok && !skip ? 'true' : 'false'}>
                <td>
                  <Link to={`/ops/cases/${c.caseId}`}>{c.reference}</Link>
                  {c.paused && <span className="ops-pill paused">{t('status.paused')}</span>}
                </td>
                <td>{c.stepId ?? '—'}</td>
                <td className={c.ok && !skip ? 'good' : 'bad'}>{c.ok ? (skip ? t('migration.skipped') : t('migration.moves', { to: c.toStep })) : c.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
