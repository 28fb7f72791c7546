// The policy holds' HTTP shapes: the request schemas are definition/policy-holds.ts's own; these
// add the path and query, and the answer's shape for the API document.
import { z } from 'zod';
import { holdCoverages, holdTargets } from '../../definition/policy-holds.ts';

export const PolicyHoldIdSchema = z.uuid('the hold id is not a valid id');
export const PolicyHoldParamsSchema = z.object({ id: PolicyHoldIdSchema });
/** `current`: not ended and not past their last day (what can still stop a step); `all`: every hold, the ended ones too. */
export const PolicyHoldListQuerySchema = z.object({ scope: z.enum(['current', 'all']).default('all') }).strict();

export const PolicyHoldViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  reason: z.string(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().describe('the last day the hold stops steps (inclusive); it lifts at 00:00 Amsterdam the day after'),
  stops: z.array(z.enum(holdTargets.ids)),
  covers: z.enum(holdCoverages.ids),
  definitionId: z.string().nullable(),
  revision: z.number().int(),
  phase: z.enum(['upcoming', 'active', 'over']).describe('on the calendar now; a case running in accelerated time meets a hold at its own business time'),
  heldCases: z.number().int().describe('open cases that said they wait for this hold'),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  endedByName: z.string().nullable(),
});
export type PolicyHoldView = z.infer<typeof PolicyHoldViewSchema>;
