// Follows a payment arrangement: a reminder before each instalment that is not yet covered,
// a check after its grace period, a "missed" message for each tolerated miss, and the break
// when more are missed than allowed, which the tenant is told of. Paid off, it completes.
import { deliveryChannel } from '../../definition/contact-preference.ts';
import { defaultPlan, schedule, type Plan } from '../../definition/arrangement.ts';
import { addDuration } from '../../definition/duration.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { CaseState } from '../case-state.ts';
import type { StepContext } from '../step-context.ts';
import type { StepRunner } from './runner.ts';

type Arrangement = StepOf<'arrangement'>;
type Instalment = ReturnType<typeof schedule>[number];

const purposes = { reminder: 'arrangement-reminder', missed: 'arrangement-missed', broken: 'arrangement-broken' } as const;

async function message(ctx: StepContext, step: Arrangement, kind: keyof typeof purposes, index: number, inst: Instalment, covered: () => boolean = () => false) {
  const { d, s } = ctx;
  const ref = kind === 'reminder' ? step.reminder : kind === 'missed' ? step.missed : step.broken;
  if (!ref) return;
  const channel = deliveryChannel(ref.channel, purposes[kind], d.preferredChannel);
  // Held until the message hours; paid off (or the instalment paid) meanwhile, it is not sent.
  if ((await ctx.untilAllowed(channel, () => d.balanceCents <= 0 || covered())) === 'woken') return;
  await ctx.acts.sendMessage({
    caseId: d.caseId,
    key: ctx.key(kind, index),
    stepId: step.id,
    channel,
    templateId: ref.template,
    purpose: purposes[kind],
    at: s.businessIso(),
    variables: {
      amountCents: d.balanceCents,
      dueDate: d.dueDate,
      instalmentCents: inst.amountCents,
      instalmentDate: new Date(inst.dueMs).toISOString().slice(0, 10),
    },
  });
}

/** A plan followed from now: what is open now, due as the plan says, nothing paid or missed yet. */
export function planFromNow(s: CaseState, plan: Plan) {
  const d = s.data;
  return {
    plan,
    startCase: s.caseNow(),
    startBusiness: s.businessNow(),
    paidAtStart: d.totalPaidCents,
    balanceAtStart: d.balanceCents,
    index: 0,
    phase: 'remind' as const,
    misses: 0,
  };
}

export const arrangementRunner: StepRunner<Arrangement> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    const run = ctx.stepRun<'arrangement'>(() => {
      const plan = d.agreedPlan ?? defaultPlan(step, d.balanceCents, s.businessNow());
      d.agreedPlan = null;
      return { kind: 'arrangement', ...planFromNow(s, plan), announced: false };
    });
    if (!run.announced) {
      const instalments = schedule(run.plan, run.balanceAtStart);
      await ctx.record('arrangement-started', ctx.key('arrangement-started'), {
        data: { plan: run.plan, instalments: instalments.map((i) => ({ dueDate: new Date(i.dueMs).toISOString().slice(0, 10), amountCents: i.amountCents })) },
      });
      run.announced = true;
    }
    const onCase = (businessMs: number) => run.startCase + (businessMs - run.startBusiness) / d.timeScale;
    const paid = () => d.totalPaidCents - run.paidAtStart;
    const cleared = () => d.balanceCents <= 0;
    // A caseworker may change the plan while it runs (side-tasks.ts): the schedule is taken afresh after each change.
    for (;;) {
      const revision = run.revision ?? 0;
      const changed = () => (run.revision ?? 0) !== revision;
      const instalments = schedule(run.plan, run.balanceAtStart);
      const expectedBy = (index: number) => instalments.slice(0, index + 1).reduce((sum, i) => sum + i.amountCents, 0);
      if (run.index >= instalments.length) {
        if (cleared()) return 'completed';
        await message(ctx, step, 'broken', run.index, instalments[instalments.length - 1]!);
        return 'broken';
      }
      const inst = instalments[run.index]!;
      if (run.phase === 'remind') {
        const remindAt = onCase(inst.dueMs - (addDuration(inst.dueMs, step.reminder.before) - inst.dueMs));
        if ((await ctx.sleepUntil(remindAt, () => cleared() || changed())) === 'woken') {
          if (cleared()) return 'completed';
          continue;
        }
        if (paid() < expectedBy(run.index)) await message(ctx, step, 'reminder', run.index, inst, () => paid() >= expectedBy(run.index));
        run.phase = 'check';
      }
      const checkAt = onCase(addDuration(inst.dueMs, step.gracePeriod));
      if ((await ctx.sleepUntil(checkAt, () => cleared() || changed())) === 'woken') {
        if (cleared()) return 'completed';
        continue;
      }
      if (paid() < expectedBy(run.index)) {
        run.misses++;
        await ctx.record('arrangement-missed', ctx.key('missed-event', run.index), {
          data: { instalment: run.index + 1, expectedCents: expectedBy(run.index), paidCents: paid(), misses: run.misses },
        });
        if (run.misses > step.allowedMisses) {
          // The tenant hears that the arrangement stopped and what happens next (definitions from before say nothing).
          await message(ctx, step, 'broken', run.index, inst);
          return 'broken';
        }
        await message(ctx, step, 'missed', run.index, inst);
      }
      run.index++;
      run.phase = 'remind';
    }
  },
  waitingOn: () => 'tenant',
  passesSilently: false,
  leavesWhenPaid: false,
};
