// The published versions: who published when, with what note, how many cases run on each;
// compare any two (or a version with the drawing on the canvas), or start a draft from one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../i18n/format.ts';
import { ApiError } from '../../api/client.ts';
import { designerApi, type VersionListing } from '../api.ts';
import type { LooseDefinition } from '../model/convert.ts';
import { useDesigner, useDesignerStore } from '../store/context.tsx';
import { definitionOf } from '../store/designer-store.ts';

export type DiffSide = { label: string; body: LooseDefinition };
export type DiffRequest = { from: DiffSide; to: DiffSide };

const CURRENT = 'current';

export function VersionsPanel({ onDiff }: { onDiff: (d: DiffRequest) => void }) {
  const { t } = useTranslation('designer');
  const store = useDesignerStore();
  const id = useDesigner((s) => s.meta.id);
  const latest = useDesigner((s) => s.server.latestVersion);
  const [versions, setVersions] = useState<VersionListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(CURRENT);

  useEffect(() => {
    let cancelled = false;
    designerApi
      .versions(id)
      .then((r) => {
        if (cancelled) return;
        setVersions(r.versions);
        setFrom((f) => f || (r.versions[0] ? String(r.versions[0].version) : ''));
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [id, latest]);

  const side = (value: string): DiffSide | null => {
    if (value === CURRENT) return { label: t('versions.current'), body: definitionOf(store.getState()) };
    const v = versions?.find((x) => String(x.version) === value);
    return v ? { label: t('versions.versionN', { n: v.version }), body: v.body } : null;
  };

  if (error) return <p className="form-error">{error}</p>;
  if (!versions) return <p className="muted">{t('versions.loading')}</p>;
  return (
    <div className="versions">
      <section className="diff-picker">
        <h3>{t('versions.compare')}</h3>
        <div className="row wrap">
          <label>
            {t('versions.from')}
            <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t('versions.versionN', { n: v.version })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('versions.to')}
            <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
              <option value={CURRENT}>{t('versions.current')}</option>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t('versions.versionN', { n: v.version })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button small primary"
            disabled={!from || from === to}
            onClick={() => {
              const a = side(from);
              const b = side(to);
              if (a && b) onDiff({ from: a, to: b });
            }}
          >
            {t('versions.showDiff')}
          </button>
        </div>
      </section>
      {versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ol className="version-list">
        {versions.map((v, i) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div className="row spread">
              <strong>{t('versions.versionN', { n: v.version })}</strong>
              <span className={`running${v.runningCases ? '' : ' zero'}`}>{t('versions.running', { count: v.runningCases })}</span>
            </div>
            <div className="muted small">{t('versions.publishedBy', { who: v.publishedBy === 'system' ? t('versions.system') : v.publishedByName, when: dateTime(v.publishedAt) })}</div>
            {v.changeNote && <p className="change-note">{v.changeNote}</p>}
            <div className="row wrap">
              {versions[i + 1] && (
                <button type="button" className="button small" onClick={() => onDiff({ from: side(String(versions[i + 1]!.version))!, to: side(String(v.version))! })}>
                  {t('versions.diffPrevious')}
                </button>
              )}
              <button
                type="button"
                className="button small"
                onClick={() => {
                  if (window.confirm(t('versions.restoreConfirm', { n: v.version }))) store.getState().replaceContent(v.body);
                }}
              >
                {t('versions.restore')}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
