// Manual payments waiting for a second person (payment_requests), and the payments a person
// registered. See definition/payment-control.ts for the rule.
import type { PaymentRequestStatus } from '../../definition/payment-control.ts';
import { scopeSql, type CaseScope } from '../teams/scope.ts';
import type { Queryable } from '../db/pool.ts';

export type PaymentRequest = {
  id: string;
  caseId: string;
  caseReference: string;
  reference: string;
  amountCents: number;
  receivedAt: string;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  status: PaymentRequestStatus;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

const SELECT = `
  SELECT r.*, tc.reference AS case_reference, ur.display_name AS requested_by_name, ud.display_name AS decided_by_name
    FROM payment_requests r JOIN cases c ON c.id = r.case_id JOIN tenancies tc ON tc.id = c.tenancy_id
    JOIN users ur ON ur.id = r.requested_by LEFT JOIN users ud ON ud.id = r.decided_by`;

type Row = {
  id: string;
  case_id: string;
  case_reference: string;
  reference: string;
  amount_cents: number;
  received_at: Date;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  status: PaymentRequestStatus;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

const toRequest = (r: Row): PaymentRequest => ({
  id: r.id,
  caseId: r.case_id,
  caseReference: r.case_reference,
  reference: r.reference,
  amountCents: r.amount_cents,
  receivedAt: r.received_at.toISOString(),
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
});

/** Records a request; undefined when its reference is already taken by a request. */
export async function insertPaymentRequest(
  q: Queryable,
  r: { caseId: string; reference: string; amountCents: number; receivedAt: string; reason: string; requestedBy: string },
): Promise<string | undefined> {
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO payment_requests (case_id, reference, amount_cents, received_at, reason, requested_by) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (reference) DO NOTHING RETURNING id`,
    [r.caseId, r.reference, r.amountCents, r.receivedAt, r.reason, r.requestedBy],
  );
  return inserted.rows[0]?.id;
}

export async function paymentRequest(q: Queryable, id: string): Promise<PaymentRequest | undefined> {
  const r = await q.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  return r.rows[0] ? toRequest(r.rows[0]) : undefined;
}

export async function paymentRequestByReference(q: Queryable, reference: string): Promise<PaymentRequest | undefined> {
  const r = await q.query<Row>(`${SELECT} WHERE r.reference = $1`, [reference]);
  return r.rows[0] ? toRequest(r.rows[0]) : undefined;
}

/** Requests with this status (of one case), on cases in the reader's `scope` (their teams' areas). */
export async function listPaymentRequests(q: Queryable, filter: { status: PaymentRequestStatus; caseId?: string | undefined }, scope: CaseScope): Promise<PaymentRequest[]> {
  const args: unknown[] = [filter.status, filter.caseId ?? null];
  const inScope = scopeSql(scope, args);
  const r = await q.query<Row>(`${SELECT} WHERE r.status = $1 AND ($2::uuid IS NULL OR r.case_id = $2) AND ${inScope} ORDER BY r.requested_at, r.id LIMIT 500`, args);
  return r.rows.map(toRequest);
}

/** Every request on one case, oldest first: the case page shows those waiting and those rejected. */
export async function paymentRequestsOfCase(q: Queryable, caseId: string): Promise<PaymentRequest[]> {
  const r = await q.query<Row>(`${SELECT} WHERE r.case_id = $1 AND r.status <> 'approved' ORDER BY r.requested_at, r.id`, [caseId]);
  return r.rows.map(toRequest);
}

/** Decides a pending request; false when someone decided it first. */
export async function decidePaymentRequest(q: Queryable, id: string, d: { status: 'approved' | 'rejected'; by: string; note?: string | undefined }): Promise<boolean> {
  const r = await q.query(
    `UPDATE payment_requests SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1 AND status = 'pending'`,
    [id, d.status, d.by, d.note ?? null],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Records a payment a person registered (and, above the threshold, another approved); false
 * when its reference is already recorded.
 */
export async function insertManualPayment(
  q: Queryable,
  caseId: string,
  p: { reference: string; amountCents: number; receivedAt: string; reason: string; registeredBy: string; approvedBy?: string },
): Promise<boolean> {
  const inserted = await q.query(
    `INSERT INTO payments (reference, case_id, amount_cents, received_at, source, reason, registered_by, approved_by) VALUES ($1,$2,$3,$4,'api',$5,$6,$7)
     ON CONFLICT (reference) DO NOTHING`,
    [p.reference, caseId, p.amountCents, p.receivedAt, p.reason, p.registeredBy, p.approvedBy ?? null],
  );
  return (inserted.rowCount ?? 0) > 0;
}
