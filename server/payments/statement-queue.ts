// Finance's work queue of bank statement lines that matched no open case, or more than one:
// a person matches each to a case (the payment is then recorded and reaches the case as an
// imported one would) or sets it aside (money that is not rent: a refund to make, a wrong
// transfer). Matching a line with the payer's account remembers that account for the case's
// tenancy, so the next transfer from it matches by itself. Each decision is made once (a
// second person deciding the same line gets 409) and audited.
import type { Client } from '@temporalio/client';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { caseMomentSql } from '../ops/business-time.ts';
import { signalUnapplied } from './import.ts';
import type { MatchLine, SetAsideLine } from './schemas.ts';
import { lineById, lineForUpdate, type QueueLine } from './statement-queue-repository.ts';

type Deps = { pool: Db; temporal: Client };

async function openLine(q: Parameters<typeof lineForUpdate>[0], id: string): Promise<QueueLine> {
  const line = await lineForUpdate(q, id);
  if (!line) throw notFound(`no statement line ${id} in the work queue`);
  if (line.status !== 'open')
    throw conflict(`this line was ${line.status === 'matched' ? `matched to ${line.caseReference ?? 'a case'}` : 'set aside'} already by ${line.resolvedBy?.displayName ?? 'someone'}; reload the queue`);
  return line;
}

/** Books the line on an open case (by its id or its tenancy reference); returns the line as it now is. */
export async function matchLine(deps: Deps, id: string, input: MatchLine, actor: string): Promise<QueueLine> {
  const paymentId = await inTransaction(deps.pool, async (q) => {
    const line = await openLine(q, id);
    const target = await q.query<{ id: string; status: string; tenancy_id: string; reference: string }>(
      `SELECT c.id, c.status, c.tenancy_id, y.reference FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
       WHERE NOT c.dry_run AND ${input.caseId ? 'c.id = $1' : 'upper(y.reference) = upper($1)'} ORDER BY (c.status = 'closed'), c.opened_at DESC LIMIT 1`,
      [input.caseId ?? input.reference],
    );
    const found = target.rows[0];
    if (!found) throw notFound(input.caseId ? `no case ${input.caseId}` : `no case for the tenancy reference ${input.reference}`);
    if (found.status === 'closed') throw conflict(`the case of ${found.reference} is closed: a payment can only be booked on an open case; set the line aside with a note instead`);
    await q.query(
      `INSERT INTO payments (reference, case_id, amount_cents, received_at, source, import_id, import_line)
       SELECT $1, c.id, $3, ${caseMomentSql('LEAST($4::timestamptz, now())')}, 'import', $5, $6 FROM cases c WHERE c.id = $2
       ON CONFLICT (reference) DO NOTHING`,
      [line.paymentId, found.id, line.amountCents, `${line.bookedOn}T12:00:00Z`, line.importId, line.line],
    );
    await q.query(`UPDATE statement_lines SET status = 'matched', case_id = $2, resolved_by = $3, resolved_at = now(), note = $4 WHERE id = $1`, [id, found.id, actor, input.note ?? null]);
    const remembered = input.rememberAccount && line.iban !== null;
    if (remembered) await q.query(`INSERT INTO tenancy_ibans (iban, tenancy_id, learned_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [line.iban, found.tenancy_id, actor]);
    await audit(q, {
      actor,
      action: 'payments.match-by-hand',
      caseId: found.id,
      entity: 'statement-line',
      entityId: id,
      after: { amountCents: line.amountCents, bookedOn: line.bookedOn, reference: found.reference, accountRemembered: remembered },
      ...(input.note ? { details: { note: input.note } } : {}),
    });
    return line.paymentId;
  });
  await signalUnapplied(deps, [paymentId]);
  return (await lineById(deps.pool, id))!;
}

/** Leaves the line off every case, saying why (money that is not rent, to be refunded, ...). */
export async function setAsideLine(deps: Deps, id: string, input: SetAsideLine, actor: string): Promise<QueueLine> {
  await inTransaction(deps.pool, async (q) => {
    const line = await openLine(q, id);
    await q.query(`UPDATE statement_lines SET status = 'set-aside', resolved_by = $2, resolved_at = now(), note = $3 WHERE id = $1`, [id, actor, input.note]);
    await audit(q, { actor, action: 'payments.set-aside', entity: 'statement-line', entityId: id, after: { amountCents: line.amountCents, bookedOn: line.bookedOn }, details: { note: input.note } });
  });
  return (await lineById(deps.pool, id))!;
}
