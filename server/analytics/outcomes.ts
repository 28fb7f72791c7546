// "What works" for one definition version: per step, per channel, per kind of arrangement and
// overall, each share with its count and 95% interval (intervals.ts), from figures.ts's query.
// Figures name the steps by id; the drawing of the version gives them their names and order.
import { channels as messageChannels } from '../../definition/catalog.ts';
import type { Definition } from '../../definition/schema.ts';
import type { Db, Queryable } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { notFound } from '../errors.ts';
import { amountBands, figuresOf, lengthBands, type Population } from './figures.ts';
import { MIN_CASES, rate, ranks, type Rate } from './intervals.ts';
import type { Figures } from './schemas.ts';

export const analyticsChannels = [...messageChannels.ids, 'call', 'visit'] as const;
export type AnalyticsChannel = (typeof analyticsChannels)[number];

type Windows = { d7: Rate; d14: Rate; d30: Rate };

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export async function versionOrFail(q: Queryable, definitionId: string, version: number) {
  const definition = await getVersion(q, definitionId, version);
  if (!definition) throw notFound(`definition "${definitionId}" has no version ${version}`);
  return definition;
}

/** A band's bounds: [from, to) with `to` null for the last, open band. */
function bandsOf(bounds: number[]) {
  return [0, ...bounds].map((from, i) => ({ band: i, from: i === 0 ? null : from, to: bounds[i] ?? null }));
}

export function stepsOf(body: Definition, figures: Figures) {
  const byStep = new Map(figures.steps.map((s) => [s.stepId, s]));
  const known = new Set(body.steps.map((s) => s.id));
  // Steps of the drawing first, in its order; then any a migrated case passed under another version.
  const ids = [...body.steps.map((s) => s.id), ...figures.steps.map((s) => s.stepId).filter((id) => !known.has(id))];
  const steps = ids.map((stepId) => {
    const step = body.steps.find((s) => s.id === stepId);
    const f = byStep.get(stepId);
    const n = f?.passed ?? 0;
    const windows = (k7: number, k14: number, k30: number): Windows => ({ d7: rate(k7, n), d14: rate(k14, n), d30: rate(k30, n) });
    return {
      stepId,
      name: step?.name ?? stepId,
      kind: step?.kind ?? null,
      passed: n,
      tooFew: n < MIN_CASES,
      paidInFull: windows(f?.paid7 ?? 0, f?.paid14 ?? 0, f?.paid30 ?? 0),
      arrangement: windows(f?.arranged7 ?? 0, f?.arranged14 ?? 0, f?.arranged30 ?? 0),
      contact: windows(f?.contacted7 ?? 0, f?.contacted14 ?? 0, f?.contacted30 ?? 0),
      paidAfter: f?.paidEver ?? 0,
      medianDaysToPayment: round1(f?.medianDaysToPaid ?? null),
      rank: null as number | null,
    };
  });
  // The effect a step is ranked and coloured by: paid in full within 30 days after it.
  ranks(steps, (s) => s.paidInFull.d30).forEach((r, i) => (steps[i]!.rank = r));
  return steps;
}

function channelsOf(figures: Figures) {
  const rows = analyticsChannels.map((channel) => {
    const f = figures.channels.find((c) => c.channel === channel);
    return { channel, sent: f?.sent ?? 0, response: rate(f?.answered ?? 0, f?.sent ?? 0), rank: null as number | null };
  });
  ranks(rows, (r) => r.response).forEach((r, i) => (rows[i]!.rank = r));
  return rows;
}

function arrangementsOf(figures: Figures) {
  const table = (by: 'length' | 'amount', bounds: number[]) =>
    bandsOf(bounds).map(({ band, from, to }) => {
      const f = figures.arrangements.find((a) => a.by === by && a.band === band);
      const kept = f?.kept ?? 0;
      const broken = f?.broken ?? 0;
      // Kept among those that ended either way; one still running when the case closed otherwise says neither.
      return { band, from, to, kept, broken, other: f?.other ?? 0, keptRate: rate(kept, kept + broken) };
    });
  return { byLength: table('length', lengthBands), byAmount: table('amount', amountBands) };
}

export function overallOf(figures: Figures) {
  const o = figures.overall;
  return {
    cases: o.cases,
    tooFew: o.cases < MIN_CASES,
    paidInFull30: rate(o.paid30, o.cases),
    paidInFull60: rate(o.paid60, o.cases),
    arrangement: rate(o.arranged, o.cases),
    contact30: rate(o.contacted30, o.cases),
    medianDaysToPayment: round1(o.medianDaysToPaid),
    outcomes: Object.fromEntries(figures.outcomes.map((r) => [r.outcome, r.cases])),
  };
}

export async function outcomes(q: Db, p: Population) {
  const definition = await versionOrFail(q, p.definitionId, p.version);
  const figures = await figuresOf(q, p);
  return {
    definition: { id: definition.id, version: definition.version, name: definition.name, body: definition.body },
    period: { from: p.from ?? null, to: p.to ?? null },
    minCases: MIN_CASES,
    overall: overallOf(figures),
    steps: stepsOf(definition.body, figures),
    channels: channelsOf(figures),
    arrangements: arrangementsOf(figures),
  };
}
export type Outcomes = Awaited<ReturnType<typeof outcomes>>;
