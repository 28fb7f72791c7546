// The dashboard: what ops and team leads look at first. Tiles for the totals, a chart for
// cases opened and closed per week by outcome (a trend reads better as bars than as a table),
// a chart for arrangements, and a table for tasks per role (exact numbers per role matter).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { caseOutcomes } from '../../../../definition/catalog.ts';
import { opsApi, type Dashboard } from '../api.ts';
import { date, euro, number, weekLabel } from '../../i18n/format.ts';
import { outcomeColours, outcomeLabel, roleLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';

export function DashboardPage() {
  const { t } = useTranslation('ops');
  const { value, error, loading } = useLoad(() => opsApi.dashboard(12), [], { refreshMs: 30_000 });
  return (
    <section className="page ops-page" data-testid="ops-dashboard">
      <h1>{t('dashboard.title')}</h1>
      <PageState loading={loading && !value} error={error} />
      {value && <DashboardBody d={value} />}
    </section>
  );
}

/** A total; with `to`, a link to the cases behind it (the case search with its filter, or the trouble list). */
function Tile({ label, value, hint, tone, to }: { label: string; value: string; hint?: string; tone?: 'warning' | 'error'; to?: string }) {
  const body = (
    <>
      <span className="ops-tile-label">{label}</span>
      <span className="ops-tile-value">{value}</span>
      {hint && <span className="ops-tile-hint muted">{hint}</span>}
    </>
  );
  const className = `ops-tile${tone ? ` ${tone}` : ''}`;
  return to ? (
    <Link className={`${className} link`} to={to}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t } = useTranslation('ops');
  const weekly = d.weekly.map((w) => ({ label: weekLabel(w.week), opened: w.opened, ...w.closed }));
  const arrangements = [
    { label: t('dashboard.arrangements.onTrack'), value: d.arrangements.onTrack, fill: '#1e7a46' },
    { label: t('dashboard.arrangements.behind'), value: d.arrangements.behind, fill: '#9a6700' },
    { label: t('dashboard.arrangements.completed'), value: d.arrangements.completed, fill: '#2c7a7b' },
    { label: t('dashboard.arrangements.broken'), value: d.arrangements.broken, fill: '#b42318' },
  ];
  const overdue = d.tasksPerRole.reduce((n, r) => n + r.overdue, 0);
  return (
    <>
      <div className="ops-tiles" data-testid="dashboard-tiles">
        <Tile label={t('dashboard.openCases')} value={number(d.totals.openCases)} to="/ops/cases?status=open" />
        <Tile label={t('dashboard.arrears')} value={euro(d.totals.arrearsCents, 0)} to="/ops/cases?status=open&sort=balance&order=desc" />
        <Tile label={t('dashboard.waitingOnPerson')} value={number(d.totals.waitingOnPerson)} to="/ops/cases?status=open&waitingOn=person" />
        <Tile label={t('dashboard.paused')} value={number(d.totals.paused)} to="/ops/cases?status=paused" />
        <Tile label={t('dashboard.blocked')} value={number(d.totals.blocked)} tone={d.totals.blocked ? 'error' : undefined} to="/ops/cases?status=blocked" />
        <Tile label={t('dashboard.overdueTasks')} value={number(overdue)} tone={overdue ? 'warning' : undefined} to="/ops/trouble#trouble-overdue" />
        <Tile
          label={t('dashboard.reminderToPayment')}
          value={d.reminderToPayment.averageDays === null ? '—' : t('dashboard.days', { count: d.reminderToPayment.averageDays, value: number(d.reminderToPayment.averageDays, 1) })}
          hint={
            d.reminderToPayment.cases
              ? t('dashboard.reminderToPaymentHint', { count: d.reminderToPayment.cases, median: number(d.reminderToPayment.medianDays ?? 0, 1) })
              : t('dashboard.noPaymentsYet')
          }
        />
      </div>

      <div className="ops-grid">
        <figure className="ops-card ops-chart wide" aria-labelledby="chart-weekly">
          <figcaption id="chart-weekly">
            <h2>{t('dashboard.weekly.title')}</h2>
            <span className="muted">{t('dashboard.weekly.hint', { weeks: d.window.weeks })}</span>
            {/* Weeks are the cases' own dates; cases run in accelerated time (a demo, a dry run's speed) are ahead of the calendar. */}
            {Date.parse(d.window.to) > Date.now() + 7 * 86_400_000 && (
              <p className="muted small" data-testid="weekly-ahead">
                {t('dashboard.weekly.ahead', { to: date(d.window.to) })}
              </p>
            )}
          </figcaption>
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={weekly} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="opened" name={t('dashboard.weekly.opened')} fill="#9aa5b1" isAnimationActive={false} />
              {caseOutcomes.ids.map((o) => (
                <Bar key={o} dataKey={o} name={outcomeLabel(o)} stackId="closed" fill={outcomeColours[o]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>

        <figure className="ops-card ops-chart" aria-labelledby="chart-arrangements">
          <figcaption id="chart-arrangements">
            <h2>{t('dashboard.arrangements.title')}</h2>
            <span className="muted">{t('dashboard.arrangements.hint')}</span>
          </figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={arrangements} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="value" name={t('dashboard.arrangements.cases')} isAnimationActive={false}>
                {arrangements.map((a) => (
                  <Cell key={a.label} fill={a.fill} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>

        <div className="ops-card">
          <h2>{t('dashboard.tasks.title')}</h2>
          {d.tasksPerRole.length === 0 ? (
            <p className="muted">{t('dashboard.tasks.none')}</p>
          ) : (
            <table className="ops-table compact" data-testid="tasks-per-role">
              <thead>
                <tr>
                  <th>{t('dashboard.tasks.role')}</th>
                  <th className="num">{t('dashboard.tasks.open')}</th>
                  <th className="num">{t('dashboard.tasks.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {d.tasksPerRole.map((r) => (
                  <tr key={r.role}>
                    <td>{roleLabel(r.role)}</td>
                    <td className="num">{number(r.open)}</td>
                    <td className={`num${r.overdue ? ' warn' : ''}`}>{number(r.overdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  );
}
