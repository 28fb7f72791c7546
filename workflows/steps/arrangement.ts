// Follows a payment arrangement: a reminder before each instalment that is not yet covered,
// a check after its grace period, a "missed" message for each tolerated miss, and the break
// when more are missed than allowed. Paid off, it completes.
import { defaultPlan, schedule } from '../../definition/arrangement.ts';
import { addDuration } from '../../definition/duration.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { StepContext } from '../step-context.ts';
import type { StepRunner } from './runner.ts';

type Arrangement = StepOf<'arrangement'>;
type Instalment = ReturnType<typeof schedule>[number];

async function message(ctx: StepContext, step: Arrangement, kind: 'reminder' | 'missed', index: number, inst: Instalment) {
  const { d, s } = ctx;
  const ref = kind === 'reminder' ? step.reminder : step.missed;
  // Held until the message hours; paid off meanwhile, the arrangement completes without it.
  if ((await ctx.untilAllowed(ref.channel, () => d.balanceCents <= 0)) === 'woken') return;
  await ctx.acts.sendMessage({
    caseId: d.caseId,
    key: ctx.key(kind, index),
    stepId: step.id,
    channel: ref.channel,
    templateId: ref.template,
    purpose: kind === 'reminder' ? 'arrangement-reminder' : 'arrangement-missed',
    at: s.businessIso(),
    variables: {
      amountCents: d.balanceCents,
      dueDate: d.dueDate,
      instalmentCents: inst.amountCents,
      instalmentDate: new Date(inst.dueMs).toISOString().slice(0, 10),
    },
  });
}

export const arrangementRunner: StepRunner<Arrangement> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    const run = ctx.stepRun<'arrangement'>(() => {
      const plan = d.agreedPlan ?? defaultPlan(step, d.balanceCents, s.businessNow());
      d.agreedPlan = null;
      return {
        kind: 'arrangement',
        plan,
        startCase: s.caseNow(),
        startBusiness: s.businessNow(),
        paidAtStart: d.totalPaidCents,
        balanceAtStart: d.balanceCents,
        index: 0,
        phase: 'remind',
        misses: 0,
        announced: false,
      };
    });
    const instalments = schedule(run.plan, run.balanceAtStart);
    if (!run.announced) {
      await ctx.record('arrangement-started', ctx.key('arrangement-started'), {
        data: { plan: run.plan, instalments: instalments.map((i) => ({ dueDate: new Date(i.dueMs).toISOString().slice(0, 10), amountCents: i.amountCents })) },
      });
      run.announced = true;
    }
    const onCase = (businessMs: number) => run.startCase + (businessMs - run.startBusiness) / d.timeScale;
    const paid = () => d.totalPaidCents - run.paidAtStart;
    const cleared = () => d.balanceCents <= 0;
    const expectedBy = (index: number) => instalments.slice(0, index + 1).reduce((sum, i) => sum + i.amountCents, 0);
    while (run.index < instalments.length) {
      const inst = instalments[run.index]!;
      if (run.phase === 'remind') {
        const remindAt = onCase(inst.dueMs - (addDuration(inst.dueMs, step.reminder.before) - inst.dueMs));
        if ((await ctx.sleepUntil(remindAt, cleared)) === 'woken') return 'completed';
        if (paid() < expectedBy(run.index)) await message(ctx, step, 'reminder', run.index, inst);
        run.phase = 'check';
      }
      const checkAt = onCase(addDuration(inst.dueMs, step.gracePeriod));
      if ((await ctx.sleepUntil(checkAt, cleared)) === 'woken') return 'completed';
      if (paid() < expectedBy(run.index)) {
        run.misses++;
        await ctx.record('arrangement-missed', ctx.key('missed-event', run.index), {
          data: { instalment: run.index + 1, expectedCents: expectedBy(run.index), paidCents: paid(), misses: run.misses },
        });
        if (run.misses > step.allowedMisses) return 'broken';
        await message(ctx, step, 'missed', run.index, inst);
      }
      run.index++;
      run.phase = 'remind';
    }
    return cleared() ? 'completed' : 'broken';
  },
  waitingOn: () => 'tenant',
  passesSilently: false,
  leavesWhenPaid: false,
};
