// What the letters endpoints take and answer.
import { z } from 'zod';

export const BatchDateSchema = z.iso.date({ error: 'date must be a day written YYYY-MM-DD' });
export const BatchDateParamsSchema = z.object({ date: BatchDateSchema });
/** Outbox ids are a bigserial: digits only, passed to PostgreSQL as text. */
export const OutboxIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'id must be the number of a message in the outbox');
export const OutboxIdParamsSchema = z.object({ id: OutboxIdSchema });

export const BatchSchema = z.object({
  date: BatchDateSchema,
  letters: z.number().int().describe('How many letters: fixed once produced; for a day not yet produced, how many wait for it now'),
  produced: z.boolean().describe('Whether its PDF was made, which fixed its letters'),
  producedAt: z.string().nullable(),
  handedOver: z.boolean(),
  handedOverAt: z.string().nullable(),
  handedOverBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
});
export type Batch = z.infer<typeof BatchSchema>;
export const BatchListSchema = z.object({ batches: z.array(BatchSchema) });
export const HandedOverSchema = z.object({ batch: BatchSchema });
