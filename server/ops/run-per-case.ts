// Runs one action over many cases, a few at a time, and reports per case what happened: a
// refusal of one case (already paused, closed, not at a wait) never stops the others, and
// every case gets its own audit entry, written whatever the outcome.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { audit } from '../audit/repository.ts';
import type { Db } from '../db/pool.ts';
import { AppError, fromTemporal } from '../errors.ts';

export type CaseResult<T> = { caseId: string; reference: string; ok: true; result: T } | { caseId: string; reference: string; ok: false; code: string; error: string };

export type PerCaseRun<T> = { bulkId: string; action: string; results: Array<CaseResult<T>>; summary: { done: number; refused: number } };

/** Workflow updates go to the workers; a handful at once keeps them responsive for staff. */
const CONCURRENCY = 4;

export async function runPerCase<T>(
  deps: { pool: Db; log: Logger },
  run: { action: string; actor: string; cases: Array<{ id: string; reference: string }>; auditDetails?: Record<string, unknown> },
  apply: (caseId: string) => Promise<T>,
): Promise<PerCaseRun<T>> {
  const bulkId = randomUUID();
  const results: Array<CaseResult<T>> = new Array(run.cases.length);
  let next = 0;
  const worker = async () => {
    while (next < run.cases.length) {
      const index = next++;
      const c = run.cases[index]!;
      let outcome: CaseResult<T>;
      try {
        outcome = { caseId: c.id, reference: c.reference, ok: true, result: await apply(c.id) };
      } catch (err) {
        const known = err instanceof AppError ? err : fromTemporal(err, run.action);
        if (!known) deps.log.error({ err, caseId: c.id, bulkId, action: run.action }, 'bulk action failed unexpectedly');
        outcome = { caseId: c.id, reference: c.reference, ok: false, code: known?.code ?? 'internal', error: known?.message ?? 'something went wrong on our side; it has been logged' };
      }
      results[index] = outcome;
      deps.log.info({ caseId: c.id, bulkId, action: run.action, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.code }) }, 'bulk action on case');
      await audit(deps.pool, {
        actor: run.actor,
        action: `ops.bulk-${run.action}`,
        caseId: c.id,
        entity: 'case',
        entityId: c.id,
        details: { bulkId, result: outcome.ok ? 'done' : 'refused', ...(outcome.ok ? {} : { code: outcome.code, error: outcome.error }), ...run.auditDetails },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, run.cases.length) }, worker));
  const done = results.filter((r) => r.ok).length;
  return { bulkId, action: run.action, results, summary: { done, refused: results.length - done } };
}
