// What the policy holds' endpoints do beyond SQL: the merged hold of a change is checked as a
// whole, and the cases waiting for a hold that changed are told at once, so an early end
// releases them now rather than at their next daily look.
import type { Client } from '@temporalio/client';
import { holdPhase, PolicyHoldInputSchema, type PolicyHoldChange, type PolicyHoldInput } from '../../definition/policy-holds.ts';
import { policyHoldChangedSignal } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { casesHeldBy, changeHold, createHold, endHold, getHold, type StoredHold } from './repository.ts';
import type { PolicyHoldView } from './schemas.ts';

export type PolicyHoldDeps = { pool: Db; temporal: Client };

export async function viewOf(pool: Db, h: StoredHold, held?: number): Promise<PolicyHoldView> {
  const heldCases = held ?? (await casesHeldBy(pool, h.id)).length;
  return {
    id: h.id,
    name: h.name,
    reason: h.reason,
    startsOn: h.startsOn,
    endsOn: h.endsOn,
    stops: h.stops,
    covers: h.covers,
    definitionId: h.definitionId ?? null,
    revision: h.revision,
    phase: holdPhase(h, Date.now()),
    heldCases,
    endedAt: h.endedAt,
    createdAt: h.createdAt,
    createdByName: h.createdByName,
    endedByName: h.endedByName,
  };
}

/**
 * Tells every open case waiting for the hold to ask again. A case that closed in the meantime
 * is no error; a failure to reach one is not the caller's: that case asks again within a
 * business day by itself (workflows/policy-hold.ts).
 */
async function tellHeldCases(deps: PolicyHoldDeps, holdId: string): Promise<number> {
  const cases = await casesHeldBy(deps.pool, holdId);
  const results = await Promise.allSettled(cases.map((c) => deps.temporal.workflow.getHandle(c.workflowId).signal(policyHoldChangedSignal, { holdId })));
  return results.filter((r) => r.status === 'fulfilled').length;
}

export async function create(deps: PolicyHoldDeps, input: PolicyHoldInput, by: string) {
  const hold = await createHold(deps.pool, input, by);
  return { hold: await viewOf(deps.pool, hold, 0) };
}

export async function change(deps: PolicyHoldDeps, id: string, patch: PolicyHoldChange, by: string) {
  const before = await getHold(deps.pool, id);
  if (!before) throw notFound(`no policy hold ${id}`);
  if (before.endedAt) throw conflict(`policy hold "${before.name}" was ended on ${before.endedAt.slice(0, 10)}; create a new one instead`);
  // The merged hold must hold together (a new end before the kept start is refused, naming endsOn).
  const merged = parseInput(PolicyHoldInputSchema, { name: before.name, reason: before.reason, startsOn: before.startsOn, endsOn: before.endsOn, stops: before.stops, covers: before.covers, definitionId: before.definitionId ?? null, ...patch }, 'body');
  const after = await changeHold(deps.pool, before, merged, patch, by);
  if (!after) throw conflict(`policy hold "${before.name}" was changed or ended by someone else just now; reload and try again`);
  const notified = await tellHeldCases(deps, id);
  return { hold: await viewOf(deps.pool, after), notified };
}

export async function end(deps: PolicyHoldDeps, id: string, by: string, note: string | undefined) {
  const before = await getHold(deps.pool, id);
  if (!before) throw notFound(`no policy hold ${id}`);
  if (before.endedAt) throw conflict(`policy hold "${before.name}" was already ended on ${before.endedAt.slice(0, 10)}`);
  const after = await endHold(deps.pool, id, by, note);
  if (!after) throw conflict(`policy hold "${before.name}" was ended by someone else just now`);
  const notified = await tellHeldCases(deps, id);
  return { hold: await viewOf(deps.pool, after), notified };
}
