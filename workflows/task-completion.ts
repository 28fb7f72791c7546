// Completing a task: the checks the update validator runs (and the handler runs again),
// from definition/access.ts and the task's own form, so a refusal leaves no trace in the
// history. A step's task is then applied by the loop; a side task by side-tasks.ts.
import { PlanSchema, planFieldProblems } from '../definition/arrangement.ts';
import { fourEyesRefusal, roleRefusal } from '../definition/access.ts';
import { checkFieldValues, fieldValueProblems } from '../definition/forms.ts';
import type { StepOf } from '../definition/schema.ts';
import type { CaseState } from './case-state.ts';
import { rolesOf } from './human-task.ts';
import { CompleteTaskSchema } from './messages.ts';
import { extensionRefusal } from './pause.ts';
import { planRefusal, tenantArrangementStep } from './tenant-requests.ts';
import { invalidFields, parseOrRefuse, refusal, refuse, whileOpen } from './refusal.ts';

/** The arrangement a plan is checked against: the one the outcome leads to, or (a side task during it) the one the case is in. */
function planTarget(s: CaseState, stepId: string, outcomeId: string): StepOf<'arrangement'> | undefined {
  const step = s.step(stepId);
  const target = step.kind === 'arrangement' ? step : s.steps.get(step.next[outcomeId] ?? '');
  return target?.kind === 'arrangement' ? target : undefined;
}

/** The checks of a task completion, shared by the validator; throws a typed refusal. */
export function checkCompletion(s: CaseState, raw: unknown) {
  const input = parseOrRefuse(CompleteTaskSchema, raw);
  whileOpen(s);
  const task = s.data.openTasks.find((t) => t.taskId === input.taskId);
  if (!task) throw refusal('conflict', `task ${input.taskId} is not open`);
  if (s.completions.has(task.taskId)) throw refusal('conflict', `task ${input.taskId} is already being completed`);
  refuse(roleRefusal({ title: task.title, roles: rolesOf(task) }, input.actor));
  const outcome = task.outcomes.find((o) => o.id === input.outcome);
  if (!outcome) {
    const message = `"${input.outcome}" is not an outcome of this task; choose one of: ${task.outcomes.map((o) => o.id).join(', ')}`;
    throw refusal('invalid', message, [{ field: 'outcome', message }]);
  }
  const checked = checkFieldValues(outcome.fields, input.fields);
  if (!checked.ok) throw invalidFields(checked.errors.join('; '), fieldValueProblems(outcome.fields, input.fields));
  const values = checked.values;
  if (task.approval) {
    const visit = s.data.current?.visit;
    const earlier = s.data.approvals.find((a) => a.stepId === task.approval!.stepId && a.visit === visit && a.userId === input.actor.userId);
    refuse(fourEyesRefusal(earlier && { id: earlier.levelId }));
    const amount = values.amountCents;
    if (typeof amount === 'number') {
      const invalidOne = (field: string, message: string) => invalidFields(message, [{ field, message }]);
      if (amount <= 0) throw invalidOne('amountCents', 'amountCents must be more than zero');
      if (amount > s.data.balanceCents) throw invalidOne('amountCents', `amountCents ${amount} is more than the balance of ${s.data.balanceCents}`);
      if (input.outcome === 'approve' && typeof values.reason !== 'string') throw invalidOne('reason', 'reason is required when you adjust the amount');
    }
  }
  if (task.side === 'pause-review' && outcome.id === 'extend') {
    const refused = extensionRefusal(s, String(values.reviewDate), 'fields.reviewDate');
    if (refused) throw refused;
  }
  if (outcome.arrangement) {
    const inArrangement = s.data.current?.run?.kind === 'arrangement';
    if (task.side === 'contact' && !inArrangement) throw refusal('conflict', 'the payment arrangement has ended; there is no plan to change');
    const notNow = task.side === 'arrangement-proposal' && !inArrangement ? planRefusal(s) : null;
    if (notNow) throw refusal('conflict', `the case cannot follow a plan now: ${notNow}; record the talk as "Geen regeling"`);
    const target = task.side === 'arrangement-proposal' ? tenantArrangementStep(s) : planTarget(s, task.stepId, outcome.id);
    const plan = PlanSchema.safeParse(values);
    if (!plan.success)
      throw invalidFields(
        plan.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        plan.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      );
    if (target) {
      const problems = planFieldProblems(plan.data, target, s.data.balanceCents, s.businessNow());
      if (problems.length) throw invalidFields(`the plan is not realistic: ${problems.map((p) => p.message).join('; ')}`, problems);
    }
  }
  return { input, task, values };
}
