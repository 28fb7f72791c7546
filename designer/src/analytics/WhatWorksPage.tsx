// "Wat werkt": which steps, channels and arrangements of a version are followed by payment,
// an arrangement or contact, over its closed cases that started in a period. The map colours
// each step by the chosen figure (grey when fewer than 30 cases passed it); the table, the
// charts and the version comparison give every share with its interval and count.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { channelLabel } from '../i18n/format.ts';
import { PageState } from '../ops/shared/PageState.tsx';
import { useLoad } from '../ops/use-load.ts';
import { analyticsApi, type AnalyticsTable, type Outcomes, type Population } from './api.ts';
import { ArrangementTables } from './ArrangementTables.tsx';
import { EffectMap, type Figure, type Window } from './EffectMap.tsx';
import { RateChart } from './RateChart.tsx';
import { RateText } from './RateText.tsx';
import { StepTable } from './StepTable.tsx';
import { VersionComparison } from './VersionComparison.tsx';

const figures: Figure[] = ['paidInFull', 'arrangement', 'contact'];
const windows: Window[] = ['d7', 'd14', 'd30'];
const pickOne = <T extends string>(value: string | null, options: T[], fallback: T): T => (options.includes(value as T) ? (value as T) : fallback);

export function WhatWorksPage() {
  const { t } = useTranslation('analytics');
  const [params, setParams] = useSearchParams();
  const versions = useLoad(() => analyticsApi.versions(), []);
  const list = versions.value?.versions ?? [];
  // Opens on the version with the most closed cases to learn from.
  const fallback = list.reduce<(typeof list)[number] | undefined>((best, v) => (!best || v.closedCases > best.closedCases ? v : best), undefined);
  const definitionId = params.get('definition') ?? fallback?.id ?? null;
  const version = Number(params.get('version') ?? fallback?.version ?? 0);
  const population: Population | null = definitionId && version ? { definitionId, version, ...(params.get('from') ? { from: params.get('from')! } : {}), ...(params.get('to') ? { to: params.get('to')! } : {}) } : null;
  const figure = pickOne(params.get('figure'), figures, 'paidInFull');
  const within = pickOne(params.get('window'), windows, 'd30');
  const step = params.get('step');
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const outcomes = useLoad(() => (population ? analyticsApi.outcomes(population) : Promise.resolve(null)), [population?.definitionId, population?.version, population?.from, population?.to]);
  const sameDefinition = list.filter((v) => v.id === definitionId).map((v) => v.version);

  return (
    <section className="ops-heat analytics" data-testid="what-works">
      <header className="ops-heat-head">
        <h1>{t('title')}</h1>
        <select aria-label={t('version')} value={population ? `${population.definitionId}@${population.version}` : ''} onChange={(e) => set({ definition: e.target.value.split('@')[0]!, version: e.target.value.split('@')[1]!, step: null, versionB: null })}>
          {list.map((v) => (
            <option key={`${v.id}@${v.version}`} value={`${v.id}@${v.version}`}>
              {t('versionOption', { name: v.name, version: v.version, count: v.closedCases })}
            </option>
          ))}
        </select>
        <label>
          {t('from')} <input type="date" value={params.get('from') ?? ''} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('to')} <input type="date" value={params.get('to') ?? ''} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <select aria-label={t('figure.label')} value={figure} onChange={(e) => set({ figure: e.target.value })}>
          {figures.map((f) => (
            <option key={f} value={f}>
              {t(`figure.${f}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('window.label')} value={within} onChange={(e) => set({ window: e.target.value })}>
          {windows.map((w) => (
            <option key={w} value={w}>
              {t('window.option', { days: w.slice(1) })}
            </option>
          ))}
        </select>
      </header>
      <PageState loading={(versions.loading || outcomes.loading) && !outcomes.value} error={versions.error ?? outcomes.error} empty={!versions.loading && list.length === 0} />
      {outcomes.value && population && (
        <>
          <p className="analytics-summary muted" data-testid="analytics-summary">
            {t('summary', { count: outcomes.value.overall.cases, figure: t(`figure.${figure}`), days: within.slice(1) })}
          </p>
          <div className="ops-heat-body analytics-map">
            <EffectMap body={outcomes.value.definition.body} steps={outcomes.value.steps} figure={figure} window={within} selected={step} onSelect={(s) => set({ step: s })} />
            <aside className="ops-heat-side">
              <Overall o={outcomes.value} />
              <CsvLinks population={population} />
            </aside>
          </div>
          <div className="analytics-sections">
            <div className="ops-card">
              <h2>{t('steps.title', { figure: t(`figure.${figure}`) })}</h2>
              <StepTable steps={outcomes.value.steps} figure={figure} selected={step} onSelect={(s) => set({ step: s })} />
            </div>
            <div className="ops-grid">
              <RateChart testId="chart-steps" title={t('charts.steps', { figure: t(`figure.${figure}`), days: within.slice(1) })} bars={outcomes.value.steps.map((s) => ({ label: s.name, rate: s[figure][within] }))} />
              <RateChart testId="chart-channels" title={t('charts.channels')} bars={outcomes.value.channels.map((c) => ({ label: channelName(c.channel, t), rate: c.response }))} />
              <ChannelTable o={outcomes.value} />
              <ArrangementTables arrangements={outcomes.value.arrangements} />
            </div>
            <VersionComparison population={population} versions={sameDefinition} chosen={params.get('versionB') ? Number(params.get('versionB')) : null} onChoose={(v) => set({ versionB: String(v) })} />
          </div>
        </>
      )}
    </section>
  );
}

const channelName = (channel: string, t: (key: string) => string) => (channel === 'call' || channel === 'visit' ? t(`channels.${channel}`) : channelLabel(channel));

function Overall({ o }: { o: Outcomes }) {
  const { t } = useTranslation('analytics');
  const rows = [
    ['paidInFull30', o.overall.paidInFull30],
    ['paidInFull60', o.overall.paidInFull60],
    ['arrangement', o.overall.arrangement],
    ['contact30', o.overall.contact30],
  ] as const;
  return (
    <div data-testid="analytics-overall">
      <h2>{t('overall.title', { count: o.overall.cases })}</h2>
      <dl className="analytics-overall">
        {rows.map(([key, rate]) => (
          <div key={key}>
            <dt>{t(`compare.metric.${key}`)}</dt>
            <dd>
              <RateText rate={rate} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('overall.hint')}</p>
    </div>
  );
}

function ChannelTable({ o }: { o: Outcomes }) {
  const { t } = useTranslation('analytics');
  return (
    <div className="ops-card">
      <h2>{t('channels.title')}</h2>
      <p className="muted">{t('channels.hint')}</p>
      <table className="ops-table compact" data-testid="analytics-channels">
        <thead>
          <tr>
            <th>{t('channels.channel')}</th>
            <th className="num">{t('channels.sent')}</th>
            <th>{t('channels.response')}</th>
            <th className="num">{t('steps.rank')}</th>
          </tr>
        </thead>
        <tbody>
          {o.channels.map((c) => (
            <tr key={c.channel} data-channel={c.channel}>
              <td>{channelName(c.channel, t)}</td>
              <td className="num">{c.sent}</td>
              <td>
                <RateText rate={c.response} />
              </td>
              <td className="num">{c.rank ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CsvLinks({ population }: { population: Population }) {
  const { t, i18n } = useTranslation('analytics');
  const tables: AnalyticsTable[] = ['steps', 'channels', 'arrangements'];
  return (
    <div className="analytics-csv">
      <h3>{t('csv')}</h3>
      {tables.map((table) => (
        <a key={table} className="button small" href={analyticsApi.csvUrl(population, table, i18n.language)} download data-testid={`csv-${table}`}>
          {t(`tables.${table}`)}
        </a>
      ))}
    </div>
  );
}
