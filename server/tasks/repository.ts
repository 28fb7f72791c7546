// SQL for the task inbox: the queues, their counts, one task, and claims. Dry-run cases are
// a designer's simulation on a fictional tenant: their tasks never reach staff.
import type { Role } from '../../definition/catalog.ts';
import { personalContactTasks } from '../../definition/catalog.ts';
import type { Field } from '../../definition/schema.ts';
import type { CaseStatus } from '../../definition/case-status.ts';
import { idempotencyKey } from '../../definition/idempotency.ts';
import type { CaseMessage, EventData } from '../cases/repository.ts';
import type { Queryable } from '../db/pool.ts';
import { caseNowSql } from '../ops/business-time.ts';
import { scopeSql, type CaseScope } from '../teams/scope.ts';
import type { InboxView, TaskCounts, TaskListItem, TaskListQuery } from './schemas.ts';

/**
 * A case's business time now, in SQL: the one case clock the ops lists and counts use too
 * (ops/business-time.ts). Deadlines are stored in business time, which runs ahead of the
 * calendar for a case on a time scale (demos, tests).
 */
export const BUSINESS_NOW = caseNowSql;
/** A case's business time now (see BUSINESS_NOW), as ISO text. */
export async function caseBusinessNow(q: Queryable, caseId: string): Promise<string> {
  const r = await q.query<{ at: Date }>(`SELECT ${BUSINESS_NOW} AS at FROM cases c WHERE c.id = $1`, [caseId]);
  return r.rows[0]!.at.toISOString();
}

/** A paused case escalates nothing, so its tasks are not overdue while it rests. */
const OVERDUE = `(t.due_at IS NOT NULL AND t.due_at < ${BUSINESS_NOW} AND c.status <> 'paused')`;
/** The personal-contact task kinds as an SQL array (constants from the catalog, not input). */
const CONTACT_KINDS = `ARRAY[${personalContactTasks.map((k) => `'${k}'`).join(',')}]::text[]`;
const OPEN_FOR_STAFF = `t.status = 'open' AND NOT c.dry_run AND c.status <> 'closed'`;

/** Who asks: their roles, the roles of their team's queue, and the areas their teams cover (teams/scope.ts). */
export type Who = { userId: string; roles: Role[]; teamRoles: Role[]; scope: CaseScope };

function viewFilter(view: InboxView, who: Who, args: unknown[], role?: Role): string {
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  if (view === 'mine') {
    const roles = arg(who.roles);
    return `(t.assignee = ${arg(who.userId)} OR (t.assignee IS NULL AND t.roles && ${roles}::text[]))`;
  }
  const team = arg(who.teamRoles);
  const inTeam = `t.roles && ${team}::text[]`;
  const byRole = role ? ` AND t.role = ${arg(role)}` : '';
  return view === 'overdue' ? `${inTeam}${byRole} AND ${OVERDUE}` : `${inTeam}${byRole}`;
}

const LIST_SELECT = `
  SELECT t.id, t.case_id, t.step_id, t.kind, t.title, t.role, t.original_role, t.roles, t.assignee, ua.display_name AS assignee_name, t.claimed_at,
         t.due_at, ${OVERDUE} AS overdue, t.reminders, t.escalated_at, t.opened_at, t.approval,
         y.reference, tn.name AS tenant_name, c.balance_cents, c.arrears_cents, c.status AS case_status, c.current_step_name,
         ${BUSINESS_NOW} AS business_now,
         (SELECT max(x.at) FROM (
            SELECT p.closed_at AS at FROM tasks p WHERE p.case_id = c.id AND p.status = 'completed' AND p.kind = ANY(${CONTACT_KINDS})
            UNION ALL SELECT e.at FROM case_events e WHERE e.case_id = c.id AND e.type = 'contact') x) AS last_contact_at
  FROM tasks t
  JOIN cases c ON c.id = t.case_id
  JOIN tenancies y ON y.id = c.tenancy_id
  JOIN tenants tn ON tn.id = y.tenant_id
  LEFT JOIN users ua ON ua.id::text = t.assignee`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/** A row of LIST_SELECT: the task's own columns (see TaskDbRow) and its case's. */
type ListRow = Pick<
  TaskDbRow,
  'id' | 'case_id' | 'step_id' | 'kind' | 'title' | 'role' | 'original_role' | 'roles' | 'assignee' | 'assignee_name' | 'claimed_at' | 'due_at' | 'overdue' | 'reminders' | 'escalated_at' | 'opened_at' | 'approval'
> & {
  reference: string;
  tenant_name: string;
  balance_cents: number;
  arrears_cents: number;
  case_status: CaseStatus;
  current_step_name: string | null;
  business_now: Date;
  last_contact_at: Date | null;
};

function toItem(r: ListRow): TaskListItem {
  return {
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    kind: r.kind,
    title: r.title,
    role: r.role,
    originalRole: r.original_role,
    roles: r.roles,
    assignee: r.assignee,
    assigneeName: r.assignee_name,
    claimedAt: r.assignee ? iso(r.claimed_at) : null,
    dueAt: iso(r.due_at),
    overdue: r.overdue,
    reminders: r.reminders,
    escalatedAt: iso(r.escalated_at),
    openedAt: iso(r.opened_at)!,
    approval: r.approval,
    case: {
      reference: r.reference,
      tenantName: r.tenant_name,
      balanceCents: r.balance_cents,
      arrearsCents: r.arrears_cents,
      status: r.case_status,
      currentStepName: r.current_step_name,
      lastContactAt: iso(r.last_contact_at),
      businessNow: iso(r.business_now)!,
    },
  };
}

export async function listTasks(q: Queryable, who: Who, f: TaskListQuery): Promise<{ total: number; tasks: TaskListItem[] }> {
  const args: unknown[] = [];
  const where = `${OPEN_FOR_STAFF} AND ${viewFilter(f.view, who, args, f.role)} AND ${scopeSql(who.scope, args)}`;
  const defaults = { due: 'asc', amount: 'desc', opened: 'asc' } as const;
  const dir = (f.order ?? defaults[f.sort]).toUpperCase();
  // By the time left rather than the deadline itself: the same order for real cases, and the
  // right one when cases on different time scales (demos) share a list.
  const column = { due: `(t.due_at - ${BUSINESS_NOW})`, amount: 'c.balance_cents', opened: 't.opened_at' }[f.sort];
  const orderBy = `${column} ${dir} NULLS LAST, t.opened_at, t.id`;
  const from = `FROM tasks t JOIN cases c ON c.id = t.case_id`;
  // The page is chosen on tasks and cases alone; the tenant, tenancy, assignee and last
  // contact are joined for its rows only, not for every open task of the team.
  const page = `SELECT t.id ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT ${f.limit} OFFSET ${f.offset}`;
  const [count, rows] = await Promise.all([
    q.query<{ n: string }>(`SELECT count(*) AS n ${from} WHERE ${where}`, args),
    q.query<ListRow>(`${LIST_SELECT} WHERE t.id IN (${page}) ORDER BY ${orderBy}`, args),
  ]);
  return { total: Number(count.rows[0]!.n), tasks: rows.rows.map(toItem) };
}

export async function countTasks(q: Queryable, who: Who): Promise<TaskCounts> {
  const args: unknown[] = [];
  const mine = viewFilter('mine', who, args);
  const team = viewFilter('team', who, args);
  const overdue = viewFilter('overdue', who, args);
  const scope = scopeSql(who.scope, args);
  const r = await q.query<{ mine: string; team: string; overdue: string }>(
    `SELECT count(*) FILTER (WHERE ${mine}) AS mine, count(*) FILTER (WHERE ${team}) AS team, count(*) FILTER (WHERE ${overdue}) AS overdue
     FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${OPEN_FOR_STAFF} AND ${scope}`,
    args,
  );
  const row = r.rows[0]!;
  return { mine: Number(row.mine), team: Number(row.team), overdue: Number(row.overdue) };
}

export type TaskRow = {
  id: string;
  caseId: string;
  stepId: string;
  kind: string;
  title: string;
  instructions: string | null;
  role: Role;
  originalRole: Role;
  /** Who may complete it: the role it opened with and every role it was escalated to. */
  roles: Role[];
  assignee: string | null;
  assigneeName: string | null;
  claimedAt: string | null;
  status: 'open' | 'completed' | 'cancelled' | 'expired';
  outcomes: Array<{ id: string; label: string; fields: Field[] }>;
  approval: { stepId: string; level: number; levelId: string; levels: number; subject: 'forgiveness' | 'proceed' } | null;
  outcome: string | null;
  fields: Record<string, unknown> | null;
  completedBy: string | null;
  dueAt: string | null;
  overdue: boolean;
  reminders: number;
  escalatedAt: string | null;
  openedAt: string;
  closedAt: string | null;
  dryRun: boolean;
};

type TaskDbRow = {
  id: string;
  case_id: string;
  step_id: string;
  kind: string;
  title: string;
  instructions: string | null;
  role: Role;
  original_role: Role;
  roles: Role[];
  assignee: string | null;
  assignee_name: string | null;
  claimed_at: Date | null;
  status: TaskRow['status'];
  outcomes: TaskRow['outcomes'];
  approval: TaskRow['approval'];
  outcome: string | null;
  fields: TaskRow['fields'];
  completed_by: string | null;
  due_at: Date | null;
  overdue: boolean;
  reminders: number;
  escalated_at: Date | null;
  opened_at: Date;
  closed_at: Date | null;
  dry_run: boolean;
};

/** One task as staff may see it; a dry run's task does not exist for them. */
export async function getTask(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<TaskRow | undefined> {
  const r = await q.query<TaskDbRow>(
    `SELECT t.*, ua.display_name AS assignee_name, ${OVERDUE} AS overdue, c.dry_run
     FROM tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN users ua ON ua.id::text = t.assignee
     WHERE t.id = $1 ${opts.forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [id],
  );
  const t = r.rows[0];
  if (!t || t.dry_run) return undefined;
  return {
    id: t.id,
    caseId: t.case_id,
    stepId: t.step_id,
    kind: t.kind,
    title: t.title,
    instructions: t.instructions,
    role: t.role,
    originalRole: t.original_role,
    roles: t.roles,
    assignee: t.assignee,
    assigneeName: t.assignee_name,
    claimedAt: t.assignee ? iso(t.claimed_at) : null,
    status: t.status,
    outcomes: t.outcomes,
    approval: t.approval,
    outcome: t.outcome,
    fields: t.fields,
    completedBy: t.completed_by,
    dueAt: iso(t.due_at),
    overdue: t.status === 'open' && t.overdue,
    reminders: t.reminders,
    escalatedAt: iso(t.escalated_at),
    openedAt: iso(t.opened_at)!,
    closedAt: iso(t.closed_at),
    dryRun: t.dry_run,
  };
}

export async function setAssignee(q: Queryable, taskId: string, assignee: string | null): Promise<void> {
  await q.query(`UPDATE tasks SET assignee = $2, claimed_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = $1`, [taskId, assignee]);
}

/**
 * The level of the same approval (same step, same visit) that `userId` already decided, if
 * any. A visit starts with its level-0 task, so earlier decisions of this visit are the
 * completed tasks of the step opened since the latest level-0 task up to this one.
 */
export async function decidedLevelOf(q: Queryable, taskId: string, userId: string): Promise<string | undefined> {
  const r = await q.query<{ level_id: string }>(
    `SELECT p.approval->>'levelId' AS level_id
     FROM tasks t JOIN tasks p ON p.case_id = t.case_id AND p.id <> t.id
     WHERE t.id = $1 AND t.approval IS NOT NULL AND p.status = 'completed' AND p.completed_by = $2
       AND p.approval->>'stepId' = t.approval->>'stepId'
       AND p.opened_at >= (SELECT max(f.opened_at) FROM tasks f
                           WHERE f.case_id = t.case_id AND f.approval->>'stepId' = t.approval->>'stepId'
                             AND (f.approval->>'level')::int = 0 AND f.opened_at <= t.opened_at)
     ORDER BY p.opened_at LIMIT 1`,
    [taskId, userId],
  );
  return r.rows[0]?.level_id;
}

export async function userById(q: Queryable, id: string): Promise<{ id: string; displayName: string; roles: Role[]; active: boolean } | undefined> {
  const r = await q.query<{ id: string; display_name: string; roles: Role[]; active: boolean }>(`SELECT id, display_name, roles, active FROM users WHERE id = $1`, [id]);
  const u = r.rows[0];
  return u ? { id: u.id, displayName: u.display_name, roles: u.roles, active: u.active } : undefined;
}

/** The label the definition gives an approval level ("Incassomedewerker stelt voor"), for a refusal's wording. */
export async function approvalLevelLabel(q: Queryable, caseId: string, stepId: string, levelId: string): Promise<string | undefined> {
  const r = await q.query<{ label: string | null }>(
    `SELECT l->>'label' AS label
     FROM cases c JOIN definitions d ON d.id = c.definition_id AND d.version = c.definition_version,
          jsonb_array_elements(d.body->'steps') s, jsonb_array_elements(s->'levels') l
     WHERE c.id = $1 AND s->>'id' = $2 AND l->>'id' = $3`,
    [caseId, stepId, levelId],
  );
  return r.rows[0]?.label ?? undefined;
}

// --- A task's case context ----------------------------------------------------------------

export type Decision = {
  levelId: string;
  role: string;
  decision: string;
  amountCents: number | null;
  previousAmountCents: number | null;
  reason: string | null;
  by: string;
  byName: string | null;
  at: string;
};

/** The decisions taken so far in this visit of an approval (a visit starts when the case enters the step). */
export async function approvalSoFar(q: Queryable, task: TaskRow): Promise<Decision[]> {
  if (!task.approval) return [];
  const r = await q.query<{
    at: Date;
    actor: string;
    display_name: string | null;
    data: { level: string; role: string; decision: string; amountCents?: number; previousAmountCents?: number; reason?: string };
  }>(
    `SELECT e.at, e.actor, u.display_name, e.data FROM case_events e LEFT JOIN users u ON u.id::text = e.actor
     WHERE e.case_id = $1 AND e.type = 'approval-decision' AND e.step_id = $2
       AND e.at >= (SELECT max(s.at) FROM case_events s WHERE s.case_id = $1 AND s.type = 'step' AND s.step_id = $2 AND s.at <= $3)
     ORDER BY e.at, e.id`,
    [task.caseId, task.approval.stepId, task.openedAt],
  );
  return r.rows.map((row) => ({
    levelId: row.data.level,
    role: row.data.role,
    decision: row.data.decision,
    amountCents: row.data.amountCents ?? null,
    previousAmountCents: row.data.previousAmountCents ?? null,
    reason: row.data.reason ?? null,
    by: row.actor,
    byName: row.display_name,
    at: iso(row.at)!,
  }));
}

/** Completed contact attempts (calls, visits) and contacts the tenant made, newest first. */
export async function earlierContact(q: Queryable, caseId: string) {
  const r = await q.query<{
    source: 'task' | 'event';
    at: Date;
    kind: string;
    title: string | null;
    outcome: string | null;
    outcomes: Array<{ id: string; label: string }> | null;
    fields: Record<string, unknown> | null;
    by: string | null;
    display_name: string | null;
  }>(
    `SELECT * FROM (
       SELECT 'task' AS source, t.closed_at AS at, t.kind, t.title, t.outcome, t.outcomes, t.fields, t.completed_by AS by
       FROM tasks t WHERE t.case_id = $1 AND t.status = 'completed' AND t.kind = ANY($2::text[])
       UNION ALL
       SELECT 'event', e.at, 'contact', NULL, NULL, NULL, e.data, e.actor FROM case_events e WHERE e.case_id = $1 AND e.type = 'contact'
     ) x LEFT JOIN LATERAL (SELECT display_name FROM users u WHERE u.id::text = x.by) u ON true
     ORDER BY x.at DESC LIMIT 20`,
    [caseId, [...personalContactTasks]],
  );
  return r.rows.map((row) => ({
    source: row.source,
    at: iso(row.at)!,
    kind: row.kind,
    title: row.title,
    outcome: row.outcome,
    outcomeLabel: (row.outcomes ?? []).find((o) => o.id === row.outcome)?.label ?? null,
    fields: row.fields ?? {},
    by: row.by,
    byName: row.display_name,
  }));
}

/** The latest events (with who did them) and messages of a case, newest first. */
export async function recentHistory(q: Queryable, caseId: string) {
  const [events, messages] = await Promise.all([
    q.query<{ id: string; at: Date; type: string; step_id: string | null; actor: string | null; display_name: string | null; data: EventData }>(
      `SELECT e.id, e.at, e.type, e.step_id, e.actor, u.display_name, e.data FROM case_events e LEFT JOIN users u ON u.id::text = e.actor
       WHERE e.case_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 15`,
      [caseId],
    ),
    q.query<{ id: string; channel: string; purpose: string; subject: string | null; body: string; status: CaseMessage['status']; business_at: Date }>(
      `SELECT id, channel, purpose, subject, body, status, business_at FROM outbox WHERE case_id = $1 ORDER BY business_at DESC, id DESC LIMIT 5`,
      [caseId],
    ),
  ]);
  return {
    events: events.rows.map((e) => ({ id: Number(e.id), at: iso(e.at)!, type: e.type, stepId: e.step_id, actor: e.actor, actorName: e.display_name, data: e.data })),
    messages: messages.rows.map((m) => ({
      id: Number(m.id),
      channel: m.channel,
      purpose: m.purpose,
      subject: m.subject,
      body: m.body,
      status: m.status,
      at: iso(m.business_at)!,
    })),
  };
}

/** The plan of the latest arrangement the case started, as its timeline recorded it. */
export async function lastArrangementStarted(q: Queryable, caseId: string) {
  const r = await q.query<{ at: Date; data: EventData }>(`SELECT at, data FROM case_events WHERE case_id = $1 AND type = 'arrangement-started' ORDER BY at DESC, id DESC LIMIT 1`, [caseId]);
  return r.rows[0] ? { at: iso(r.rows[0].at), ...r.rows[0].data } : null;
}

/**
 * Completes a task the workflow does not wait on: the task row, the case's open credit
 * lowered by what the credit event recorded, and a timeline entry, in the caller's transaction.
 */
export async function completeServerTask(q: Queryable, task: TaskRow, done: { outcome: string; fields: Record<string, unknown>; by: string }) {
  await q.query(`UPDATE tasks SET status = 'completed', outcome = $2, fields = $3, completed_by = $4, closed_at = now() WHERE id = $1`, [task.id, done.outcome, JSON.stringify(done.fields), done.by]);
  const credit = await q.query<{ credit_cents: number }>(`SELECT (data->>'creditCents')::int AS credit_cents FROM case_events WHERE key = $1`, [task.id]);
  const amount = credit.rows[0]?.credit_cents ?? 0;
  const c = await q.query<{ before: number; after: number; balance_cents: number; time_scale: number }>(
    `UPDATE cases c SET credit_cents = GREATEST(0, c.credit_cents - $2), updated_at = now() FROM cases old
     WHERE c.id = $1 AND old.id = c.id RETURNING old.credit_cents AS before, c.credit_cents AS after, c.balance_cents, c.time_scale`,
    [task.caseId, amount],
  );
  const row = c.rows[0]!;
  await q.query(
    `INSERT INTO case_events (key, case_id, at, type, step_id, actor, data)
     SELECT $1, c.id, ${BUSINESS_NOW}, 'credit-settled', $3, $4, $5 FROM cases c WHERE c.id = $2 ON CONFLICT (key) DO NOTHING`,
    [idempotencyKey(task.id, 'closed'), task.caseId, task.stepId, done.by, JSON.stringify({ taskId: task.id, outcome: done.outcome, creditCents: amount, fields: done.fields })],
  );
  return { creditBefore: row.before, creditAfter: row.after, balanceCents: row.balance_cents };
}
