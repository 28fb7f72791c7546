// The ops API's input, parsed at the boundary. Every bulk request is checked whole before
// any case is touched, so a bad request changes nothing.
import { z } from 'zod';
import { DefinitionIdSchema, StepIdSchema, versionNumber } from '../../definition/schema.ts';
import { ListCasesSchema } from '../cases/schemas.ts';

export const HeatQuerySchema = z.object({
  definitionId: DefinitionIdSchema,
  version: versionNumber('version'),
});
export type HeatQuery = z.output<typeof HeatQuerySchema>;

export const DashboardQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1, 'weeks is at least 1').max(104, 'weeks is at most 104').default(12),
});

/** The case list's filters, and the language of the CSV's header row. */
export const CsvQuerySchema = ListCasesSchema.omit({ limit: true, offset: true }).extend({
  lang: z.enum(['nl', 'en']).default('nl'),
});

export const MAX_BULK = 500;

const caseIds = z
  .array(z.uuid('every case id must be a case id (uuid)'), { error: 'caseIds must be a list of case ids' })
  .min(1, 'caseIds needs at least one case')
  .max(MAX_BULK, `caseIds holds at most ${MAX_BULK} cases per request`)
  .refine((ids) => new Set(ids).size === ids.length, 'caseIds names a case twice');

const reason = z.string({ error: 'reason is required' }).trim().min(3, 'reason needs at least 3 characters').max(1000, 'reason is at most 1000 characters');

export const BulkActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause'), caseIds, reason, reviewDate: z.iso.date({ error: 'reviewDate must be a date written YYYY-MM-DD' }) }),
    z.object({ action: z.literal('resume'), caseIds, note: z.string().trim().max(1000).optional() }),
    z.object({ action: z.literal('cancel'), caseIds, reason }),
  ],
  { error: 'action must be pause, resume or cancel' },
);
export type BulkAction = z.output<typeof BulkActionSchema>;

const stepMapping = z.record(StepIdSchema, StepIdSchema, { error: 'stepMapping maps old step ids to new step ids' }).default({});

export const MigrationPreviewSchema = z
  .object({
    definitionId: DefinitionIdSchema,
    fromVersion: versionNumber('fromVersion'),
    toVersion: versionNumber('toVersion'),
    stepMapping,
  })
  .refine((v) => v.toVersion > v.fromVersion, { message: 'toVersion must be later than fromVersion', path: ['toVersion'] });
export type MigrationPreviewInput = z.output<typeof MigrationPreviewSchema>;

export const MigrationRunSchema = z
  .object({
    definitionId: DefinitionIdSchema,
    fromVersion: versionNumber('fromVersion'),
    toVersion: versionNumber('toVersion'),
    stepMapping,
    caseIds,
  })
  .refine((v) => v.toVersion > v.fromVersion, { message: 'toVersion must be later than fromVersion', path: ['toVersion'] });
export type MigrationRunInput = z.output<typeof MigrationRunSchema>;

export const RetryActivityParamsSchema = z.object({
  id: z.uuid('the case id is not a valid id'),
  activityId: z.string().trim().min(1, 'activityId is required').max(64, 'activityId is at most 64 characters'),
});
