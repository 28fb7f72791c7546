// The print batches' SQL: which days have letters, producing a day's batch (fixing its
// letters once), handing it over, and reading the letters to print. A dry run's letters never
// wait for print (they are recorded as sent to nobody), and a letter whose tenant's data was
// erased before it was printed has no recipient any more: neither goes into a batch.
import type { Queryable } from '../db/pool.ts';
import { batchDayOf } from './batch-day.ts';
import type { Batch } from './schemas.ts';

const RECORDED_ON = `(o.created_at AT TIME ZONE 'Europe/Amsterdam')::date::text`;
const WAITING = `o.channel = 'letter' AND o.status = 'awaiting-print' AND o.print_batch_id IS NULL AND o.recipient IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM cases dc WHERE dc.id = o.case_id AND dc.dry_run)`;

type BatchRow = { id: string; batch_date: string; letter_count: number; created_at: Date; handed_over_at: Date | null; handed_over_by: string | null; handed_over_name: string | null };
const BATCH_COLUMNS = `b.id, b.batch_date::text AS batch_date, b.letter_count, b.created_at, b.handed_over_at, b.handed_over_by, u.display_name AS handed_over_name
  FROM print_batches b LEFT JOIN users u ON u.id = b.handed_over_by`;

export type ProducedBatch = Batch & { id: string };

const produced = (r: BatchRow): ProducedBatch => ({
  id: String(r.id),
  date: r.batch_date,
  letters: r.letter_count,
  produced: true,
  producedAt: r.created_at.toISOString(),
  handedOver: r.handed_over_at !== null,
  handedOverAt: r.handed_over_at?.toISOString() ?? null,
  handedOverBy: r.handed_over_by ? { id: r.handed_over_by, displayName: r.handed_over_name ?? r.handed_over_by } : null,
});

async function producedDays(q: Queryable): Promise<Set<string>> {
  const r = await q.query<{ day: string }>(`SELECT batch_date::text AS day FROM print_batches`);
  return new Set(r.rows.map((row) => row.day));
}

/** The days with letters, newest first: produced batches (the last `recent`) and the days whose letters still wait. */
export async function listBatches(q: Queryable, recent = 60): Promise<Batch[]> {
  const [batches, waiting, done] = await Promise.all([
    q.query<BatchRow>(`SELECT ${BATCH_COLUMNS} ORDER BY b.batch_date DESC LIMIT $1`, [recent]),
    q.query<{ day: string; n: number }>(`SELECT ${RECORDED_ON} AS day, count(*)::int AS n FROM outbox o WHERE ${WAITING} GROUP BY 1`),
    producedDays(q),
  ]);
  const open = new Map<string, number>();
  for (const row of waiting.rows) {
    const day = batchDayOf(row.day, done);
    open.set(day, (open.get(day) ?? 0) + row.n);
  }
  const waitingDays: Batch[] = [...open].map(([date, letters]) => ({ date, letters, produced: false, producedAt: null, handedOver: false, handedOverAt: null, handedOverBy: null }));
  return [...waitingDays, ...batches.rows.map(produced).map(({ id: _id, ...b }) => b)].sort((a, b) => b.date.localeCompare(a.date));
}

export async function batchOn(q: Queryable, date: string, lock = false): Promise<ProducedBatch | null> {
  const r = await q.query<BatchRow>(`SELECT ${BATCH_COLUMNS} WHERE b.batch_date = $1${lock ? ' FOR UPDATE OF b' : ''}`, [date]);
  return r.rows[0] ? produced(r.rows[0]) : null;
}

/**
 * The letters waiting for the batch of `date` (see batch-day.ts), locked so that two first
 * downloads at once cannot both take them. Call inside a transaction that holds the batches' lock.
 */
export async function lettersWaitingFor(q: Queryable, date: string): Promise<Array<{ id: string; caseId: string }>> {
  const done = await producedDays(q);
  const r = await q.query<{ id: string; case_id: string; day: string }>(
    `SELECT o.id, o.case_id, ${RECORDED_ON} AS day FROM outbox o WHERE ${WAITING} AND ${RECORDED_ON} <= $1 ORDER BY o.id FOR UPDATE OF o`,
    [date],
  );
  return r.rows.filter((row) => batchDayOf(row.day, done) === date).map((row) => ({ id: String(row.id), caseId: row.case_id }));
}

/** One producer at a time: the batch days and their letters are decided under this lock. */
export async function lockBatches(q: Queryable): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('print-batches'))`);
}

export async function insertBatch(q: Queryable, date: string, letterIds: string[], by: string): Promise<ProducedBatch> {
  const r = await q.query<{ id: string }>(`INSERT INTO print_batches (batch_date, letter_count, created_by) VALUES ($1, $2, $3) RETURNING id`, [date, letterIds.length, by]);
  const id = String(r.rows[0]!.id);
  await q.query(`UPDATE outbox SET print_batch_id = $1 WHERE id = ANY($2::bigint[])`, [id, letterIds]);
  return (await batchOn(q, date))!;
}

/** The batch's letters count as sent from now; returns the cases they belong to. */
export async function markHandedOver(q: Queryable, batchId: string, by: string): Promise<string[]> {
  await q.query(`UPDATE print_batches SET handed_over_at = now(), handed_over_by = $2 WHERE id = $1`, [batchId, by]);
  const r = await q.query<{ case_id: string }>(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE print_batch_id = $1 AND status = 'awaiting-print' RETURNING case_id`, [batchId]);
  return r.rows.map((row) => row.case_id);
}

export type LetterRow = {
  id: string;
  key: string;
  caseId: string;
  status: string;
  purpose: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  amountCents: number | null;
  collectionCostsCents: number | null;
  reference: string;
  balanceCents: number;
  postalCode: string;
  dryRun: boolean;
  recordedOn: string;
  batchDate: string | null;
};

const LETTER_SELECT = `SELECT o.id, o.key, o.case_id, o.status, o.purpose, o.recipient, o.subject, o.body, o.amount_cents, o.collection_costs_cents,
    y.reference, y.postal_code, c.balance_cents, c.dry_run, ${RECORDED_ON} AS recorded_on, b.batch_date::text AS batch_date
  FROM outbox o JOIN cases c ON c.id = o.case_id JOIN tenancies y ON y.id = c.tenancy_id LEFT JOIN print_batches b ON b.id = o.print_batch_id`;

type RawLetter = {
  id: string;
  key: string;
  case_id: string;
  status: string;
  purpose: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  amount_cents: number | null;
  collection_costs_cents: number | null;
  reference: string;
  postal_code: string;
  balance_cents: number;
  dry_run: boolean;
  recorded_on: string;
  batch_date: string | null;
};

const letterOf = (r: RawLetter): LetterRow => ({
  id: String(r.id),
  key: r.key,
  caseId: r.case_id,
  status: r.status,
  purpose: r.purpose,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  amountCents: r.amount_cents,
  collectionCostsCents: r.collection_costs_cents,
  reference: r.reference,
  postalCode: r.postal_code,
  balanceCents: r.balance_cents,
  dryRun: r.dry_run,
  recordedOn: r.recorded_on,
  batchDate: r.batch_date,
});

/** A batch's letters in postcode order (the order the post sorts them in), then as they came. */
export async function lettersOfBatch(q: Queryable, batchId: string): Promise<LetterRow[]> {
  const r = await q.query<RawLetter>(`${LETTER_SELECT} WHERE o.print_batch_id = $1 ORDER BY y.postal_code, o.id`, [batchId]);
  return r.rows.map(letterOf);
}

/** One letter of the outbox (null for another channel's message or no such id). */
export async function letterById(q: Queryable, id: string): Promise<LetterRow | null> {
  const r = await q.query<RawLetter>(`${LETTER_SELECT} WHERE o.id = $1::bigint AND o.channel = 'letter'`, [id]);
  return r.rows[0] ? letterOf(r.rows[0]) : null;
}

/** The day an unbatched letter's batch will be (for one letter shown before its batch is made). */
export async function plannedBatchDay(q: Queryable, recordedOn: string): Promise<string> {
  return batchDayOf(recordedOn, await producedDays(q));
}
