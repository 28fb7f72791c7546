// The municipality signal's file formats, both ways: the export's columns (derived from the
// payload schema, so a field added to or removed from the signal changes the file with it and
// nothing else can slip in) and the municipality's answers (CSV or JSON, one answer per line).
import { z } from 'zod';
import { MunicipalitySignalSchema } from '../../definition/handover-payloads.ts';

/** The version a consumer of the file can check; raise it when the columns change meaning. */
export const SIGNAL_FORMAT = 'municipality-signal/1';

/** The signal's own id (the handover's): the municipality quotes it in its answer. */
export const REFERENCE_COLUMN = 'reference';

type Shape = Record<string, z.ZodType>;

/** The payload's fields as dotted paths, nested objects flattened: `address.street`. */
function pathsOf(shape: Shape, prefix: string[] = []): string[][] {
  return Object.entries(shape).flatMap(([key, field]) => (field instanceof z.ZodObject ? pathsOf(field.shape as Shape, [...prefix, key]) : [[...prefix, key]]));
}

const payloadPaths = pathsOf(MunicipalitySignalSchema.shape as Shape);

/** The CSV header: the reference, then exactly the fields of MunicipalitySignalSchema. */
export const signalColumns: readonly string[] = [REFERENCE_COLUMN, ...payloadPaths.map((p) => p.join('.'))];

export type Signal = z.infer<typeof MunicipalitySignalSchema>;

/** One signal's cells in header order (a missing nullable field is an empty cell). */
export function signalCells(reference: string, payload: Signal): Array<string | number | null> {
  const valueAt = (path: string[]) => path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload);
  return [reference, ...payloadPaths.map((p) => valueAt(p) as string | number | null)];
}

export const ExportFormatSchema = z.object({ format: z.enum(['csv', 'json'], { error: 'format must be csv or json' }).default('csv') });
export const BatchIdSchema = z.coerce
  .number({ error: 'the batch id is a number' })
  .int('the batch id is a whole number')
  .positive('the batch id is positive')
  .max(Number.MAX_SAFE_INTEGER, 'no batch has that id');
export const BatchParamsSchema = z.object({ id: BatchIdSchema });

export const SignalBatchSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  signals: z.number().int(),
  answered: z.number().int(),
});
export type SignalBatch = z.infer<typeof SignalBatchSchema>;
export const BatchListSchema = z.object({ waiting: z.number().int(), batches: z.array(SignalBatchSchema) });

// --- Answers ---------------------------------------------------------------------------------

export const signalAnswers = ['help-accepted', 'help-refused', 'not-reachable'] as const;
export type SignalAnswer = (typeof signalAnswers)[number];

/** The CSV header of an answers file; `pauseUntil` may be left out or empty. */
export const answerColumns = ['reference', 'answer', 'date', 'pauseUntil'] as const;

const EARLIEST_ANSWER = '2021-01-01';
const yearAfter = (isoDate: string) => `${Number(isoDate.slice(0, 4)) + 1}${isoDate.slice(4)}`;
const date = (name: string) => z.iso.date({ error: `${name} must be a date written YYYY-MM-DD` });

export const AnswerLineSchema = z
  .strictObject({
    reference: z.string({ error: 'reference is required' }).trim().min(1, 'reference is required').max(200, 'reference is at most 200 characters'),
    answer: z.enum(signalAnswers, { error: `answer must be one of ${signalAnswers.join(', ')}` }),
    date: date('date'),
    /** Until when the municipality asks collection to pause (help accepted only); without it the covenant's 30 days. */
    pauseUntil: date('pauseUntil').optional(),
  })
  // Early signals exist since the Wgs change of 2021: an older date is a typing error.
  .refine((l) => l.date >= EARLIEST_ANSWER, { path: ['date'], message: `date lies before ${EARLIEST_ANSWER}, when early signalling began` })
  .refine((l) => l.pauseUntil === undefined || l.answer === 'help-accepted', { path: ['pauseUntil'], message: 'pauseUntil goes with help-accepted only' })
  .refine((l) => l.pauseUntil === undefined || l.answer !== 'help-accepted' || l.pauseUntil > l.date, { path: ['pauseUntil'], message: 'pauseUntil must lie after the date of the answer' })
  // The longest pause the sources name is a national pause notice's 8 months; a year catches a mistyped year without second-guessing a municipality.
  .refine((l) => l.pauseUntil === undefined || l.answer !== 'help-accepted' || l.pauseUntil <= yearAfter(l.date), { path: ['pauseUntil'], message: 'pauseUntil lies more than a year after the date of the answer' });
export type AnswerLine = z.infer<typeof AnswerLineSchema>;

/** The JSON form: the lines are checked one by one (AnswerLineSchema), so each is reported by its number. */
export const AnswersBodySchema = z.object({ answers: z.array(z.unknown()).min(1, 'answers needs at least one answer').max(10_000, 'at most 10,000 answers at once') });
/** For the API document: what each line holds. */
export const AnswersDocSchema = z.object({ answers: z.array(AnswerLineSchema) });

export const answerEffects = ['paused', 'handover-accepted', 'already-paused', 'recorded', 'case-closed', 'unchanged'] as const;
export type AnswerEffect = (typeof answerEffects)[number];
export const AnswerReportSchema = z.object({
  applied: z.number().int(),
  unchanged: z.number().int(),
  lines: z.array(z.object({ line: z.number().int(), reference: z.string(), answer: z.enum(signalAnswers), caseId: z.string(), effect: z.enum(answerEffects) })),
});
export type AnswerReport = z.infer<typeof AnswerReportSchema>;
