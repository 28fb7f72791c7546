// A handover to a partner: recorded once and delivered once through the partner's adapter, then,
// when the step waits for an answer, the partner's accept or refuse, or the default when the
// time runs out. A tenant who refused the municipality report gets no signal (Bgs art. 2 sub d).
import { patched } from '@temporalio/workflow';
import { partners } from '../../definition/catalog.ts';
import { addDuration } from '../../definition/duration.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { StepContext } from '../step-context.ts';
import type { StepRunner } from './runner.ts';

/** An accepted handover whose partner now helps pauses the case (unless a person paused it already). */
async function accepted(step: StepOf<'handover'>, ctx: StepContext): Promise<'accepted'> {
  const { d, s } = ctx;
  if (!step.pause || d.paused) return 'accepted';
  const reason = `${partners.labels[step.partner].nl} helpt de huurder`;
  const reviewDate = new Date(addDuration(s.businessNow(), step.pause.review)).toISOString().slice(0, 10);
  s.pause(reason, reviewDate, 'system');
  ctx.upsertStatus();
  await ctx.record('paused', ctx.key('pause'), { by: 'system', data: { reason, reviewDate, partner: step.partner }, patch: { status: s.statusPatch() } });
  return 'accepted';
}

export const handoverRunner: StepRunner<StepOf<'handover'>> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    if (step.partner === 'municipality-signal' && d.dataSharingRefused) {
      await ctx.record('municipality-signal-withheld', ctx.key('signal-withheld'), {
        data: { reason: 'the tenant refused the offer to pass their details to the municipality' },
      });
      return 'refused';
    }
    const run = ctx.stepRun<'handover'>(() => ({ kind: 'handover', handoverId: ctx.key('handover'), recorded: false, deadline: null }));
    if (!run.recorded) {
      await ctx.active();
      // Listed as awaiting before the activities run: the row shows staff a handover to answer
      // during them, and an answer arriving then must find it waiting (as an open task does).
      if (step.response) d.awaitingHandover = { handoverId: run.handoverId, stepId: step.id };
      await ctx.acts.recordHandover({
        caseId: d.caseId,
        handoverId: run.handoverId,
        stepId: step.id,
        partner: step.partner,
        purpose: step.purpose,
        arrearsCents: d.balanceCents,
        at: s.businessIso(),
        awaitsResponse: step.response !== undefined,
      });
      // Cases that recorded handovers before partners had adapters replay without the delivery.
      if (patched('deliver-handover')) await ctx.acts.deliverHandover({ caseId: d.caseId, handoverId: run.handoverId });
      run.recorded = true;
      run.deadline = step.response ? s.caseNow() + s.caseMsFor(step.response.within) : null;
    }
    if (!step.response) return await accepted(step, ctx);
    d.awaitingHandover = { handoverId: run.handoverId, stepId: step.id };
    const result = await ctx.sleepUntil(run.deadline, () => s.handoverResponses.has(run.handoverId));
    const answer = result === 'woken' ? s.handoverResponses.get(run.handoverId)! : { response: step.response.otherwise, by: 'deadline' };
    await ctx.acts.closeHandover({
      caseId: d.caseId,
      handoverId: run.handoverId,
      response: answer.response,
      by: answer.by,
      ...('note' in answer && answer.note ? { note: answer.note } : {}),
      at: s.businessIso(),
    });
    d.awaitingHandover = null;
    s.handoverResponses.delete(run.handoverId);
    return answer.response === 'accepted' ? await accepted(step, ctx) : answer.response;
  },
  waitingOn: (step) => (step.response ? `partner:${step.partner}` : 'engine'),
  passesSilently: false,
  leavesWhenPaid: true,
};
