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
import type { HeatQuery } from './schemas.ts';

export type StepHeat = { stepId: string; open: number; waitingOnPerson: number; paused: number; blocked: number; failing: number };

export async function heatOf(pool: Db, temporal: Client, q: HeatQuery) {
  const definition = await getVersion(pool, q.definitionId, q.version);
  if (!definition) throw notFound(`definition "${q.definitionId}" has no version ${q.version}`);
  const [counts, failing] = await Promise.all([
    openCasesPerStep(pool, q.definitionId, q.version),
    // Failing is a bonus over the counts: when Temporal does not answer, the view still shows them.
    failingCases(pool, temporal).catch((err: Error) => ({ scannedAt: null, truncated: false, items: [], error: err.message })),
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
    failingScan: { at: failing.scannedAt, truncated: failing.truncated, ...('error' in failing ? { error: failing.error } : {}) },
  };
}
