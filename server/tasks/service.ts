// What the inbox does apart from HTTP: the queues, one task with everything its form needs
// (the case's balance, history, earlier contact, agreed arrangement, the approval so far and
// the limits of the arrangement an outcome leads to), and claims.
import type { Client } from '@temporalio/client';
import type { Role } from '../../definition/catalog.ts';
import { personalContactTasks } from '../../definition/catalog.ts';
import type { StepOf } from '../../definition/schema.ts';
import { businessNow } from '../../workflows/case-view.ts';
import type { Actor } from '../../workflows/messages.ts';
import { audit, auditCaseRead, auditListRead } from '../audit/log.ts';
import { getCaseRow } from '../cases/repository.ts';
import { liveState } from '../cases/service.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { resolveNotes } from '../notes.ts';
import { checkClaim, checkFourEyes, checkOpen, checkRole } from './guards.ts';
import { BUSINESS_NOW, countTasks, getTask, listTasks, setAssignee, userById, type TaskRow, type Who } from './repository.ts';
import type { TaskListQuery } from './schemas.ts';
import { isSupervisor, roleRefusal, teamRoles } from '../../definition/access.ts';

export type TaskDeps = { pool: Db; temporal: Client };

const whoIs = (actor: Actor): Who => ({ userId: actor.userId, roles: actor.roles, teamRoles: teamRoles(actor.roles) });

export async function inbox(deps: TaskDeps, actor: Actor, query: TaskListQuery) {
  const who = whoIs(actor);
  const [list, counts] = await Promise.all([listTasks(deps.pool, who, query), countTasks(deps.pool, who)]);
  await auditListRead(deps.pool, actor.userId, `inbox:${query.view}`, list.tasks.map((t) => t.caseId));
  return { ...list, counts };
}

export async function counts(deps: TaskDeps, actor: Actor) {
  return await countTasks(deps.pool, whoIs(actor));
}

async function requireTask(q: Queryable, id: string, forUpdate = false): Promise<TaskRow> {
  const task = await getTask(q, id, { forUpdate });
  if (!task) throw notFound(`task ${id} not found`);
  return task;
}

// --- One task with its case context ----------------------------------------------------------

type Decision = {
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

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/** The decisions taken so far in this visit of an approval (a visit starts with its level-0 task). */
async function approvalSoFar(q: Queryable, task: TaskRow): Promise<Decision[]> {
  if (!task.approval) return [];
  const r = await q.query(
    `SELECT e.at, e.actor, u.display_name, e.data FROM case_events e LEFT JOIN users u ON u.id::text = e.actor
     WHERE e.case_id = $1 AND e.type = 'approval-decision' AND e.step_id = $2
       AND e.at >= (SELECT max(f.opened_at) FROM tasks f WHERE f.case_id = $1 AND f.approval->>'stepId' = $2
                      AND (f.approval->>'level')::int = 0 AND f.opened_at <= $3)
     ORDER BY e.at, e.id`,
    [task.caseId, task.approval.stepId, task.openedAt],
  );
  return r.rows.map((row: Record<string, any>) => ({
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
async function earlierContact(q: Queryable, caseId: string) {
  const r = await q.query(
    `SELECT * FROM (
       SELECT 'task' AS source, t.closed_at AS at, t.kind, t.title, t.outcome, t.outcomes, t.fields, t.completed_by AS by
       FROM tasks t WHERE t.case_id = $1 AND t.status = 'completed' AND t.kind = ANY($2::text[])
       UNION ALL
       SELECT 'event', e.at, 'contact', NULL, NULL, NULL, e.data, e.actor FROM case_events e WHERE e.case_id = $1 AND e.type = 'contact'
     ) x LEFT JOIN LATERAL (SELECT display_name FROM users u WHERE u.id::text = x.by) u ON true
     ORDER BY x.at DESC LIMIT 20`,
    [caseId, [...personalContactTasks]],
  );
  return r.rows.map((row: Record<string, any>) => ({
    source: row.source as 'task' | 'event',
    at: iso(row.at)!,
    kind: row.kind as string,
    title: row.title as string | null,
    outcome: row.outcome as string | null,
    outcomeLabel: ((row.outcomes as Array<{ id: string; label: string }> | null) ?? []).find((o) => o.id === row.outcome)?.label ?? null,
    fields: (row.fields ?? {}) as Record<string, unknown>,
    by: row.by as string | null,
    byName: row.display_name as string | null,
  }));
}

async function recentHistory(q: Queryable, caseId: string) {
  const [events, messages] = await Promise.all([
    q.query(
      `SELECT e.id, e.at, e.type, e.step_id, e.actor, u.display_name, e.data FROM case_events e LEFT JOIN users u ON u.id::text = e.actor
       WHERE e.case_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 15`,
      [caseId],
    ),
    q.query(`SELECT id, channel, purpose, subject, body, status, business_at FROM outbox WHERE case_id = $1 ORDER BY business_at DESC, id DESC LIMIT 5`, [caseId]),
  ]);
  return {
    events: events.rows.map((e: Record<string, any>) => ({ id: Number(e.id), at: iso(e.at)!, type: e.type, stepId: e.step_id, actor: e.actor, actorName: e.display_name, data: e.data })),
    messages: messages.rows.map((m: Record<string, any>) => ({
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

/** The arrangement steps the outcomes of a task lead to: their limits are what a plan is checked against. */
function arrangementTargets(steps: ReadonlyArray<{ id: string; kind: string }>, stepId: string): Record<string, StepOf<'arrangement'>> {
  const step = steps.find((s) => s.id === stepId) as { kind: string; next?: Record<string, string> } | undefined;
  if (!step || step.kind !== 'task') return {};
  const out: Record<string, StepOf<'arrangement'>> = {};
  for (const [outcome, target] of Object.entries(step.next ?? {})) {
    const t = steps.find((s) => s.id === target);
    if (t?.kind === 'arrangement') out[outcome] = t as StepOf<'arrangement'>;
  }
  return out;
}

/** Why the actor cannot complete this task now, or null. The workflow remains the final judge. */
async function whyNot(q: Queryable, task: TaskRow, actor: Actor): Promise<{ code: string; message: string } | null> {
  try {
    checkOpen(task);
    checkRole(task, actor);
    checkClaim(task, actor);
    await checkFourEyes(q, task, actor.userId);
    return null;
  } catch (err) {
    if (err instanceof AppError) return { code: (err.details as { rule?: string } | undefined)?.rule ?? err.code, message: err.message };
    throw err;
  }
}

export async function taskDetail(deps: TaskDeps, id: string, actor: Actor) {
  const { pool } = deps;
  const task = await requireTask(pool, id);
  const row = (await getCaseRow(pool, task.caseId))!;
  const [party, definition, live, decisions, contacts, history, blocked] = await Promise.all([
    pool.query(
      `SELECT t.name, t.email, t.phone, t.preferred_channel, y.reference, y.street, y.postal_code, y.city, y.monthly_rent_cents, y.minors_in_household, ${BUSINESS_NOW} AS business_now
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1`,
      [task.caseId],
    ),
    getVersion(pool, row.definitionId, row.definitionVersion),
    liveState(deps.temporal, row),
    approvalSoFar(pool, task),
    earlierContact(pool, task.caseId),
    recentHistory(pool, task.caseId),
    whyNot(pool, task, actor),
  ]);
  const p = party.rows[0] as Record<string, any>;
  const steps = definition?.body.steps ?? [];
  const approvalStep = task.approval ? steps.find((s) => s.id === task.approval!.stepId && s.kind === 'approval') : undefined;
  const lastPlan = await pool.query(`SELECT at, data FROM case_events WHERE case_id = $1 AND type = 'arrangement-started' ORDER BY at DESC, id DESC LIMIT 1`, [task.caseId]);
  const now = live.state ? new Date(businessNow(live.state)).toISOString() : iso(p.business_now)!;
  await auditCaseRead(pool, actor.userId, task.caseId, 'task', task.id);
  return await resolveNotes(pool, {
    task,
    mayComplete: blocked === null,
    refusal: blocked,
    case: {
      id: row.id,
      reference: row.tenancyReference,
      status: row.status,
      balanceCents: live.state?.balanceCents ?? row.balanceCents,
      arrearsCents: row.arrearsCents,
      forgivenCents: live.state?.forgivenCents ?? null,
      totalPaidCents: live.state?.totalPaidCents ?? null,
      dueDate: row.dueDate,
      /** Business seconds per real second: the form counts "today" on from `now` with it. */
      timeScale: row.timeScale,
      currentStepName: row.currentStepName,
      definition: { id: row.definitionId, version: row.definitionVersion, name: definition?.name ?? row.definitionId },
      paused: live.state?.paused ?? (row.status === 'paused' ? { reason: row.pauseReason, reviewDate: row.pauseReviewDate } : null),
    },
    tenant: { name: p.name, email: p.email, phone: p.phone, preferredChannel: p.preferred_channel },
    tenancy: { reference: p.reference, street: p.street, postalCode: p.postal_code, city: p.city, monthlyRentCents: p.monthly_rent_cents, minorsInHousehold: p.minors_in_household },
    arrangement: live.state?.arrangement ?? null,
    lastArrangement: lastPlan.rows[0] ? { at: iso(lastPlan.rows[0].at), ...(lastPlan.rows[0].data as object) } : null,
    arrangementTargets: arrangementTargets(steps, task.stepId),
    /** Labels of approval levels by "stepId:levelId", for the history's wording. */
    levelLabels: Object.fromEntries(steps.flatMap((s) => (s.kind === 'approval' ? s.levels.map((l) => [`${s.id}:${l.id}`, l.label]) : []))),
    approval: task.approval && approvalStep?.kind === 'approval' ? { step: { id: approvalStep.id, name: approvalStep.name, subject: approvalStep.subject, levels: approvalStep.levels }, decisions } : null,
    contacts,
    history,
    now,
  });
}
export type TaskDetail = Awaited<ReturnType<typeof taskDetail>>;

// --- Claims --------------------------------------------------------------------------------

export async function claim(deps: TaskDeps, id: string, actor: Actor): Promise<TaskRow> {
  return await inTransaction(deps.pool, async (q) => {
    const task = await requireTask(q, id, true);
    checkOpen(task);
    checkRole(task, actor);
    await checkFourEyes(q, task, actor.userId);
    if (task.assignee === actor.userId) return task;
    if (task.assignee) throw conflict(`task ${id} is already claimed by ${task.assigneeName ?? task.assignee}`, { assignee: task.assignee });
    await setAssignee(q, id, actor.userId);
    await audit(q, { actor: actor.userId, action: 'task.claim', caseId: task.caseId, entity: 'task', entityId: id, before: { assignee: null }, after: { assignee: actor.userId } });
    return (await getTask(q, id))!;
  });
}

export async function unclaim(deps: TaskDeps, id: string, actor: Actor): Promise<TaskRow> {
  return await inTransaction(deps.pool, async (q) => {
    const task = await requireTask(q, id, true);
    checkOpen(task);
    if (!task.assignee) throw conflict(`task ${id} is not claimed`);
    if (task.assignee !== actor.userId && !isSupervisor(actor.roles))
      throw new AppError('forbidden', `task ${id} is claimed by ${task.assigneeName ?? task.assignee}; only they or a team lead can give it back`);
    await setAssignee(q, id, null);
    await audit(q, { actor: actor.userId, action: 'task.unclaim', caseId: task.caseId, entity: 'task', entityId: id, before: { assignee: task.assignee }, after: { assignee: null } });
    return (await getTask(q, id))!;
  });
}

/** A team lead gives a task to someone with its role, or back to the queue. */
export async function reassign(deps: TaskDeps, id: string, assignee: string | null, actor: Actor): Promise<TaskRow> {
  return await inTransaction(deps.pool, async (q) => {
    const task = await requireTask(q, id, true);
    checkOpen(task);
    if (assignee !== null) {
      const user = await userById(q, assignee);
      if (!user || !user.active) throw invalid(`body.assignee: there is no active user ${assignee}`, [{ field: 'body.assignee', message: 'no such active user' }]);
      if (roleRefusal(task, user))
        throw invalid(`body.assignee: ${user.displayName} does not have the role ${task.roles.join(' or ')} this task needs`, [{ field: 'body.assignee', message: 'lacks the role' }]);
      try {
        await checkFourEyes(q, task, assignee, user.displayName);
      } catch (err) {
        if (err instanceof AppError) throw invalid(`body.assignee: ${err.message}`, [{ field: 'body.assignee', message: 'four-eyes rule' }]);
        throw err;
      }
    }
    if (task.assignee === assignee) return task;
    await setAssignee(q, id, assignee);
    await audit(q, { actor: actor.userId, action: 'task.reassign', caseId: task.caseId, entity: 'task', entityId: id, before: { assignee: task.assignee }, after: { assignee } });
    return (await getTask(q, id))!;
  });
}
