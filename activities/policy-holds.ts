// The workflow's one question about policy holds: which hold stops this case at this step at
// this business moment (definition/policy-holds.ts decides; the holds are read from the
// database). Read-only, so a retry or a second run answers the same and changes nothing.
import { governingHold, holdWindow } from '../definition/policy-holds.ts';
import type { Db } from '../server/db/pool.ts';
import { holdsStopping } from '../server/policy-holds/repository.ts';
import type { PolicyHoldActivities, PolicyHoldQuery } from './contracts.ts';

export function createPolicyHoldActivities(deps: { pool: Db }): PolicyHoldActivities {
  return {
    async activePolicyHold(input: PolicyHoldQuery) {
      const holds = await holdsStopping(deps.pool, input.targets);
      const hold = governingHold(holds, { definitionId: input.definitionId, minors: input.minors, targets: input.targets, at: Date.parse(input.at) });
      if (!hold) return null;
      return { holdId: hold.id, name: hold.name, reason: hold.reason, endsOn: hold.endsOn, until: holdWindow(hold).until, revision: hold.revision };
    },
  };
}
