// The letters staff print: a day's print batch as one PDF (its letters fixed the first time it
// is made), the hand-over of a batch to the print-and-post service (its letters then count as
// sent), and one letter as PDF for the case page. The PDFs show names and addresses: each
// download is recorded as a read of personal data, and a member of a team gets only letters of
// their teams' areas (a batch holding others is refused whole: its letters are printed together).
import { amsterdamDate } from '../../definition/calendar.ts';
import { collectionCostsCents } from '../../definition/costs.ts';
import { fourteenDayDeadline } from '../../definition/fourteen-day-deadline.ts';
import { auditCaseRead, auditListRead } from '../audit/log.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, forbidden, invalidField, notFound } from '../errors.ts';
import { inScope, scopeSql, type CaseScope } from '../teams/scope.ts';
import { tenantLinkUrl } from '../tenant/links.ts';
import { lettersPdf, type LetterContent } from './letter-pdf.ts';
import type { Letterhead } from './letterhead.ts';
import { batchOn, insertBatch, letterById, lettersOfBatch, lettersWaitingFor, listBatches, lockBatches, markHandedOver, plannedBatchDay, type LetterRow, type ProducedBatch } from './repository.ts';
import type { Batch } from './schemas.ts';

/** PUBLIC_URL (where the tenants' links lead) and the letterhead; read at each request. */
export type LetterSettings = { publicUrl: string; letterhead: Letterhead };
export type LetterDeps = { pool: Db; tenantLinkKey: Buffer; settings: LetterSettings };
type Reader = { id: string; scope: CaseScope };

const todayInAmsterdam = () => new Date(amsterdamDate(Date.now()).day).toISOString().slice(0, 10);

export async function batches(deps: LetterDeps): Promise<Batch[]> {
  return await listBatches(deps.pool);
}

/** Refuses a member of a team a batch with a letter of a case outside their areas (`caseIds`: one per letter). */
async function requireBatchInScope(q: Queryable, scope: CaseScope, caseIds: string[], date: string): Promise<void> {
  if (!scope) return;
  const args: unknown[] = [caseIds];
  const outside = await q.query<{ id: string }>(`SELECT c.id FROM cases c WHERE c.id = ANY($1::uuid[]) AND NOT (${scopeSql(scope, args)})`, args);
  const elsewhere = new Set(outside.rows.map((r) => r.id));
  const n = caseIds.filter((id) => elsewhere.has(id)).length;
  if (n > 0) {
    throw forbidden(`the print batch of ${date} holds ${n} letter(s) for addresses outside the areas of your teams (${scope.teams.join(', ')}); a batch is printed whole, so it is for staff who see every area`);
  }
}

/** The day's batch as one PDF; the first download makes the batch and fixes its letters. */
export async function batchPdf(deps: LetterDeps, date: string, reader: Reader): Promise<{ pdf: Uint8Array; batch: ProducedBatch }> {
  if (date > todayInAmsterdam()) throw invalidField('path.date', `the print batch of ${date} cannot be made before that day`);
  const { batch, letters } = await inTransaction(deps.pool, async (q) => {
    await lockBatches(q);
    const existing = await batchOn(q, date);
    if (existing) {
      const letters = await lettersOfBatch(q, existing.id);
      await requireBatchInScope(q, reader.scope, letters.map((l) => l.caseId), date);
      return { batch: existing, letters };
    }
    const waiting = await lettersWaitingFor(q, date);
    if (waiting.length === 0) throw notFound(`no letters for the print batch of ${date}`);
    await requireBatchInScope(q, reader.scope, waiting.map((l) => l.caseId), date);
    const made = await insertBatch(q, date, waiting.map((l) => l.id), reader.id);
    await audit(q, { actor: reader.id, action: 'letters.batch-produce', entity: 'print-batch', entityId: made.id, after: { date, letters: made.letters } });
    return { batch: made, letters: await lettersOfBatch(q, made.id) };
  });
  // A letter whose tenant's data was erased after the batch was made has nobody to go to.
  const printable = letters.filter((l) => l.recipient !== null);
  if (printable.length === 0) throw conflict(`the print batch of ${date} has no letter left to print: the personal data of its tenants has been erased`);
  await auditListRead(deps.pool, reader.id, 'letter-batch', printable.map((l) => l.caseId), { date, batchId: batch.id });
  const pdf = await lettersPdf(printable.map((l) => contentOf(deps, l, date)), `Brieven ${date}`);
  return { pdf, batch };
}

/** The batch has gone to the print-and-post service: its letters count as sent from now. Once. */
export async function handOverBatch(deps: LetterDeps, date: string, reader: Reader): Promise<Batch> {
  return await inTransaction(deps.pool, async (q) => {
    const batch = await batchOn(q, date, true);
    if (!batch) throw notFound(`no print batch of ${date}: download its PDF first, which makes the batch`);
    if (batch.handedOver) {
      throw conflict(`the print batch of ${date} was already handed over (${batch.handedOverAt} by ${batch.handedOverBy?.displayName}); its letters count as sent from then`, {
        handedOverAt: batch.handedOverAt,
        handedOverBy: batch.handedOverBy,
      });
    }
    const letters = await lettersOfBatch(q, batch.id);
    await requireBatchInScope(q, reader.scope, letters.map((l) => l.caseId), date);
    const cases = await markHandedOver(q, batch.id, reader.id);
    await audit(q, { actor: reader.id, action: 'letters.hand-over', entity: 'print-batch', entityId: batch.id, before: { handedOver: false }, after: { handedOver: true, letters: cases.length }, details: { date } });
    const { id: _id, ...after } = (await batchOn(q, date))!;
    return after;
  });
}

/** One letter as PDF, as it is (or will be) printed: dated by its batch's day. */
export async function letterPdf(deps: LetterDeps, id: string, reader: Reader): Promise<{ pdf: Uint8Array; letter: LetterRow }> {
  const letter = await letterById(deps.pool, id);
  // A dry run is nobody's case; outside one's areas a case does not exist.
  if (!letter || letter.dryRun || !(await inScope(deps.pool, reader.scope, letter.caseId))) throw notFound(`letter ${id} not found`);
  if (letter.recipient === null) throw conflict(`letter ${id} cannot be printed: ${letter.status === 'failed' ? 'it had no postal address' : "its tenant's personal data has been erased"}`);
  if (letter.status !== 'awaiting-print' && letter.status !== 'sent') throw conflict(`letter ${id} cannot be printed: it was not accepted for posting (${letter.status})`);
  // A letter sent before the print batches existed is dated by the day it was recorded.
  const date = letter.batchDate ?? (letter.status === 'awaiting-print' ? await plannedBatchDay(deps.pool, letter.recordedOn) : letter.recordedOn);
  await auditCaseRead(deps.pool, reader.id, letter.caseId, 'letter', id);
  return { pdf: await lettersPdf([contentOf(deps, letter, date)], `Brief ${id}`), letter };
}

function contentOf(deps: LetterDeps, letter: LetterRow, date: string): LetterContent {
  const [name = '', ...addressLines] = (letter.recipient ?? '').split('\n');
  const day = Date.parse(`${date}T00:00:00Z`);
  // Rows from before migration 022 kept no amount: the case's balance stands in.
  const amountCents = letter.amountCents ?? letter.balanceCents;
  return {
    letterhead: deps.settings.letterhead,
    recipient: { name, addressLines },
    date: day,
    reference: letter.reference,
    subject: letter.subject ?? '',
    body: letter.body,
    // The link its message had: an HMAC of the outbox key (server/tenant/links.ts).
    payment: { amountCents, link: tenantLinkUrl({ publicUrl: deps.settings.publicUrl, key: deps.tenantLinkKey }, letter.key) },
    ...(letter.purpose === 'fourteen-day-letter' ? { fourteenDay: { payBy: fourteenDayDeadline(day).payBy, collectionCostsCents: letter.collectionCostsCents ?? collectionCostsCents(amountCents) } } : {}),
  };
}
