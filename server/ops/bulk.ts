// Bulk pause, resume and cancel from the case search. Each case goes through the same
// service function as a single action (so a reason becomes a note, never workflow text, and
// the workflow's validator has the last word); the request is checked whole first.
import type { Logger } from 'pino';
import type { Actor } from '../../workflows/messages.ts';
import * as cases from '../cases/service.ts';
import type { Db } from '../db/pool.ts';
import { invalid } from '../errors.ts';
import { realCases, type RealCaseRef } from './repository.ts';
import { runPerCase } from './run-per-case.ts';
import type { BulkAction } from './schemas.ts';

/** The cases named, in the order named; unknown ids and dry runs refuse the whole request. */
export async function requireRealCases(pool: Db, ids: string[]): Promise<RealCaseRef[]> {
  const found = new Map((await realCases(pool, ids)).map((r) => [r.id, r]));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length) {
    const message = `no such case: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}; nothing was changed`;
    throw invalid(`caseIds: ${message}`, [{ field: 'body.caseIds', message, unknown }]);
  }
  return ids.map((id) => found.get(id)!);
}

export async function bulkAction(deps: cases.CaseDeps & { log: Logger }, input: BulkAction, actor: Actor) {
  // A review date is checked per case, against that case's clock (cases.pauseCase): the cases
  // need not share a date, and none of them runs on the calendar's.
  const targets = await requireRealCases(deps.pool, input.caseIds);
  const apply = (caseId: string) => {
    switch (input.action) {
      case 'pause':
        return cases.pauseCase(deps, caseId, { reason: input.reason, reviewDate: input.reviewDate }, actor);
      case 'resume':
        return cases.resumeCase(deps, caseId, input.note ? { note: input.note } : {}, actor);
      case 'cancel':
        return cases.cancelCase(deps, caseId, { reason: input.reason }, actor);
    }
  };
  return await runPerCase(
    deps,
    { action: input.action, actor: actor.userId, cases: targets, ...(input.action === 'pause' ? { auditDetails: { reviewDate: input.reviewDate } } : {}) },
    async (caseId) => {
      const ack = await apply(caseId);
      return { paused: ack.paused, balanceCents: ack.balanceCents };
    },
  );
}
