// SQL for finance's work queue of statement lines (statement_lines, migration 023) and the
// accounts finance matched to tenancies (tenancy_ibans): what an import asks before matching,
// what it queues, and what the queue page lists.
import type { Queryable } from '../db/pool.ts';
import type { UnmatchedLine } from './repository.ts';

import type { statementLineStatuses } from './schemas.ts';

export type QueueStatus = (typeof statementLineStatuses)[number];

/** Of these payment ids, those recorded as payments, with their case. */
export async function recordedPayments(q: Queryable, paymentIds: string[]): Promise<Map<string, string>> {
  const r = await q.query<{ reference: string; case_id: string }>(`SELECT reference, case_id FROM payments WHERE reference = ANY($1)`, [paymentIds]);
  return new Map(r.rows.map((p) => [p.reference, p.case_id]));
}

/** Of these payment ids, those already in the queue (open or set aside), with the cases they named. */
export async function queuedLines(q: Queryable, paymentIds: string[]): Promise<Map<string, { status: QueueStatus; candidates: string[] }>> {
  const r = await q.query<{ payment_id: string; status: QueueStatus; candidates: string[] }>(
    `SELECT payment_id, status, candidates FROM statement_lines WHERE payment_id = ANY($1) AND status <> 'matched'`,
    [paymentIds],
  );
  return new Map(r.rows.map((l) => [l.payment_id, { status: l.status, candidates: l.candidates }]));
}

/** For each of these accounts finance matched before, the open cases of its tenancies. */
export async function casesOfAccounts(q: Queryable, ibans: string[]): Promise<Map<string, string[]>> {
  if (ibans.length === 0) return new Map();
  const r = await q.query<{ iban: string; cases: string[] }>(
    `SELECT ti.iban, array_agg(c.id ORDER BY c.opened_at) AS cases
     FROM tenancy_ibans ti JOIN cases c ON c.tenancy_id = ti.tenancy_id AND c.status <> 'closed' AND c.purpose = 'arrears' AND NOT c.dry_run
     WHERE ti.iban = ANY($1) GROUP BY ti.iban`,
    [[...new Set(ibans)]],
  );
  return new Map(r.rows.map((a) => [a.iban, a.cases]));
}

/**
 * Queues an import's unmatched lines (a line already queued stays as it is), and closes the
 * open queue entries of lines this import did match: a case opened since, or an account learned.
 */
export async function queueUnmatched(q: Queryable, importId: string, unmatched: UnmatchedLine[], matched: Array<{ paymentId: string; caseId: string }>): Promise<void> {
  for (const u of unmatched)
    await q.query(
      `INSERT INTO statement_lines (payment_id, import_id, line, description, iban, amount_cents, booked_on, reason, candidates)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (payment_id) DO NOTHING`,
      [u.paymentId, importId, u.line, u.reference, u.iban ?? null, u.amountCents, u.date, u.reason, u.candidates],
    );
  if (matched.length === 0) return;
  await q.query(
    `UPDATE statement_lines l SET status = 'matched', case_id = m.case_id, resolved_by = 'system:import', resolved_at = now(), note = 'matched by a later import'
     FROM unnest($1::text[], $2::uuid[]) AS m(payment_id, case_id) WHERE l.payment_id = m.payment_id AND l.status = 'open'`,
    [matched.map((m) => m.paymentId), matched.map((m) => m.caseId)],
  );
}

export type QueueLine = {
  id: string;
  /** The payment this line becomes when matched: the same entry in another statement is the same payment. */
  paymentId: string;
  importId: string;
  filename: string | null;
  line: number;
  description: string;
  iban: string | null;
  amountCents: number;
  bookedOn: string;
  reason: string;
  candidates: Array<{ caseId: string; reference: string; balanceCents: number }>;
  status: QueueStatus;
  caseId: string | null;
  caseReference: string | null;
  resolvedBy: { id: string; displayName: string } | null;
  resolvedAt: string | null;
  note: string | null;
};

const QUEUE_SELECT = `
  SELECT l.id, l.payment_id, l.import_id, i.filename, l.line, l.description, l.iban, l.amount_cents, to_char(l.booked_on, 'YYYY-MM-DD') AS booked_on, l.reason,
         l.status, l.case_id, y.reference AS case_reference, l.resolved_by, u.display_name AS resolver_name, l.resolved_at, l.note,
         COALESCE((SELECT json_agg(json_build_object('caseId', c2.id, 'reference', y2.reference, 'balanceCents', c2.balance_cents) ORDER BY y2.reference)
                   FROM cases c2 JOIN tenancies y2 ON y2.id = c2.tenancy_id WHERE c2.id = ANY(l.candidates)), '[]') AS candidates
  FROM statement_lines l JOIN payment_imports i ON i.id = l.import_id
  LEFT JOIN cases c ON c.id = l.case_id LEFT JOIN tenancies y ON y.id = c.tenancy_id
  LEFT JOIN users u ON u.id::text = l.resolved_by`;

type QueueRow = {
  id: string;
  payment_id: string;
  import_id: string;
  filename: string | null;
  line: number;
  description: string;
  iban: string | null;
  amount_cents: number;
  booked_on: string;
  reason: string;
  status: QueueStatus;
  case_id: string | null;
  case_reference: string | null;
  resolved_by: string | null;
  resolver_name: string | null;
  resolved_at: Date | null;
  note: string | null;
  candidates: QueueLine['candidates'];
};

const toLine = (r: QueueRow): QueueLine => ({
  id: r.id,
  paymentId: r.payment_id,
  importId: r.import_id,
  filename: r.filename,
  line: r.line,
  description: r.description,
  iban: r.iban,
  amountCents: r.amount_cents,
  bookedOn: r.booked_on,
  reason: r.reason,
  candidates: r.candidates,
  status: r.status,
  caseId: r.case_id,
  caseReference: r.case_reference,
  resolvedBy: r.resolved_by ? { id: r.resolved_by, displayName: r.resolver_name ?? r.resolved_by } : null,
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  note: r.note,
});

/** The queue: open lines oldest first; resolved ones newest first. */
export async function listQueue(q: Queryable, status: QueueStatus, limit: number): Promise<QueueLine[]> {
  const order = status === 'open' ? 'l.booked_on, l.created_at, l.line' : 'l.resolved_at DESC, l.line';
  const r = await q.query<QueueRow>(`${QUEUE_SELECT} WHERE l.status = $1 ORDER BY ${order} LIMIT $2`, [status, limit]);
  return r.rows.map(toLine);
}

/** One line, locked for deciding it. */
export async function lineForUpdate(q: Queryable, id: string): Promise<QueueLine | undefined> {
  const r = await q.query<QueueRow>(`${QUEUE_SELECT} WHERE l.id = $1 FOR UPDATE OF l`, [id]);
  return r.rows[0] && toLine(r.rows[0]);
}

export async function lineById(q: Queryable, id: string): Promise<QueueLine | undefined> {
  const r = await q.query<QueueRow>(`${QUEUE_SELECT} WHERE l.id = $1`, [id]);
  return r.rows[0] && toLine(r.rows[0]);
}
