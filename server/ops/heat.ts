// The process heat view: for one definition version, how many open cases stand at each step,
// how many of those wait on a person (a staff role), are paused, legally blocked, or failing.
// Counts come from the read model (the same rows as the case list); "failing" from Temporal.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { notFound } from '../errors.ts';
import { realCasesSql, waitingOnPersonSql } from './business-time.ts';
import { failingCases } from './failing-cases.ts';
import type { HeatQuery } from './schemas.ts';

export type StepHeat = { stepId: string; open: number; waitingOnPerson: number; paused: number; blocked: number; failing: number };

export async function heatOf(pool: Db, temporal: Client, q: HeatQuery) {
  const definition = await getVersion(pool, q.definitionId, q.version);
  if (!definition) throw notFound(`definition "${q.definitionId}" has no version ${q.version}`);
  const [counts, failing] = await Promise.all([
    pool.query<{ step: string | null; open: string; person: string; paused: string; blocked: string }>(
      `SELECT c.current_step AS step, count(*) AS open,
              count(*) FILTER (WHERE ${waitingOnPersonSql}) AS person,
              count(*) FILTER (WHERE c.status = 'paused') AS paused,
              count(*) FILTER (WHERE c.status = 'blocked') AS blocked
       FROM cases c
       WHERE ${realCasesSql} AND c.status <> 'closed' AND c.definition_id = $1 AND c.definition_version = $2
       GROUP BY c.current_step`,
      [q.definitionId, q.version],
    ),
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
  for (const r of counts.rows) {
    if (r.step === null) {
      // Opened, but its first step is not recorded yet (a moment after opening).
      notStarted += Number(r.open);
      continue;
    }
    steps.push({
      stepId: r.step,
      open: Number(r.open),
      waitingOnPerson: Number(r.person),
      paused: Number(r.paused),
      blocked: Number(r.blocked),
      failing: failingByStep.get(r.step)?.size ?? 0,
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

/** Every definition version with open cases, for the heat view's picker. */
export async function versionsInUse(pool: Db) {
  const result = await pool.query<{ id: string; version: number; name: string; open: string }>(
    `SELECT d.id, d.version, d.name, count(c.id) AS open
     FROM definitions d LEFT JOIN cases c ON c.definition_id = d.id AND c.definition_version = d.version AND c.status <> 'closed' AND ${realCasesSql}
     GROUP BY d.id, d.version, d.name ORDER BY d.name, d.id, d.version DESC`,
  );
  return result.rows.map((r) => ({ id: r.id, version: r.version, name: r.name, openCases: Number(r.open) }));
}
