// The process heat view: for one definition version, how many open cases stand at each step,
// how many of those wait on a person (a staff role), are paused, legally blocked, or failing.
// Counts come from the read model (the same rows as the case list); "failing" from Temporal.
// The picker's list of versions in use is repository.versionsInUse.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { notFound } from '../errors.ts';
import { failingCases } from './failing-cases.ts';
import { openCasesPerStep } from './repository.ts';
import { amsterdamDay, holdPhase, holdTargetsOf } from '../../definition/policy-holds.ts';
import type { Definition } from '../../definition/schema.ts';
import { currentHolds, getHold, heldPerStep, type StoredHold } from '../policy-holds/repository.ts';
import type { HeatQuery } from './schemas.ts';

export type StepHeat = { stepId: string; open: number; waitingOnPerson: number; paused: number; blocked: number; failing: number };

export async function heatOf(pool: Db, temporal: Client, q: HeatQuery) {
  const definition = await getVersion(pool, q.definitionId, q.version);
  if (!definition) throw notFound(`definition "${q.definitionId}" has no version ${q.version}`);
  const [counts, failing, holds] = await Promise.all([
    openCasesPerStep(pool, q.definitionId, q.version),
    // Failing is a bonus over the counts: when Temporal does not answer, the view still shows them.
    failingCases(pool, temporal).catch((err: Error) => ({ scannedAt: null, truncated: false, items: [], error: err.message })),
    holdsOnMap(pool, definition.id, definition.version, definition.body),
  ]);
  const failingHere = failing.items.filter((f) => f.definitionId === q.definitionId && f.definitionVersion === q.version);
  const failingByStep = new Map<string, Set<string>>();
  for (const f of failingHere) {
    const key = f.stepId ?? '';
    if (!failingByStep.has(key)) failingByStep.set(key, new Set());
    failingByStep.get(key)!.add(f.caseId);
  }
  const steps: StepHeat[] = [];
  let notStarted = 0;
  for (const r of counts) {
    if (r.stepId === null) {
      // Opened, but its first step is not recorded yet (a moment after opening).
      notStarted += r.open;
      continue;
    }
    steps.push({
      stepId: r.stepId,
      open: r.open,
      waitingOnPerson: r.waitingOnPerson,
      paused: r.paused,
      blocked: r.blocked,
      failing: failingByStep.get(r.stepId)?.size ?? 0,
    });
  }
  const order = new Map(definition.body.steps.map((s, i) => [s.id, i]));
  steps.sort((a, b) => (order.get(a.stepId) ?? 1e9) - (order.get(b.stepId) ?? 1e9));
  const sum = (k: keyof Omit<StepHeat, 'stepId'>) => steps.reduce((n, s) => n + s[k], 0);
  return {
    definition: { id: definition.id, version: definition.version, name: definition.name, body: definition.body },
    steps,
    totals: { open: sum('open') + notStarted, notStarted, waitingOnPerson: sum('waitingOnPerson'), paused: sum('paused'), blocked: sum('blocked'), failing: sum('failing') },
    failing: failingHere.map((f) => ({ caseId: f.caseId, stepId: f.stepId, activity: f.activity, attempt: f.attempt, error: f.error })),
    holds,
    failingScan: { at: failing.scannedAt, truncated: failing.truncated, ...('error' in failing ? { error: failing.error } : {}) },
  };
}

/**
 * The policy holds this process meets: those not ended and not past their last day that stop
 * one of its steps, and any hold cases still wait for (a case in accelerated time can meet a
 * hold on another day than the calendar's). Per hold, the steps it stops and how many cases
 * wait at each because of it.
 */
async function holdsOnMap(pool: Db, definitionId: string, version: number, body: Definition) {
  const [current, held] = await Promise.all([currentHolds(pool, amsterdamDay(Date.now())), heldPerStep(pool, definitionId, version)]);
  const byId = new Map<string, StoredHold>(current.map((h) => [h.id, h]));
  for (const id of new Set(held.map((x) => x.holdId))) {
    if (!byId.has(id)) {
      const h = await getHold(pool, id);
      if (h) byId.set(id, h);
    }
  }
  const now = Date.now();
  return [...byId.values()]
    .filter((h) => !h.definitionId || h.definitionId === definitionId)
    .map((h) => {
      const stopped = body.steps.filter((s) => holdTargetsOf(s).some((t) => h.stops.includes(t)));
      return {
        id: h.id,
        name: h.name,
        reason: h.reason,
        startsOn: h.startsOn,
        endsOn: h.endsOn,
        covers: h.covers,
        stops: h.stops,
        phase: holdPhase(h, now),
        steps: stopped.map((s) => ({ stepId: s.id, heldCases: held.filter((x) => x.holdId === h.id && x.stepId === s.id).reduce((n, x) => n + x.cases, 0) })),
      };
    })
    .filter((h) => h.steps.length > 0);
}
