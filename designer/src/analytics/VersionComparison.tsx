// Version against version over cases that started in the same period: overall and per step,
// each figure of both with its interval and count, and B minus A with its interval and the
// verdict, which is left out when either side has fewer than 30 cases.
import { useTranslation } from 'react-i18next';
import { number } from '../i18n/format.ts';
import { useLoad } from '../ops/use-load.ts';
import { PageState } from '../ops/shared/PageState.tsx';
import { analyticsApi, type Comparison, type Population } from './api.ts';
import { RateText } from './RateText.tsx';

type Pair = Comparison['overall'][number] | Comparison['steps'][number];

function DifferenceText({ d }: { d: Pair['difference'] }) {
  const { t } = useTranslation('analytics');
  if (!d) return <span className="muted">—</span>;
  const points = (v: number) => `${v > 0 ? '+' : ''}${number(v * 100, 1)}`;
  return (
    <span className={`difference ${d.verdict ?? 'too-few'}`} data-verdict={d.verdict ?? ''} data-estimate={d.estimate}>
      {points(d.estimate)} {t('compare.points')} ({points(d.low)} {t('compare.to')} {points(d.high)}) · {d.verdict ? t(`compare.verdict.${d.verdict}`) : t('rate.tooFew')}
    </span>
  );
}

/** `chosen`: version B as the page's address names it; by default the newest other version. */
export function VersionComparison({ population, versions, chosen, onChoose }: { population: Population; versions: number[]; chosen: number | null; onChoose: (version: number) => void }) {
  const { t, i18n } = useTranslation('analytics');
  const others = versions.filter((v) => v !== population.version);
  const versionB = chosen !== null && others.includes(chosen) ? chosen : others[0];
  const compared = useLoad(() => (versionB ? analyticsApi.comparison(population, versionB) : Promise.resolve(null)), [population.definitionId, population.version, population.from, population.to, versionB]);
  if (!versionB) return <p className="muted">{t('compare.onlyOne')}</p>;
  const c = compared.value;
  return (
    <section className="ops-card" data-testid="version-comparison" aria-labelledby="compare-title">
      <header className="analytics-card-head">
        <h2 id="compare-title">{t('compare.title', { a: population.version })}</h2>
        <label>
          {t('compare.against')}{' '}
          <select value={versionB} onChange={(e) => onChoose(Number(e.target.value))} aria-label={t('compare.against')}>
            {others.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <a className="button small" href={analyticsApi.comparisonCsvUrl(population, versionB, i18n.language)} download>
          {t('csv')}
        </a>
      </header>
      <p className="muted">{t('compare.hint')}</p>
      <PageState loading={compared.loading && !c} error={compared.error} />
      {c && (
        <table className="ops-table compact" data-testid="comparison-table">
          <thead>
            <tr>
              <th>{t('compare.figure')}</th>
              <th>v{c.versions.a}</th>
              <th>v{c.versions.b}</th>
              <th>{t('compare.difference')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{t('compare.cases')}</td>
              <td>{number(c.cases.a)}</td>
              <td>{number(c.cases.b)}</td>
              <td />
            </tr>
            {c.overall.map((m) => (
              <tr key={m.metric} data-metric={m.metric}>
                <td>{t(`compare.metric.${m.metric}`)}</td>
                <td>{m.a && <RateText rate={m.a} />}</td>
                <td>{m.b && <RateText rate={m.b} />}</td>
                <td>
                  <DifferenceText d={m.difference} />
                </td>
              </tr>
            ))}
            {c.steps.map((s) => (
              <tr key={s.stepId} data-step={s.stepId}>
                <td>{t('compare.stepPaid', { step: s.name })}</td>
                <td>{s.a ? <RateText rate={s.a} /> : <span className="muted">{t('compare.notInVersion')}</span>}</td>
                <td>{s.b ? <RateText rate={s.b} /> : <span className="muted">{t('compare.notInVersion')}</span>}</td>
                <td>
                  <DifferenceText d={s.difference} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c && <p className="muted small">{t('compare.median', { a: c.medianDaysToPayment.a === null ? '—' : number(c.medianDaysToPayment.a, 1), b: c.medianDaysToPayment.b === null ? '—' : number(c.medianDaysToPayment.b, 1), va: c.versions.a, vb: c.versions.b })}</p>}
    </section>
  );
}
