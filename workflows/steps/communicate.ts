// Sends the step's message once per visit, at a time the channel may reach the tenant; the
// outcome is whether the channel took it.
import { deliveryChannel } from '../../definition/contact-preference.ts';
import { collectionCostsCents } from '../../definition/costs.ts';
import type { StepOf } from '../../definition/schema.ts';
import { engine, type StepRunner } from './runner.ts';

export const communicateRunner: StepRunner<StepOf<'communicate'>> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    // The tenant's preferred channel where the message may take it (a written reminder stays written).
    const channel = deliveryChannel(step.channel, step.purpose, d.preferredChannel);
    await ctx.untilAllowed(channel);
    const result = await ctx.acts.sendMessage({
      caseId: d.caseId,
      key: ctx.key(),
      stepId: step.id,
      channel,
      templateId: step.template,
      purpose: step.purpose,
      at: s.businessIso(),
      variables: {
        amountCents: d.balanceCents,
        dueDate: d.dueDate,
        ...(step.purpose === 'fourteen-day-letter' ? { collectionCostsCents: collectionCostsCents(d.balanceCents) } : {}),
      },
    });
    return result.status;
  },
  waitingOn: engine,
  passesSilently: false,
  leavesWhenPaid: true,
};
