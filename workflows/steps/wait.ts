// Waits on the case clock until the duration passes or an event it ends on arrives after the
// step was entered (a payment, a contact, a named event).
import type { StepOf } from '../../definition/schema.ts';
import type { StepRunner } from './runner.ts';

export const waitRunner: StepRunner<StepOf<'wait'>> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    const run = ctx.stepRun<'wait'>(() => ({
      kind: 'wait',
      deadline: s.caseNow() + s.caseMsFor(step.duration, step.workingDays),
      eventSeq: d.current!.seen?.events ?? d.eventSeq,
      paymentSeq: d.current!.seen?.payments ?? d.paymentSeq,
    }));
    const ending = (): string | undefined => {
      if (step.endsOn.includes('payment') && d.paymentSeq > run.paymentSeq) return 'payment';
      return d.events.find((e) => e.seq > run.eventSeq && step.endsOn.includes(e.type))?.type;
    };
    const result = await ctx.sleepUntil(run.deadline, () => ending() !== undefined);
    return result === 'woken' ? ending()! : 'elapsed';
  },
  waitingOn: () => 'tenant',
  passesSilently: false,
  leavesWhenPaid: true,
};
