// A task for a person: opened, escalated by its deadline, completed through an update. An
// outcome with a meaning is applied here: a refusal of the municipality report, an agreed plan.
import type { Plan } from '../../definition/arrangement.ts';
import { outcomeFields } from '../../definition/forms.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { StepRunner } from './runner.ts';

export const taskRunner: StepRunner<StepOf<'task'>> = {
  async run(step, ctx) {
    const { d } = ctx;
    const run = ctx.stepRun<'human'>(() => ctx.newHuman(ctx.key('task')));
    const result = await ctx.human(run, {
      stepId: step.id,
      title: step.name,
      kind: step.task,
      role: step.role,
      instructions: step.instructions,
      outcomes: step.outcomes.map((o) => ({ id: o.id, label: o.label, arrangement: o.arrangement, fields: outcomeFields(o) })),
      deadline: step.deadline,
    });
    const chosen = step.outcomes.find((o) => o.id === result.outcome);
    if (chosen?.meaning === 'data-sharing-refused') d.dataSharingRefused = true;
    if (chosen?.arrangement && result.userId) {
      const f = result.fields;
      d.agreedPlan = {
        instalmentCents: f.instalmentCents as number,
        instalments: f.instalments as number,
        interval: f.interval as Plan['interval'],
        firstDueDate: f.firstDueDate as string,
      };
    }
    return result.userId === null ? { outcome: result.outcome, provesNothing: true } : result.outcome;
  },
  waitingOn: (step) => step.role,
  passesSilently: false,
  leavesWhenPaid: true,
};
