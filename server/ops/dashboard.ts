// The ops dashboard's figures, from the read model (SQL in repository.ts). Times are business
// times (a case's timeline is in business time; under a demo time scale weeks run ahead of the
// calendar, so the window ends at the latest week anything happened in, not at today).
import { caseOutcomes } from '../../definition/catalog.ts';
import type { Db } from '../db/pool.ts';
import { dashboardFigures, latestActiveWeek } from './repository.ts';

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

const DAY_MS = 86_400_000;

export async function dashboard(pool: Db, options: { weeks: number }) {
  const lastWeek = await latestActiveWeek(pool);
  const firstWeek = new Date(lastWeek.getTime() - (options.weeks - 1) * 7 * DAY_MS);
  const end = new Date(lastWeek.getTime() + 7 * DAY_MS);
  const figures = await dashboardFigures(pool, firstWeek, end);

  const weekKey = (d: Date) => d.toISOString().slice(0, 10);
  const weekly = Array.from({ length: options.weeks }, (_, i) => {
    const week = new Date(firstWeek.getTime() + i * 7 * DAY_MS);
    return { week: weekKey(week), opened: 0, closed: Object.fromEntries(caseOutcomes.ids.map((o) => [o, 0])) as Record<string, number> };
  });
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  for (const r of figures.openedPerWeek) {
    const w = byWeek.get(weekKey(r.week));
    if (w) w.opened += r.n;
  }
  for (const r of figures.closedPerWeek) {
    const w = byWeek.get(weekKey(r.week));
    if (w) w.closed[r.outcome] = (w.closed[r.outcome] ?? 0) + r.n;
  }
  const rtp = figures.reminderToPayment;
  const round1 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    generatedAt: new Date().toISOString(),
    window: { from: weekKey(firstWeek), to: weekKey(end), weeks: options.weeks },
    totals: figures.totals,
    weekly,
    arrangements: figures.arrangements,
    tasksPerRole: figures.tasksPerRole,
    reminderToPayment: { cases: rtp.cases, averageDays: round1(rtp.averageDays), medianDays: round1(rtp.medianDays) },
  };
}
