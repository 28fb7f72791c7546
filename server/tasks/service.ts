// What the inbox does apart from HTTP: the queues, one task with everything its form needs
// (the case's balance, history, earlier contact, agreed arrangement, the approval so far and
// the limits of the arrangement an outcome leads to), and claims.
import { proposalDraft } from './proposal-draft.ts';
import type { Client } from '@temporalio/client';
import type { StepKind, StepOf } from '../../definition/schema.ts';
import { stepSummary } from '../../definition/describe.ts';
import { businessNow } from '../../workflows/case-view.ts';
import type { Actor } from '../../workflows/messages.ts';
import { auditCaseRead, auditListRead } from '../audit/log.ts';
import { audit } from '../audit/repository.ts';
import { caseParty, getCaseRow } from '../cases/repository.ts';
import { liveState } from '../cases/service.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { resolveNotes } from '../notes.ts';
import { caseScopeOf } from '../teams/scope.ts';
import { checkClaim, checkFourEyes, checkOpen, checkRole } from './guards.ts';
import {
  approvalSoFar,
  caseBusinessNow,
  countTasks,
  earlierContact,
  getTask,
  lastArrangementStarted,
  listTasks,
  recentHistory,
  setAssignee,
  userById,
  type TaskRow,
  type Who,
} from './repository.ts';
import type { TaskListQuery } from './schemas.ts';
import { isSupervisor, roleRefusal, teamRoles } from '../../definition/access.ts';

export type TaskDeps = { pool: Db; temporal: Client };

const whoIs = async (pool: Db, actor: Actor): Promise<Who> => ({ userId: actor.userId, roles: actor.roles, teamRoles: teamRoles(actor.roles), scope: await caseScopeOf(pool, actor.userId) });

export async function inbox(deps: TaskDeps, actor: Actor, query: TaskListQuery) {
  const who = await whoIs(deps.pool, actor);
  const [list, counts] = await Promise.all([listTasks(deps.pool, who, query), countTasks(deps.pool, who)]);
  await auditListRead(deps.pool, actor.userId, `inbox:${query.view}`, list.tasks.map((t) => t.caseId));
  return { ...list, counts };
}

export async function counts(deps: TaskDeps, actor: Actor) {
  return await countTasks(deps.pool, await whoIs(deps.pool, actor));
}

async function requireTask(q: Queryable, id: string, forUpdate = false): Promise<TaskRow> {
  const task = await getTask(q, id, { forUpdate });
  if (!task) throw notFound(`task ${id} not found`);
  return task;
}

// --- One task with its case context ----------------------------------------------------------

/**
 * The arrangement steps the outcomes of a task lead to: their limits are what a plan is checked
 * against. A follow-up task during an arrangement changes the plan of the arrangement it is in.
 */
function arrangementTargets(steps: ReadonlyArray<{ id: string; kind: string }>, task: Pick<TaskRow, 'stepId' | 'outcomes'>): Record<string, StepOf<'arrangement'>> {
  const step = steps.find((s) => s.id === task.stepId) as { kind: string; next?: Record<string, string> } | undefined;
  if (step?.kind === 'arrangement') {
    const plans = task.outcomes.filter((o) => o.fields.some((f) => f.id === 'instalmentCents'));
    return Object.fromEntries(plans.map((o) => [o.id, step as StepOf<'arrangement'>]));
  }
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
  const [party, definition, live, decisions, contacts, history, blocked, lastArrangement, draft] = await Promise.all([
    caseParty(pool, task.caseId),
    getVersion(pool, row.definitionId, row.definitionVersion),
    liveState(deps.temporal, row),
    approvalSoFar(pool, task),
    earlierContact(pool, task.caseId),
    recentHistory(pool, task.caseId),
    whyNot(pool, task, actor),
    lastArrangementStarted(pool, task.caseId),
    proposalDraft(pool, task),
  ]);
  const steps = definition?.body.steps ?? [];
  const approvalStep = task.approval ? steps.find((s) => s.id === task.approval!.stepId && s.kind === 'approval') : undefined;
  const now = live.state ? new Date(businessNow(live.state)).toISOString() : await caseBusinessNow(pool, task.caseId);
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
    ...party!,
    arrangement: live.state?.arrangement ?? null,
    lastArrangement,
    arrangementTargets: arrangementTargets(steps, task),
    afterOutcomes: afterOutcomes(steps, task.stepId),
    /** Labels of approval levels by "stepId:levelId", for the history's wording. */
    levelLabels: Object.fromEntries(steps.flatMap((s) => (s.kind === 'approval' ? s.levels.map((l) => [`${s.id}:${l.id}`, l.label]) : []))),
    approval: task.approval && approvalStep?.kind === 'approval' ? { step: { id: approvalStep.id, name: approvalStep.name, subject: approvalStep.subject, levels: approvalStep.levels }, decisions } : null,
    contacts,
    history,
    /** For a forgiveness proposal: the report just written, to start the reasoning from. */
    proposalDraft: draft,
    now,
  });
}
export type TaskDetail = Awaited<ReturnType<typeof taskDetail>>;

/** Where each outcome of the task's step leads, and what that next step does, in both languages: the task page's "what happens next". */
function afterOutcomes(steps: ReadonlyArray<StepOf<StepKind>>, stepId: string) {
  const step = steps.find((s) => s.id === stepId);
  if (step?.kind !== 'task') return [];
  return step.outcomes.map((o) => {
    const to = steps.find((s) => s.id === step.next[o.id]);
    return { outcome: o.id, label: o.label, next: to ? { name: to.name, what: { nl: stepSummary(to, 'nl'), en: stepSummary(to, 'en') } } : null };
  });
}

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
