// Tasks the case's workflow does not wait on (definition/credit.ts: a credit to refund or
// settle). The server completes them alone, with the same guards as any task (open, role,
// claim) and the fields checked as the workflow would; free text goes to case_notes.
import { checkFieldValues } from '../../definition/forms.ts';
import type { Actor } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, invalid } from '../errors.ts';
import { stashFormText } from '../notes.ts';
import { checkClaim, checkOpen, checkRole } from './guards.ts';
import { completeServerTask, getTask } from './repository.ts';

export async function completeCreditTask(pool: Db, taskId: string, input: { outcome: string; fields: Record<string, unknown> }, actor: Actor) {
  return await inTransaction(pool, async (q) => {
    const task = await getTask(q, taskId, { forUpdate: true });
    if (!task) throw conflict(`task ${taskId} is not open`);
    checkOpen(task);
    checkRole(task, actor);
    checkClaim(task, actor);
    const outcome = task.outcomes.find((o) => o.id === input.outcome);
    if (!outcome)
      throw invalid(`outcome: "${input.outcome}" is not an outcome of this task; choose one of: ${task.outcomes.map((o) => o.id).join(', ')}`, [{ field: 'body.outcome', message: 'unknown outcome' }]);
    const checked = checkFieldValues(outcome.fields, input.fields);
    if (!checked.ok) throw invalid(checked.errors.join('; '), checked.errors.map((message) => ({ field: 'body.fields', message })));
    const fields = await stashFormText(q, task.caseId, actor.userId, outcome.fields, checked.values);
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
