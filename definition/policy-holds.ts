// Policy holds (beleidsstop), written once: what a hold can stop, whom it covers, its input
// schemas and when it applies. A hold is policy, not law (the legal gate is workflows/legal-gate.ts):
// a policy owner or the collection manager decides, for example, "no eviction notices between
// 15 December and 15 January" or "no court claims for households with minors this winter".
// The workflow asks for a hold before a step it could stop, the server stores and lists them,
// the web app offers the same choices: all import this module.
//
// Dates are Amsterdam calendar dates and both ends are inclusive ("15 december t/m 15 januari",
// as policy is written): a hold stops steps from 00:00 on `startsOn` and lifts itself at 00:00 on
// the day after `endsOn`. Ended early, a hold covers nothing from that moment on.
import { z } from 'zod';
import { amsterdamDate, amsterdamMoment, DAY } from './calendar.ts';
import { bailiffPurposes, partners, vocabulary } from './catalog.ts';
import { calendarDate } from './duration.ts';
import type { Step } from './schema.ts';

// --- What a hold stops ----------------------------------------------------------------------

/** The steps a hold can stop. Each names steps of the definition language (see `holdTargetsOf`). */
export const holdTargets = vocabulary({
  'eviction-notice': { nl: bailiffPurposes.labels['eviction-notice'].nl, en: bailiffPurposes.labels['eviction-notice'].en },
  'court-claim': { nl: bailiffPurposes.labels['court-claim'].nl, en: bailiffPurposes.labels['court-claim'].en },
  bailiff: { nl: 'Elke overdracht aan de deurwaarder', en: 'Any handover to the bailiff' },
  'collection-costs': { nl: 'Incassokosten', en: 'Collection costs' },
  'municipality-signal': { nl: partners.labels['municipality-signal'].nl, en: partners.labels['municipality-signal'].en },
});
export type HoldTarget = (typeof holdTargets.ids)[number];

/**
 * The targets a step answers to: an eviction notice is both `eviction-notice` and `bailiff`.
 * Empty for a step no hold can stop; the workflow asks about no other step.
 */
export function holdTargetsOf(step: Step): HoldTarget[] {
  if (step.kind === 'collection-costs') return ['collection-costs'];
  if (step.kind !== 'handover') return [];
  if (step.partner === 'municipality-signal') return ['municipality-signal'];
  if (step.partner !== 'bailiff') return [];
  return step.purpose ? [step.purpose, 'bailiff'] : ['bailiff'];
}

// --- Whom a hold covers -----------------------------------------------------------------------

/**
 * `minors`: households known to have minors; `minors-or-unknown`: also those where nobody
 * recorded it (rule 8 of the legal checks treats unknown the same way).
 */
export const holdCoverages = vocabulary({
  all: { nl: 'Alle zaken', en: 'All cases' },
  minors: { nl: 'Huishoudens met minderjarigen', en: 'Households with minors' },
  'minors-or-unknown': { nl: 'Huishoudens met minderjarigen of onbekend', en: 'Households with minors or not known' },
});
export type HoldCoverage = (typeof holdCoverages.ids)[number];

export function coversHousehold(coverage: HoldCoverage, minors: boolean | null): boolean {
  if (coverage === 'all') return true;
  if (coverage === 'minors') return minors === true;
  return minors !== false;
}

// --- Input ------------------------------------------------------------------------------------

const dateField = (name: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be a date written YYYY-MM-DD`) })
    .refine((v) => calendarDate(v) !== null, `${name} must be a date written YYYY-MM-DD`);

const holdFields = {
  name: z.string({ error: (i) => (i.input === undefined ? 'name is required' : 'name must be text') }).trim().min(3, 'name needs at least 3 characters').max(120, 'name is at most 120 characters'),
  reason: z.string({ error: (i) => (i.input === undefined ? 'reason is required' : 'reason must be text') }).trim().min(3, 'reason needs at least 3 characters').max(1000, 'reason is at most 1000 characters'),
  startsOn: dateField('startsOn'),
  /** The last day the hold stops steps (inclusive); it lifts at 00:00 Amsterdam the day after. */
  endsOn: dateField('endsOn'),
  stops: z
    .array(z.enum(holdTargets.ids, { error: `stops: each entry must be one of ${holdTargets.ids.join(', ')}` }), { error: 'stops must be a list' })
    .min(1, 'stops needs at least one kind of step')
    .refine((a) => new Set(a).size === a.length, 'stops names a kind of step twice'),
  covers: z.enum(holdCoverages.ids, { error: `covers must be one of ${holdCoverages.ids.join(', ')}` }),
  /** Only cases of this process (definition id); absent or null: every process. */
  definitionId: z.string().trim().min(1).max(100).nullable().optional(),
};

const endsNotBeforeStart = (h: { startsOn?: string; endsOn?: string }) => h.startsOn === undefined || h.endsOn === undefined || h.endsOn >= h.startsOn;
const endsMessage = { path: ['endsOn'], message: 'endsOn lies before startsOn: a hold ends on or after the day it starts' };

export const PolicyHoldInputSchema = z.object(holdFields).strict().refine(endsNotBeforeStart, endsMessage);
export type PolicyHoldInput = z.output<typeof PolicyHoldInputSchema>;

/** A change: any of the fields (a later or earlier end, a wider cover); the merged hold is checked again. */
export const PolicyHoldChangeSchema = z
  .object(holdFields)
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'send at least one field to change')
  .refine(endsNotBeforeStart, endsMessage);
export type PolicyHoldChange = z.output<typeof PolicyHoldChangeSchema>;

export const PolicyHoldEndSchema = z.object({ note: z.string().trim().max(1000, 'note is at most 1000 characters').optional() }).strict();

// --- When a hold applies ----------------------------------------------------------------------

export type PolicyHold = PolicyHoldInput & { id: string; endedAt: string | null; revision: number };

/** The Amsterdam calendar date (YYYY-MM-DD) of a moment: "today" for a hold's phase and for "not past its last day". */
export const amsterdamDay = (ms: number) => new Date(amsterdamDate(ms).day).toISOString().slice(0, 10);

/** From 00:00 Amsterdam on the first day to 00:00 Amsterdam after the last (ms, end exclusive). */
export function holdWindow(h: Pick<PolicyHold, 'startsOn' | 'endsOn'>): { from: number; until: number } {
  return { from: amsterdamMoment(calendarDate(h.startsOn)!, 0), until: amsterdamMoment(calendarDate(h.endsOn)! + DAY, 0) };
}

/** What the workflow asks about: this case, at this step, at this business moment. */
export type HoldQuestion = { definitionId: string; minors: boolean | null; targets: HoldTarget[]; at: number };

export function holdCovers(h: PolicyHold, q: HoldQuestion): boolean {
  if (h.endedAt !== null) return false;
  const { from, until } = holdWindow(h);
  if (q.at < from || q.at >= until) return false;
  if (h.definitionId && h.definitionId !== q.definitionId) return false;
  return coversHousehold(h.covers, q.minors) && h.stops.some((t) => q.targets.includes(t));
}

/** The hold a case waits for: of those that cover it, the one that lifts last (the others lift before it). */
export function governingHold(holds: PolicyHold[], q: HoldQuestion): PolicyHold | null {
  let best: PolicyHold | null = null;
  for (const h of holds) if (holdCovers(h, q) && (!best || holdWindow(h).until > holdWindow(best).until)) best = h;
  return best;
}

/** Where a hold stands at a moment: before its first day, on, over (its end passed or it was ended). */
export function holdPhase(h: PolicyHold, at: number): 'upcoming' | 'active' | 'over' {
  if (h.endedAt !== null) return 'over';
  const { from, until } = holdWindow(h);
  return at < from ? 'upcoming' : at < until ? 'active' : 'over';
}

/** The answer the workflow gets: ids, dates and the policy's own words (no personal data). */
export type ActiveHold = { holdId: string; name: string; reason: string; endsOn: string; until: number; revision: number };
