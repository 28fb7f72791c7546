// The server's own checks before a person works on a task. The workflow checks the role and
// the four-eyes rule again when the task is completed (it has the final word); the server
// checks them first so a refusal comes with a clear reason before anything is sent, and it
// alone knows claims (the workflow does not know who took a task).
import type { Role } from '../../definition/catalog.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { decidedLevelOf, getTask, type TaskRow } from './repository.ts';
import { isSupervisor } from './teams.ts';

/** The roles that may complete a task: its role now, and the one it started with (an escalation adds a role, it does not take one away). */
export const rolesFor = (task: Pick<TaskRow, 'role' | 'originalRole'>): Role[] => [...new Set([task.role, task.originalRole])];

export function checkRole(task: TaskRow, actor: Actor): void {
  const allowed = rolesFor(task);
  if (!actor.roles.some((r) => allowed.includes(r)))
    throw new AppError('forbidden', `task "${task.title}" is for the role ${allowed.join(' or ')}; you have ${actor.roles.join(', ')}`, { rule: 'role', roles: allowed });
}

export async function checkFourEyes(q: Queryable, task: TaskRow, userId: string, who = 'you'): Promise<void> {
  if (!task.approval) return;
  const level = await decidedLevelOf(q, task.id, userId);
  if (level === undefined) return;
  const subject = who === 'you' ? 'you already decided' : `${who} already decided`;
  throw new AppError('forbidden', `four-eyes rule: ${subject} the level "${level}" of this approval; a different person must decide this level`, {
    rule: 'four-eyes',
    level,
    levelLabel: (await levelLabel(q, task, level)) ?? level,
  });
}

/** The label the definition gives an approval level ("Incassomedewerker stelt voor"), for the refusal's wording. */
async function levelLabel(q: Queryable, task: TaskRow, levelId: string): Promise<string | undefined> {
  const r = await q.query<{ label: string | null }>(
    `SELECT l->>'label' AS label
     FROM cases c JOIN definitions d ON d.id = c.definition_id AND d.version = c.definition_version,
          jsonb_array_elements(d.body->'steps') s, jsonb_array_elements(s->'levels') l
     WHERE c.id = $1 AND s->>'id' = $2 AND l->>'id' = $3`,
    [task.caseId, task.approval!.stepId, levelId],
  );
  return r.rows[0]?.label ?? undefined;
}

export function checkOpen(task: TaskRow): void {
  if (task.status !== 'open') throw conflict(`task ${task.id} is not open (it is ${task.status})`, { status: task.status });
}

/** A claimed task is completed by whoever claimed it, or by a team lead stepping in. */
export function checkClaim(task: TaskRow, actor: Actor): void {
  if (!task.assignee || task.assignee === actor.userId || isSupervisor(actor.roles)) return;
  throw new AppError('forbidden', `task ${task.id} is claimed by ${task.assigneeName ?? task.assignee}; only they or a team lead can complete it`, {
    rule: 'claimed',
    assignee: task.assignee,
  });
}

/** Everything the server checks before a completion goes to the workflow. */
export async function assertMayComplete(q: Queryable, taskId: string, actor: Actor): Promise<TaskRow> {
  const task = await getTask(q, taskId);
  if (!task) throw notFound(`task ${taskId} not found`);
  checkOpen(task);
  checkRole(task, actor);
  checkClaim(task, actor);
  await checkFourEyes(q, task, actor.userId);
  return task;
}
