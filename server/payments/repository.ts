// SQL for bank statement imports: earlier imports of the same file, the open cases a line can
// match, recording an import with its payments, and the payments their case has not applied.
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { caseMomentSql } from '../ops/business-time.ts';
import { queueUnmatched } from './statement-queue-repository.ts';

/** A line no case was found for, or more than one: it goes to finance's work queue. */
export type UnmatchedLine = { line: number; paymentId: string; reference: string; amountCents: number; date: string; reason: string; candidates: string[]; iban?: string };

export type PreviousImport = { id: string; lines: number; matched: number; duplicates: number; unmatched: UnmatchedLine[] };

/** The first import of a file with this SHA-256, if any. */
export async function importOfFile(q: Queryable, sha256: string): Promise<PreviousImport | undefined> {
  const r = await q.query<PreviousImport>(`SELECT id, lines, matched, duplicates, unmatched FROM payment_imports WHERE file_sha256 = $1 ORDER BY imported_at LIMIT 1`, [sha256]);
  return r.rows[0];
}

/** Every open case with its tenancy reference, the key a statement line is matched on. */
export async function openCaseReferences(q: Queryable): Promise<Array<{ id: string; reference: string }>> {
  const r = await q.query<{ id: string; reference: string }>(`SELECT c.id, y.reference FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE c.status <> 'closed' AND c.purpose = 'arrears'`);
  return r.rows;
}

/**
 * Records the import, its matched payments (a payment already recorded is a duplicate) and
 * its audit entry, in one transaction. Returns the import's id and the payments new to us.
 */
export async function recordImport(
  pool: Db,
  input: {
    sha256: string;
    filename: string | null;
    lines: number;
    matched: Array<{ paymentId: string; caseId: string; amountCents: number; date: string; line: number }>;
    unmatched: UnmatchedLine[];
    actor: string;
  },
): Promise<{ importId: string; fresh: string[] }> {
  return await inTransaction(pool, async (q) => {
    const inserted = await q.query<{ id: string }>(
      `INSERT INTO payment_imports (file_sha256, filename, lines, matched, duplicates, unmatched, imported_by) VALUES ($1,$2,$3,$4,0,$5,$6) RETURNING id`,
      // The import's log keeps no account numbers: those live in the queue, which anonymisation clears.
      [input.sha256, input.filename, input.lines, input.matched.length, JSON.stringify(input.unmatched.map(({ iban: _iban, ...u }) => u)), input.actor],
    );
    const id = inserted.rows[0]!.id;
    const fresh: string[] = [];
    for (const m of input.matched) {
      // The statement's date is the bank's, a calendar day; the payment is dated where that day
      // (its noon, or now when that is later) falls on the case's clock, as every date of a case is.
      const r = await q.query(
        `INSERT INTO payments (reference, case_id, amount_cents, received_at, source, import_id, import_line)
         SELECT $1, c.id, $3, ${caseMomentSql('LEAST($4::timestamptz, now())')}, 'import', $5, $6 FROM cases c WHERE c.id = $2
         ON CONFLICT (reference) DO NOTHING`,
        [m.paymentId, m.caseId, m.amountCents, `${m.date}T12:00:00Z`, id, m.line],
      );
      if (r.rowCount) fresh.push(m.paymentId);
    }
    await queueUnmatched(q, id, input.unmatched, input.matched);
    await q.query(`UPDATE payment_imports SET duplicates = $2 WHERE id = $1`, [id, input.matched.length - fresh.length]);
    await audit(q, {
      actor: input.actor,
      action: 'payments.import',
      entity: 'payment-import',
      entityId: id,
      details: { filename: input.filename, lines: input.lines, matched: input.matched.length, fresh: fresh.length, unmatched: input.unmatched.length },
    });
    return { importId: id, fresh };
  });
}

/** The payments among these that are recorded but not applied yet, on a case still open. */
export async function unappliedPayments(q: Queryable, paymentIds: string[]): Promise<Array<{ reference: string; amountCents: number; receivedAt: Date; workflowId: string }>> {
  const r = await q.query<{ reference: string; amount_cents: number; received_at: Date; workflow_id: string }>(
    `SELECT p.reference, p.amount_cents, p.received_at, c.workflow_id FROM payments p JOIN cases c ON c.id = p.case_id
     WHERE p.reference = ANY($1) AND p.applied_at IS NULL AND c.status <> 'closed'`,
    [paymentIds],
  );
  return r.rows.map((p) => ({ reference: p.reference, amountCents: p.amount_cents, receivedAt: p.received_at, workflowId: p.workflow_id }));
}

/** How many of these payment ids are already recorded (a preview's duplicates). */
export async function knownPayments(q: Queryable, paymentIds: string[]): Promise<number> {
  if (paymentIds.length === 0) return 0;
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE reference = ANY($1)`, [paymentIds]);
  return r.rows[0]!.n;
}
