// SQL behind the business metrics: counts and duration histograms over all real cases (dry
// runs are never counted), with the histogram buckets computed in SQL.
import type { Db } from '../db/pool.ts';
import { caseNowSql, realCasesSql } from '../ops/business-time.ts';

const HOUR = 3600;
const DAY = 86_400;
export const stepBounds = [60, HOUR, 4 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY];
export const taskBounds = [HOUR, 4 * HOUR, DAY, 2 * DAY, 5 * DAY, 10 * DAY, 30 * DAY];

const bucketColumns = (expr: string, bounds: number[]) => bounds.map((b, i) => `count(*) FILTER (WHERE ${expr} <= ${b}) AS b${i}`).join(', ');

type HistogramRow = Record<string, unknown> & { n: string; total: number | null };
const histogramRows = (rows: HistogramRow[], bounds: number[], labels: (r: HistogramRow) => Record<string, string>) =>
  rows.map((r) => ({ labels: labels(r), buckets: bounds.map((_, i) => Number(r[`b${i}`])), sum: Number(r.total ?? 0), count: Number(r.n) }));

/** Every business metric's values, read in one go. */
export async function snapshot(pool: Db) {
  const [opened, closed, open, steps, tasksDone, tasksOpen, messages] = await Promise.all([
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM cases c WHERE ${realCasesSql}`),
    pool.query<{ outcome: string; n: string }>(`SELECT c.outcome, count(*) AS n FROM cases c WHERE ${realCasesSql} AND c.status = 'closed' GROUP BY c.outcome`),
    pool.query<{ status: string; n: string }>(`SELECT c.status, count(*) AS n FROM cases c WHERE ${realCasesSql} AND c.status <> 'closed' GROUP BY c.status`),
    pool.query<HistogramRow & { kind: string; step: string }>(
      `WITH visits AS (
         SELECT e.step_id, e.data ->> 'kind' AS kind, e.at, lead(e.at) OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS left_at
         FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.type = 'step' AND ${realCasesSql}
       ), d AS (SELECT step_id, kind, extract(epoch FROM (left_at - at)) AS s FROM visits WHERE left_at IS NOT NULL)
       SELECT kind, step_id AS step, count(*) AS n, sum(s) AS total, ${bucketColumns('s', stepBounds)} FROM d GROUP BY kind, step_id`,
    ),
    pool.query<HistogramRow & { role: string; kind: string }>(
      `WITH d AS (
         SELECT t.role, t.kind, extract(epoch FROM (t.closed_at - t.opened_at)) AS s
         FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${realCasesSql} AND t.status = 'completed' AND t.closed_at IS NOT NULL
       )
       SELECT role, kind, count(*) AS n, sum(s) AS total, ${bucketColumns('s', taskBounds)} FROM d GROUP BY role, kind`,
    ),
    pool.query<{ role: string; open: string; overdue: string }>(
      `SELECT t.role, count(*) AS open, count(*) FILTER (WHERE t.due_at < ${caseNowSql}) AS overdue
       FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${realCasesSql} AND t.status = 'open' AND c.status <> 'closed' GROUP BY t.role`,
    ),
    pool.query<{ channel: string; status: string; n: string }>(
      `SELECT o.channel, o.status, count(*) AS n FROM outbox o JOIN cases c ON c.id = o.case_id WHERE ${realCasesSql} GROUP BY o.channel, o.status`,
    ),
  ]);
  return {
    opened: Number(opened.rows[0]!.n),
    closed: closed.rows.map((r) => ({ labels: { outcome: r.outcome ?? 'unknown' }, value: Number(r.n) })),
    open: open.rows.map((r) => ({ labels: { status: r.status }, value: Number(r.n) })),
    steps: histogramRows(steps.rows, stepBounds, (r) => ({ kind: String(r.kind ?? 'unknown'), step: String(r.step) })),
    tasksDone: histogramRows(tasksDone.rows, taskBounds, (r) => ({ role: String(r.role), kind: String(r.kind) })),
    tasksOpen: tasksOpen.rows.map((r) => ({ labels: { role: r.role }, value: Number(r.open) })),
    tasksOverdue: tasksOpen.rows.map((r) => ({ labels: { role: r.role }, value: Number(r.overdue) })),
    messages: messages.rows.map((r) => ({ labels: { channel: r.channel, status: r.status }, value: Number(r.n) })),
  };
}
