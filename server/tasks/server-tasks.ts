// Tasks the case's workflow does not wait on (definition/credit.ts: a credit to refund or
// settle). The server completes them alone, with the same guards as any task (open, role,
// claim) and the fields checked as the workflow would; free text goes to case_notes.
import type { Actor } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict } from '../errors.ts';
import { stashFormText } from '../notes.ts';
import { checkClaim, checkForm, checkOpen, checkRole } from './guards.ts';
import { completeServerTask, getTask } from './repository.ts';

export async function completeCreditTask(pool: Db, taskId: string, input: { outcome: string; fields: Record<string, unknown> }, actor: Actor) {
  return await inTransaction(pool, async (q) => {
    const task = await getTask(q, taskId, { forUpdate: true });
    if (!task) throw conflict(`task ${taskId} is not open`);
    checkOpen(task);
    checkRole(task, actor);
    checkClaim(task, actor);
    const { outcome, values } = checkForm(task, input);
    const fields = await stashFormText(q, task.caseId, actor.userId, outcome.fields, values);
    const settled = await completeServerTask(q, task, { outcome: input.outcome, fields, by: actor.userId });
    await audit(q, {
      actor: actor.userId,
      action: 'credit.settle',
      caseId: task.caseId,
      entity: 'task',
      entityId: taskId,
      before: { status: 'open', creditCents: settled.creditBefore },
      after: { status: 'completed', outcome: input.outcome, creditCents: settled.creditAfter },
    });
    return { taskId, outcome: input.outcome, balanceCents: settled.balanceCents, creditCents: settled.creditAfter };
  });
}
