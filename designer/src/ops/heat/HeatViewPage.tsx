// The process heat view: pick a definition version, see where its open cases stand on the
// drawing, click a step to list the cases there (all, waiting on a person, paused, failing).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { opsApi, type Heat } from '../api.ts';
import { number } from '../../i18n/format.ts';
import { FailingIcon, PauseIcon, PersonIcon } from '../shared/icons.tsx';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';
import { HeatCanvas } from './HeatCanvas.tsx';
import { HoldList } from './HoldList.tsx';
import { StepCases } from './StepCases.tsx';

export function HeatViewPage() {
  const { t } = useTranslation('ops');
  const [params, setParams] = useSearchParams();
  const versions = useLoad(() => opsApi.versions(), []);
  const list = versions.value?.versions ?? [];
  const chosen = params.get('definition') && params.get('version') ? { id: params.get('definition')!, version: Number(params.get('version')) } : null;
  // Opens on the busiest version: where most open cases are.
  const fallback = list.reduce<(typeof list)[number] | undefined>((best, v) => (!best || v.openCases > best.openCases ? v : best), undefined);
  const current = chosen ?? (fallback ? { id: fallback.id, version: fallback.version } : null);
  const step = params.get('step');

  const heat = useLoad(() => (current ? opsApi.heat(current.id, current.version) : Promise.resolve(null)), [current?.id, current?.version], { refreshMs: 10_000 });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <section className="ops-heat" data-testid="ops-heat">
      <header className="ops-heat-head">
        <h1>{t('heat.title')}</h1>
        <label>
          <span className="visually-hidden">{t('heat.version')}</span>
          <select
            aria-label={t('heat.version')}
            value={current ? `${current.id}@${current.version}` : ''}
            onChange={(e) => {
              const [id, version] = e.target.value.split('@');
              set({ definition: id!, version: version!, step: null });
            }}
          >
            {list.map((v) => (
              <option key={`${v.id}@${v.version}`} value={`${v.id}@${v.version}`}>
                {t('heat.versionOption', { name: v.name, version: v.version, count: v.openCases })}
              </option>
            ))}
          </select>
        </label>
        {heat.value && <Totals heat={heat.value} />}
        <button type="button" className="button small" onClick={heat.reload}>
          {t('common.refresh')}
        </button>
      </header>
      <PageState loading={(versions.loading || heat.loading) && !heat.value} error={versions.error ?? heat.error} empty={!versions.loading && list.length === 0} />
      {heat.value && (
        <div className="ops-heat-body">
          <HeatCanvas body={heat.value.definition.body} steps={heat.value.steps} holds={heat.value.holds} selected={step} onSelect={(s) => set({ step: s })} />
          <aside className="ops-heat-side">
            <HoldList heat={heat.value} />
            {step ? (
              <StepCases heat={heat.value} stepId={step} onClose={() => set({ step: null })} />
            ) : (
              <StepTable heat={heat.value} onSelect={(s) => set({ step: s })} />
            )}
          </aside>
        </div>
      )}
    </section>
  );
}

function Totals({ heat }: { heat: Heat }) {
  const { t } = useTranslation('ops');
  const tt = heat.totals;
  return (
    <div className="ops-heat-totals" data-testid="heat-totals" data-open={tt.open} data-paused={tt.paused} data-person={tt.waitingOnPerson} data-failing={tt.failing}>
      <span>
        <strong>{number(tt.open)}</strong> {t('heat.totals.open')}
      </span>
      <span>
        <strong>{number(tt.waitingOnPerson)}</strong> {t('heat.totals.person')}
      </span>
      <span>
        <strong>{number(tt.paused)}</strong> {t('heat.totals.paused')}
      </span>
      <span className={tt.blocked ? 'bad' : undefined}>
        <strong>{number(tt.blocked)}</strong> {t('heat.totals.blocked')}
      </span>
      <span className={tt.failing ? 'bad' : undefined}>
        <strong>{number(tt.failing)}</strong> {t('heat.totals.failing')}
      </span>
    </div>
  );
}

/** Without a step chosen: every step with open cases, busiest first, as a table. */
function StepTable({ heat, onSelect }: { heat: Heat; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('ops');
  const names = useMemo(() => new Map(heat.definition.body.steps.map((s) => [s.id, s.name])), [heat]);
  const rows = [...heat.steps].sort((a, b) => b.open - a.open);
  return (
    <div>
      <h2>{t('heat.steps')}</h2>
      <p className="muted">{t('heat.clickHint')}</p>
      <table className="ops-table compact" data-testid="heat-table">
        <thead>
          <tr>
            <th>{t('heat.step')}</th>
            <th className="num" title={t('heat.totals.open')}>{t('heat.col.open')}</th>
            {/* The icon repeats the canvas badge's; the word says it without a legend. */}
            <th className="num" title={t('heat.totals.person')}>
              <PersonIcon /> {t('heat.col.person')}
            </th>
            <th className="num" title={t('heat.totals.paused')}>
              <PauseIcon /> {t('heat.col.paused')}
            </th>
            <th className="num" title={t('heat.totals.failing')}>
              <FailingIcon /> {t('heat.col.failing')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.stepId} data-step={s.stepId}>
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(s.stepId)}>
                  {names.get(s.stepId) ?? s.stepId}
                </button>
              </td>
              <td className="num">{s.open}</td>
              <td className="num">{s.waitingOnPerson}</td>
              <td className="num">{s.paused}</td>
              <td className={`num${s.failing ? ' warn' : ''}`}>{s.failing}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
