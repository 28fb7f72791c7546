// The server's own checks before a person works on a task. The rules and their wording are
// definition/access.ts, which the workflow's validator applies too (it has the final word);
// the server checks first so a refusal comes with a clear reason before anything is sent,
// and it alone knows claims (the workflow does not know who took a task).
import { claimRefusal, fourEyesRefusal, roleRefusal } from '../../definition/access.ts';
import { checkFieldValues, fieldValueProblems } from '../../definition/forms.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict, invalid, notFound, refuse } from '../errors.ts';
import { approvalLevelLabel, decidedLevelOf, getTask, type TaskRow } from './repository.ts';

export function checkRole(task: TaskRow, actor: Pick<Actor, 'roles'>): void {
  refuse(roleRefusal(task, actor));
}

export async function checkFourEyes(q: Queryable, task: TaskRow, userId: string, who?: string): Promise<void> {
  if (!task.approval) return;
  const level = await decidedLevelOf(q, task.id, userId);
  if (level === undefined) return;
  refuse(fourEyesRefusal({ id: level, label: await approvalLevelLabel(q, task.caseId, task.approval.stepId, level) }, who));
}

export function checkOpen(task: TaskRow): void {
  if (task.status !== 'open') throw conflict(`task ${task.id} is not open (it is ${task.status})`, { status: task.status });
}

export function checkClaim(task: TaskRow, actor: Actor): void {
  refuse(claimRefusal(task, actor));
}

/**
 * The outcome chosen and the values of its form, checked as the workflow checks them
 * (definition/forms.ts, same wording), so the 400 names each wrong field of the request.
 */
export function checkForm(task: TaskRow, input: { outcome: string; fields: Record<string, unknown> }) {
  const outcome = task.outcomes.find((o) => o.id === input.outcome);
  if (!outcome) {
    const message = `"${input.outcome}" is not an outcome of this task; choose one of: ${task.outcomes.map((o) => o.id).join(', ')}`;
    throw invalid(message, [{ field: 'body.outcome', message }]);
  }
  const checked = checkFieldValues(outcome.fields, input.fields);
  if (!checked.ok)
    throw invalid(
      checked.errors.join('; '),
      fieldValueProblems(outcome.fields, input.fields).map((p) => ({ field: `body.fields.${p.field}`, message: p.message })),
    );
  return { outcome, values: checked.values };
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
