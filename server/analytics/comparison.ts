// Version against version: the closed cases of version A and of version B of one definition
// that started in the same period, overall and per step (steps matched by id, the way a new
// version keeps the ids it did not change). Each figure is B minus A with Newcombe's 95%
// interval; with fewer than 30 cases on either side there is no verdict.
import type { Db } from '../db/pool.ts';
import { figuresOf } from './figures.ts';
import { difference, type Rate } from './intervals.ts';
import { overallOf, stepsOf, versionOrFail } from './outcomes.ts';
import type { ComparisonQuery } from './schemas.ts';

export const comparedMetrics = ['paidInFull30', 'paidInFull60', 'arrangement', 'contact30'] as const;

export async function comparison(q: Db, c: ComparisonQuery) {
  const [defA, defB] = await Promise.all([versionOrFail(q, c.definitionId, c.versionA), versionOrFail(q, c.definitionId, c.versionB)]);
  const period = { from: c.from, to: c.to };
  const [figA, figB] = await Promise.all([
    figuresOf(q, { definitionId: c.definitionId, version: c.versionA, ...period }),
    figuresOf(q, { definitionId: c.definitionId, version: c.versionB, ...period }),
  ]);
  const [overallA, overallB] = [overallOf(figA), overallOf(figB)];
  const [stepsA, stepsB] = [stepsOf(defA.body, figA), stepsOf(defB.body, figB)];
  const ids = [...new Set([...stepsB.map((s) => s.stepId), ...stepsA.map((s) => s.stepId)])];
  const pair = (a: Rate | null, b: Rate | null) => ({ a, b, difference: a && b ? difference(a, b) : null });
  return {
    definition: { id: defB.id, name: defB.name, body: defB.body },
    period: { from: c.from ?? null, to: c.to ?? null },
    versions: { a: c.versionA, b: c.versionB },
    cases: { a: overallA.cases, b: overallB.cases },
    medianDaysToPayment: { a: overallA.medianDaysToPayment, b: overallB.medianDaysToPayment },
    outcomes: { a: overallA.outcomes, b: overallB.outcomes },
    overall: comparedMetrics.map((metric) => ({ metric, ...pair(overallA[metric], overallB[metric]) })),
    // Per step: paid in full within 30 days after it, the effect the process map is coloured by.
    steps: ids.map((stepId) => {
      const a = stepsA.find((s) => s.stepId === stepId);
      const b = stepsB.find((s) => s.stepId === stepId);
      return { stepId, name: b?.name ?? a?.name ?? stepId, inA: a?.kind != null, inB: b?.kind != null, ...pair(a ? a.paidInFull.d30 : null, b ? b.paidInFull.d30 : null) };
    }),
  };
}
export type Comparison = Awaited<ReturnType<typeof comparison>>;
