// Charges collection costs on the BIK scale once (the loop has checked the 14-day period first).
import { collectionCostsCents } from '../../definition/costs.ts';
import type { StepOf } from '../../definition/schema.ts';
import { engine, type StepRunner } from './runner.ts';

export const costsRunner: StepRunner<StepOf<'collection-costs'>> = {
  async run(_step, ctx) {
    const { d, s } = ctx;
    if (d.costsChargedCents !== null || d.balanceCents <= 0) return 'charged';
    const costs = collectionCostsCents(d.balanceCents);
    d.costsChargedCents = costs;
    d.balanceCents += costs;
    ctx.upsertStatus();
    await ctx.record('collection-costs', ctx.key('costs'), { data: { costsCents: costs }, patch: { balance: s.balancePatch() } });
    return 'charged';
  },
  waitingOn: engine,
  passesSilently: false,
  leavesWhenPaid: true,
};
