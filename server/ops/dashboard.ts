// The ops dashboard's figures, from the read model. Times are business times (a case's
// timeline is in business time; under a demo time scale weeks run ahead of the calendar, so
// the window ends at the latest week anything happened in, not at today).
import { caseOutcomes } from '../../definition/catalog.ts';
import type { Db } from '../db/pool.ts';
import { caseNowSql, realCasesSql, waitingOnPersonSql } from './business-time.ts';

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

const DAY_MS = 86_400_000;

export async function dashboard(pool: Db, options: { weeks: number }) {
  const windowRow = await pool.query<{ last: Date }>(
    `SELECT date_trunc('week', greatest(now(), max(c.opened_at), max(c.closed_at))) AS last FROM cases c WHERE ${realCasesSql}`,
  );
  const lastWeek = windowRow.rows[0]!.last;
  const firstWeek = new Date(lastWeek.getTime() - (options.weeks - 1) * 7 * DAY_MS);
  const end = new Date(lastWeek.getTime() + 7 * DAY_MS);

  const [totals, opened, closed, arrangementsRunning, arrangementsEnded, tasks, reminderToPayment] = await Promise.all([
    pool.query<{ open: string; arrears: string | null; paused: string; blocked: string; person: string }>(
      `SELECT count(*) AS open, sum(c.balance_cents) AS arrears,
              count(*) FILTER (WHERE c.status = 'paused') AS paused,
              count(*) FILTER (WHERE c.status = 'blocked') AS blocked,
              count(*) FILTER (WHERE ${waitingOnPersonSql}) AS person
       FROM cases c WHERE ${realCasesSql} AND c.status <> 'closed'`,
    ),
    pool.query<{ week: Date; n: string }>(
      `SELECT date_trunc('week', c.opened_at) AS week, count(*) AS n FROM cases c
       WHERE ${realCasesSql} AND c.opened_at >= $1 AND c.opened_at < $2 GROUP BY 1`,
      [firstWeek, end],
    ),
    pool.query<{ week: Date; outcome: string; n: string }>(
      `SELECT date_trunc('week', c.closed_at) AS week, c.outcome, count(*) AS n FROM cases c
       WHERE ${realCasesSql} AND c.status = 'closed' AND c.closed_at >= $1 AND c.closed_at < $2 GROUP BY 1, 2`,
      [firstWeek, end],
    ),
    // A running arrangement is on track until an instalment is missed after it started.
    pool.query<{ on_track: string; behind: string }>(
      `SELECT count(*) FILTER (WHERE misses = 0) AS on_track, count(*) FILTER (WHERE misses > 0) AS behind
       FROM (
         SELECT c.id, (SELECT count(*) FROM case_events m WHERE m.case_id = c.id AND m.type = 'arrangement-missed'
                        AND m.id > COALESCE((SELECT max(s.id) FROM case_events s WHERE s.case_id = c.id AND s.type = 'arrangement-started'), 0)) AS misses
         FROM cases c WHERE ${realCasesSql} AND c.status <> 'closed' AND c.current_step_kind = 'arrangement'
       ) running`,
    ),
    // An arrangement ended when the next step was entered with its outcome (completed or broken).
    pool.query<{ outcome: string; n: string }>(
      `SELECT e.data -> 'previous' ->> 'outcome' AS outcome, count(*) AS n
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE ${realCasesSql} AND e.type = 'step' AND e.data -> 'previous' ->> 'outcome' IN ('completed', 'broken')
         AND e.at >= $1 AND e.at < $2
         AND EXISTS (SELECT 1 FROM case_events s WHERE s.case_id = e.case_id AND s.type = 'arrangement-started' AND s.step_id = e.data -> 'previous' ->> 'stepId')
       GROUP BY 1`,
      [firstWeek, end],
    ),
    pool.query<{ role: string; open: string; overdue: string }>(
      `SELECT t.role, count(*) AS open, count(*) FILTER (WHERE t.due_at < ${caseNowSql}) AS overdue
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE ${realCasesSql} AND t.status = 'open' AND c.status <> 'closed'
       GROUP BY t.role ORDER BY t.role`,
    ),
    // From the first written reminder to the payment that brought the balance to zero, per
    // case: in one go or as the last instalment of an arrangement.
    pool.query<{ cases: string; avg_days: number | null; median_days: number | null }>(
      `SELECT count(*) AS cases, avg(days) AS avg_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days
       FROM (
         SELECT extract(epoch FROM (p.at - r.at)) / 86400 AS days
         FROM cases c
         JOIN LATERAL (SELECT min(e.at) AS at FROM case_events e WHERE e.case_id = c.id AND e.type = 'payment' AND (e.data ->> 'balanceCents')::bigint <= 0) p ON p.at IS NOT NULL
         JOIN LATERAL (SELECT min(e.at) AS at FROM case_events e WHERE e.case_id = c.id AND e.type = 'message' AND e.data ->> 'purpose' = 'reminder') r ON r.at IS NOT NULL
         WHERE ${realCasesSql} AND p.at >= r.at AND p.at >= $1 AND p.at < $2
       ) per_case`,
      [firstWeek, end],
    ),
  ]);

  const t = totals.rows[0]!;
  const weekKey = (d: Date) => d.toISOString().slice(0, 10);
  const weekly = Array.from({ length: options.weeks }, (_, i) => {
    const week = new Date(firstWeek.getTime() + i * 7 * DAY_MS);
    return { week: weekKey(week), opened: 0, closed: Object.fromEntries(caseOutcomes.ids.map((o) => [o, 0])) as Record<string, number> };
  });
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  for (const r of opened.rows) {
    const w = byWeek.get(weekKey(r.week));
    if (w) w.opened += Number(r.n);
  }
  for (const r of closed.rows) {
    const w = byWeek.get(weekKey(r.week));
    if (w) w.closed[r.outcome] = (w.closed[r.outcome] ?? 0) + Number(r.n);
  }
  const ended = Object.fromEntries(arrangementsEnded.rows.map((r) => [r.outcome, Number(r.n)]));
  const running = arrangementsRunning.rows[0]!;
  const rtp = reminderToPayment.rows[0]!;
  const round1 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    generatedAt: new Date().toISOString(),
    window: { from: weekKey(firstWeek), to: weekKey(end), weeks: options.weeks },
    totals: {
      openCases: Number(t.open),
      arrearsCents: Number(t.arrears ?? 0),
      paused: Number(t.paused),
      blocked: Number(t.blocked),
      waitingOnPerson: Number(t.person),
    },
    weekly,
    arrangements: { onTrack: Number(running.on_track), behind: Number(running.behind), completed: ended.completed ?? 0, broken: ended.broken ?? 0 },
    tasksPerRole: tasks.rows.map((r) => ({ role: r.role, open: Number(r.open), overdue: Number(r.overdue) })),
    reminderToPayment: { cases: Number(rtp.cases), averageDays: round1(rtp.avg_days), medianDays: round1(rtp.median_days) },
  };
}
