// The analytics API's input, and the figures PostgreSQL hands back (one JSON document per
// query, checked here like any other input before a number of it is used).
import { z } from 'zod';
import { DefinitionIdSchema, versionNumber } from '../../definition/schema.ts';

const day = (name: string) => z.iso.date({ error: `${name} must be a date written YYYY-MM-DD` }).optional();

/** Cases that started (opened) in [from, to); either end may be left open. */
const period = { from: day('from'), to: day('to') };
const fromBeforeTo = (v: { from?: string | undefined; to?: string | undefined }) => !v.from || !v.to || v.from < v.to;
const periodMessage = { message: 'from must be before to', path: ['to'] };

export const OutcomesQuerySchema = z.object({ definitionId: DefinitionIdSchema, version: versionNumber('version'), ...period }).refine(fromBeforeTo, periodMessage);
export type OutcomesQuery = z.output<typeof OutcomesQuerySchema>;

export const ComparisonQuerySchema = z
  .object({ definitionId: DefinitionIdSchema, versionA: versionNumber('versionA'), versionB: versionNumber('versionB'), ...period })
  .refine(fromBeforeTo, periodMessage)
  .refine((v) => v.versionA !== v.versionB, { message: 'versionB must be another version than versionA', path: ['versionB'] });
export type ComparisonQuery = z.output<typeof ComparisonQuerySchema>;

export const analyticsTables = ['steps', 'channels', 'arrangements'] as const;
const lang = z.enum(['nl', 'en']).default('nl');

export const OutcomesCsvQuerySchema = z
  .object({ definitionId: DefinitionIdSchema, version: versionNumber('version'), ...period, table: z.enum(analyticsTables, { error: `table must be one of ${analyticsTables.join(', ')}` }), lang })
  .refine(fromBeforeTo, periodMessage);

export const ComparisonCsvQuerySchema = z
  .object({ definitionId: DefinitionIdSchema, versionA: versionNumber('versionA'), versionB: versionNumber('versionB'), ...period, lang })
  .refine(fromBeforeTo, periodMessage)
  .refine((v) => v.versionA !== v.versionB, { message: 'versionB must be another version than versionA', path: ['versionB'] });

// --- What the SQL answers ---------------------------------------------------------------------

const count = z.number().int().nonnegative();
const days = z.number().nullable();

export const StepRowSchema = z.object({
  stepId: z.string(),
  passed: count,
  paid7: count,
  paid14: count,
  paid30: count,
  arranged7: count,
  arranged14: count,
  arranged30: count,
  contacted7: count,
  contacted14: count,
  contacted30: count,
  paidEver: count,
  medianDaysToPaid: days,
});

export const OverallRowSchema = z.object({
  cases: count,
  paid30: count,
  paid60: count,
  arranged: count,
  contacted30: count,
  medianDaysToPaid: days,
});

export const ChannelRowSchema = z.object({ channel: z.string(), sent: count, answered: count });

/** Arrangements of one band (by number of instalments, or by the amount they cover), by how they ended. */
export const ArrangementRowSchema = z.object({ by: z.enum(['length', 'amount']), band: z.number().int().nonnegative(), kept: count, broken: count, other: count });

export const OutcomeRowSchema = z.object({ outcome: z.string(), cases: count });

export const FiguresSchema = z.object({
  steps: z.array(StepRowSchema),
  overall: OverallRowSchema,
  channels: z.array(ChannelRowSchema),
  arrangements: z.array(ArrangementRowSchema),
  outcomes: z.array(OutcomeRowSchema),
});
export type Figures = z.output<typeof FiguresSchema>;
