// SQL for the ops views, across all real cases (dry runs are never counted): the cases a bulk
// action names, the dashboard's figures, the heat view's counts per step, the trouble lists,
// the read-model side of the failing-activity scan, and the cases a migration could move.
// Times are business times: see business-time.ts for the SQL that says "now" for a case.
import type { Role } from '../../definition/catalog.ts';
import type { CaseStatus } from '../../definition/case-status.ts';
import type { Queryable } from '../db/pool.ts';
import { caseNowSql, realCasesSql, waitingOnPersonSql } from './business-time.ts';

// --- Bulk actions and migrations -------------------------------------------------------------

export type RealCaseRef = { id: string; reference: string; definitionId: string; definitionVersion: number };

/** The real cases among these ids, in no particular order; unknown ids and dry runs are left out. */
export async function realCases(q: Queryable, ids: string[]): Promise<RealCaseRef[]> {
  const rows = await q.query<{ id: string; reference: string; definition_id: string; definition_version: number }>(
    `SELECT c.id, y.reference, c.definition_id, c.definition_version FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE c.id = ANY($1::uuid[]) AND NOT c.dry_run`,
    [ids],
  );
  return rows.rows.map((r) => ({ id: r.id, reference: r.reference, definitionId: r.definition_id, definitionVersion: r.definition_version }));
}

/** The open cases on one definition version, by step and reference: what a migration previews. */
export async function openCasesOfVersion(
  q: Queryable,
  definitionId: string,
  version: number,
): Promise<Array<{ id: string; workflowId: string; reference: string; currentStep: string | null; status: CaseStatus }>> {
  const rows = await q.query<{ id: string; workflow_id: string; reference: string; current_step: string | null; status: CaseStatus }>(
    `SELECT c.id, c.workflow_id, y.reference, c.current_step, c.status
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
     WHERE ${realCasesSql} AND c.status <> 'closed' AND c.definition_id = $1 AND c.definition_version = $2
     ORDER BY c.current_step, y.reference`,
    [definitionId, version],
  );
  return rows.rows.map((r) => ({ id: r.id, workflowId: r.workflow_id, reference: r.reference, currentStep: r.current_step, status: r.status }));
}

// --- Dashboard ---------------------------------------------------------------------------------

/** The start of the latest week anything happened in (now, an opening or a closing). */
export async function latestActiveWeek(q: Queryable): Promise<Date> {
  const r = await q.query<{ last: Date }>(`SELECT date_trunc('week', greatest(now(), max(c.opened_at), max(c.closed_at))) AS last FROM cases c WHERE ${realCasesSql}`);
  return r.rows[0]!.last;
}

/** The dashboard's figures; the weekly ones for [from, to). */
export async function dashboardFigures(q: Queryable, from: Date, to: Date) {
  const [totals, opened, closed, arrangementsRunning, arrangementsEnded, tasks, reminderToPayment] = await Promise.all([
    q.query<{ open: string; arrears: string | null; paused: string; blocked: string; person: string }>(
      `SELECT count(*) AS open, sum(c.balance_cents) AS arrears,
              count(*) FILTER (WHERE c.status = 'paused') AS paused,
              count(*) FILTER (WHERE c.status = 'blocked') AS blocked,
              count(*) FILTER (WHERE ${waitingOnPersonSql}) AS person
       FROM cases c WHERE ${realCasesSql} AND c.status <> 'closed'`,
    ),
    q.query<{ week: Date; n: string }>(
      `SELECT date_trunc('week', c.opened_at) AS week, count(*) AS n FROM cases c
       WHERE ${realCasesSql} AND c.opened_at >= $1 AND c.opened_at < $2 GROUP BY 1`,
      [from, to],
    ),
    q.query<{ week: Date; outcome: string; n: string }>(
      `SELECT date_trunc('week', c.closed_at) AS week, c.outcome, count(*) AS n FROM cases c
       WHERE ${realCasesSql} AND c.status = 'closed' AND c.closed_at >= $1 AND c.closed_at < $2 GROUP BY 1, 2`,
      [from, to],
    ),
    // A running arrangement is on track until an instalment is missed after it started.
    q.query<{ on_track: string; behind: string }>(
      `SELECT count(*) FILTER (WHERE misses = 0) AS on_track, count(*) FILTER (WHERE misses > 0) AS behind
       FROM (
         SELECT c.id, (SELECT count(*) FROM case_events m WHERE m.case_id = c.id AND m.type = 'arrangement-missed'
                        AND m.id > COALESCE((SELECT max(s.id) FROM case_events s WHERE s.case_id = c.id AND s.type = 'arrangement-started'), 0)) AS misses
         FROM cases c WHERE ${realCasesSql} AND c.status <> 'closed' AND c.current_step_kind = 'arrangement'
       ) running`,
    ),
    // An arrangement ended when the next step was entered with its outcome (completed or broken).
    q.query<{ outcome: string; n: string }>(
      `SELECT e.data -> 'previous' ->> 'outcome' AS outcome, count(*) AS n
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE ${realCasesSql} AND e.type = 'step' AND e.data -> 'previous' ->> 'outcome' IN ('completed', 'broken')
         AND e.at >= $1 AND e.at < $2
         AND EXISTS (SELECT 1 FROM case_events s WHERE s.case_id = e.case_id AND s.type = 'arrangement-started' AND s.step_id = e.data -> 'previous' ->> 'stepId')
       GROUP BY 1`,
      [from, to],
    ),
    q.query<{ role: string; open: string; overdue: string }>(
      `SELECT t.role, count(*) AS open, count(*) FILTER (WHERE t.due_at < ${caseNowSql}) AS overdue
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE ${realCasesSql} AND t.status = 'open' AND c.status <> 'closed'
       GROUP BY t.role ORDER BY t.role`,
    ),
    // From the first written reminder to the payment that brought the balance to zero, per
    // case: in one go or as the last instalment of an arrangement.
    q.query<{ cases: string; avg_days: number | null; median_days: number | null }>(
      `SELECT count(*) AS cases, avg(days) AS avg_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days
       FROM (
         SELECT extract(epoch FROM (p.at - r.at)) / 86400 AS days
         FROM cases c
         JOIN LATERAL (SELECT min(e.at) AS at FROM case_events e WHERE e.case_id = c.id AND e.type = 'payment' AND (e.data ->> 'balanceCents')::bigint <= 0) p ON p.at IS NOT NULL
         JOIN LATERAL (SELECT min(e.at) AS at FROM case_events e WHERE e.case_id = c.id AND e.type = 'message' AND e.data ->> 'purpose' = 'reminder') r ON r.at IS NOT NULL
         WHERE ${realCasesSql} AND p.at >= r.at AND p.at >= $1 AND p.at < $2
       ) per_case`,
      [from, to],
    ),
  ]);
  const t = totals.rows[0]!;
  const running = arrangementsRunning.rows[0]!;
  const rtp = reminderToPayment.rows[0]!;
  const ended = Object.fromEntries(arrangementsEnded.rows.map((r) => [r.outcome, Number(r.n)]));
  return {
    totals: { openCases: Number(t.open), arrearsCents: Number(t.arrears ?? 0), paused: Number(t.paused), blocked: Number(t.blocked), waitingOnPerson: Number(t.person) },
    openedPerWeek: opened.rows.map((r) => ({ week: r.week, n: Number(r.n) })),
    closedPerWeek: closed.rows.map((r) => ({ week: r.week, outcome: r.outcome, n: Number(r.n) })),
    arrangements: { onTrack: Number(running.on_track), behind: Number(running.behind), completed: ended.completed ?? 0, broken: ended.broken ?? 0 },
    tasksPerRole: tasks.rows.map((r) => ({ role: r.role, open: Number(r.open), overdue: Number(r.overdue) })),
    reminderToPayment: { cases: Number(rtp.cases), averageDays: rtp.avg_days, medianDays: rtp.median_days },
  };
}

// --- Heat view ---------------------------------------------------------------------------------

/** Per current step of one version: open cases, and how many wait on a person, are paused or blocked. A step of null: not started yet. */
export async function openCasesPerStep(q: Queryable, definitionId: string, version: number) {
  const counts = await q.query<{ step: string | null; open: string; person: string; paused: string; blocked: string }>(
    `SELECT c.current_step AS step, count(*) AS open,
            count(*) FILTER (WHERE ${waitingOnPersonSql}) AS person,
            count(*) FILTER (WHERE c.status = 'paused') AS paused,
            count(*) FILTER (WHERE c.status = 'blocked') AS blocked
     FROM cases c
     WHERE ${realCasesSql} AND c.status <> 'closed' AND c.definition_id = $1 AND c.definition_version = $2
     GROUP BY c.current_step`,
    [definitionId, version],
  );
  return counts.rows.map((r) => ({ stepId: r.step, open: Number(r.open), waitingOnPerson: Number(r.person), paused: Number(r.paused), blocked: Number(r.blocked) }));
}

/** Every definition version with how many open cases run on it, for the heat view's picker. */
export async function versionsInUse(q: Queryable) {
  const result = await q.query<{ id: string; version: number; name: string; open: string }>(
    `SELECT d.id, d.version, d.name, count(c.id) AS open
     FROM definitions d LEFT JOIN cases c ON c.definition_id = d.id AND c.definition_version = d.version AND c.status <> 'closed' AND ${realCasesSql}
     GROUP BY d.id, d.version, d.name ORDER BY d.name, d.id, d.version DESC`,
  );
  return result.rows.map((r) => ({ id: r.id, version: r.version, name: r.name, openCases: Number(r.open) }));
}

// --- Trouble list ------------------------------------------------------------------------------

const LIMIT = 500;

/** Open tasks past their deadline, longest overdue first. */
export async function overdueTasks(q: Queryable) {
  const r = await q.query<{ id: string; case_id: string; workflow_id: string; reference: string; step_id: string; title: string; role: Role; assignee: string | null; due_at: Date; reminders: number; escalated_at: Date | null; overdue_days: number }>(
    `SELECT t.id, t.case_id, c.workflow_id, y.reference, t.step_id, t.title, t.role, t.assignee, t.due_at, t.reminders, t.escalated_at,
            extract(epoch FROM (${caseNowSql} - t.due_at)) / 86400 AS overdue_days
     FROM tasks t JOIN cases c ON c.id = t.case_id JOIN tenancies y ON y.id = c.tenancy_id
     WHERE ${realCasesSql} AND t.status = 'open' AND c.status <> 'closed' AND t.due_at < ${caseNowSql}
     ORDER BY overdue_days DESC, t.id LIMIT ${LIMIT}`,
  );
  return r.rows;
}

/** Paused cases whose review date has passed, longest past first. */
export async function pausesPastReview(q: Queryable) {
  const r = await q.query<{ id: string; workflow_id: string; reference: string; current_step: string | null; current_step_name: string | null; balance_cents: number; review_date: string; days_past: number }>(
    `SELECT c.id, c.workflow_id, y.reference, c.current_step, c.current_step_name, c.balance_cents, to_char(c.pause_review_date, 'YYYY-MM-DD') AS review_date,
            (${caseNowSql})::date - c.pause_review_date AS days_past
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
     WHERE ${realCasesSql} AND c.status = 'paused' AND c.pause_review_date < (${caseNowSql})::date
     ORDER BY days_past DESC, c.id LIMIT ${LIMIT}`,
  );
  return r.rows;
}

/** Cases the legal check blocked at run time, with the latest block's step and what it missed. */
export async function legalBlocks(q: Queryable) {
  const r = await q.query<{ id: string; workflow_id: string; reference: string; current_step: string | null; current_step_name: string | null; balance_cents: number; blocked_at: Date | null; step_id: string | null; violations: unknown }>(
    `SELECT c.id, c.workflow_id, y.reference, c.current_step, c.current_step_name, c.balance_cents, b.at AS blocked_at, b.step_id, b.data -> 'violations' AS violations
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
     LEFT JOIN LATERAL (SELECT e.at, e.step_id, e.data FROM case_events e WHERE e.case_id = c.id AND e.type = 'legal-block' ORDER BY e.id DESC LIMIT 1) b ON true
     WHERE ${realCasesSql} AND c.status = 'blocked'
     ORDER BY b.at NULLS LAST, c.id LIMIT ${LIMIT}`,
  );
  return r.rows;
}

// --- Failing activities ------------------------------------------------------------------------

/** The open real cases run by these workflows, with where they stand. */
export async function openCasesOfWorkflows(q: Queryable, workflowIds: string[]) {
  const rows = await q.query<{ id: string; workflow_id: string; reference: string; definition_id: string; definition_version: number; current_step: string | null; current_step_name: string | null }>(
    `SELECT c.id, c.workflow_id, y.reference, c.definition_id, c.definition_version, c.current_step, c.current_step_name
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
     WHERE c.workflow_id = ANY($1::text[]) AND c.status <> 'closed' AND NOT c.dry_run`,
    [workflowIds],
  );
  return rows.rows;
}

/** Open cases with a message that has waited to go out for more than a few seconds. */
export async function pendingMessageWorkflows(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ workflow_id: string }>(
    `SELECT DISTINCT c.workflow_id FROM outbox o JOIN cases c ON c.id = o.case_id
     WHERE o.status = 'pending' AND o.created_at < now() - interval '3 seconds' AND c.status <> 'closed' AND NOT c.dry_run
     LIMIT 500`,
  );
  return rows.rows.map((r) => r.workflow_id);
}
