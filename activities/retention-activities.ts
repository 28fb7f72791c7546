// The retention workflow's one activity (workflows/retention.ts): closed cases past their
// period lose their personal data (server/privacy/anonymise.ts). Idempotent: a case done is
// marked, a retry finds nothing left to do for it.
import type { Db } from '../server/db/pool.ts';
import { anonymiseDueCases } from '../server/privacy/anonymise.ts';

export type RetentionActivities = {
  anonymiseDueCases(input: { retentionDays: number }): Promise<number>;
};

export function createRetentionActivities(deps: { pool: Db }): RetentionActivities {
  return {
    async anonymiseDueCases(input) {
      return await anonymiseDueCases(deps.pool, input.retentionDays);
    },
  };
}
