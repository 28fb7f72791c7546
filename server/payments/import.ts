// Bulk payment import from a bank statement. Each line is matched to the open case whose
// tenancy reference it carries; unmatched lines are reported, never guessed. Payments are
// recorded first (their id is derived from the line, so the same file twice adds nothing)
// and then signalled to their cases; a payment not yet applied is signalled again.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { paymentReceivedSignal } from '../../workflows/messages.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { invalid } from '../errors.ts';
import { parseBankCsv, type BankLine } from './bank-csv.ts';

export type ImportReport = {
  importId: string;
  alreadyImported: boolean;
  lines: number;
  matched: number;
  applied: number;
  duplicates: number;
  unmatched: Array<{ line: number; reference: string; amountCents: number; date: string; reason: string }>;
  /** Lines that are no payment received (money going out), left alone. */
  ignored: Array<{ line: number; reason: string }>;
};

const normalize = (s: string) => s.toUpperCase().replace(/\s+/g, '');

export async function importStatement(deps: { pool: Db; temporal: Client }, text: string, filename: string | null, actor: string): Promise<ImportReport> {
  const parsed = parseBankCsv(text);
  if (!parsed.ok) throw invalid(`the bank statement was not imported: ${parsed.errors.join('; ')}`, { errors: parsed.errors });
  const sha = createHash('sha256').update(text).digest('hex');

  const previous = await deps.pool.query<{ id: string; lines: number; matched: number; duplicates: number; unmatched: ImportReport['unmatched'] }>(
    `SELECT id, lines, matched, duplicates, unmatched FROM payment_imports WHERE file_sha256 = $1 ORDER BY imported_at LIMIT 1`,
    [sha],
  );
  if (previous.rows[0]) {
    const p = previous.rows[0];
    await signalUnapplied(deps, parsed.lines.map((l) => l.paymentId));
    return { importId: p.id, alreadyImported: true, lines: p.lines, matched: p.matched, applied: 0, duplicates: p.matched, unmatched: p.unmatched, ignored: parsed.ignored };
  }

  const open = await deps.pool.query<{ id: string; reference: string }>(
    `SELECT c.id, y.reference FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE c.status <> 'closed'`,
  );
  const byReference = new Map(open.rows.map((r) => [normalize(r.reference), { caseId: r.id, reference: r.reference }]));
  // The whole description, else the one open case whose reference appears in it as a word. A
  // description naming two open cases (rent and garage in one transfer) is left to a person.
  const match = (line: BankLine): { caseId: string } | { reason: string } => {
    const exact = byReference.get(normalize(line.reference));
    if (exact) return exact;
    const found = new Map(line.reference.split(/[\s,;:]+/).flatMap((t) => byReference.get(normalize(t)) ?? []).map((c) => [c.caseId, c.reference]));
    if (found.size === 1) return { caseId: [...found.keys()][0]! };
    if (found.size > 1) return { reason: `names more than one open case (${[...found.values()].join(', ')}); book it by hand` };
    return { reason: 'no open case carries this reference' };
  };

  const unmatched: ImportReport['unmatched'] = [];
  const matched: Array<BankLine & { caseId: string }> = [];
  for (const line of parsed.lines) {
    const m = match(line);
    if ('caseId' in m) matched.push({ ...line, caseId: m.caseId });
    else unmatched.push({ line: line.line, reference: line.reference, amountCents: line.amountCents, date: line.date, reason: m.reason });
  }

  const { importId, fresh } = await inTransaction(deps.pool, async (q) => {
    const inserted = await q.query<{ id: string }>(
      `INSERT INTO payment_imports (file_sha256, filename, lines, matched, duplicates, unmatched, imported_by) VALUES ($1,$2,$3,$4,0,$5,$6) RETURNING id`,
      [sha, filename, parsed.lines.length, matched.length, JSON.stringify(unmatched), actor],
    );
    const id = inserted.rows[0]!.id;
    const freshIds: string[] = [];
    for (const m of matched) {
      const r = await q.query(
        `INSERT INTO payments (reference, case_id, amount_cents, received_at, source, import_id) VALUES ($1,$2,$3,$4,'import',$5) ON CONFLICT (reference) DO NOTHING`,
        [m.paymentId, m.caseId, m.amountCents, `${m.date}T12:00:00Z`, id],
      );
      if (r.rowCount) freshIds.push(m.paymentId);
    }
    await q.query(`UPDATE payment_imports SET duplicates = $2 WHERE id = $1`, [id, matched.length - freshIds.length]);
    await q.query(`INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1,'payments.import','payment-import',$2,$3)`, [
      actor,
      id,
      JSON.stringify({ filename, lines: parsed.lines.length, matched: matched.length, fresh: freshIds.length, unmatched: unmatched.length }),
    ]);
    return { importId: id, fresh: freshIds };
  });

  await signalUnapplied(deps, matched.map((m) => m.paymentId));
  return {
    importId,
    alreadyImported: false,
    lines: parsed.lines.length,
    matched: matched.length,
    applied: fresh.length,
    duplicates: matched.length - fresh.length,
    unmatched,
    ignored: parsed.ignored,
  };
}

/** Signals every recorded payment its case has not applied yet; applying is idempotent by reference. */
async function signalUnapplied(deps: { pool: Db; temporal: Client }, paymentIds: string[]) {
  if (paymentIds.length === 0) return;
  const pending = await deps.pool.query<{ reference: string; amount_cents: number; received_at: Date; workflow_id: string }>(
    `SELECT p.reference, p.amount_cents, p.received_at, c.workflow_id FROM payments p JOIN cases c ON c.id = p.case_id
     WHERE p.reference = ANY($1) AND p.applied_at IS NULL AND c.status <> 'closed'`,
    [paymentIds],
  );
  for (const p of pending.rows) {
    await deps.temporal.workflow
      .getHandle(p.workflow_id)
      .signal(paymentReceivedSignal, { reference: p.reference, amountCents: p.amount_cents, receivedAt: p.received_at.toISOString() })
      .catch(() => undefined); // a case that closed meanwhile keeps the payment on record for staff to handle
  }
}
