// Removing a tenant's personal data from closed cases (GDPR art. 5(1)(e) and art. 17), in two
// ways: by the retention period (a daily Temporal Schedule runs the retention workflow, whose
// activity calls anonymiseDueCases) and by a tenant's erasure request (eraseTenant). What goes:
// the tenant's name and contact data, the street and postcode letters, every free text written
// about them (notes, pause reasons, form fields, payment reasons, the messages' texts and
// recipients, what went to partners, the payer's account and transfer text of statement lines). What stays, for the books and the statistics: amounts,
// steps, outcomes, dates, the 4-digit postcode area and the city. The audit log keeps its rows
// (it is append-only and hash-chained): it holds who did what, and the anonymisation itself.
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';

/** Keys of a timeline event's data that may hold free text about the tenant. */
const FREE_TEXT_KEYS = ['reason', 'note', 'text', 'comment', 'name', 'phone', 'email', 'address', 'recipient', 'fields', 'assessment'];
const BATCH = 200;
const ANONYMISE_TENANT = `UPDATE tenants t SET name = 'Geanonimiseerd', email = NULL, phone = NULL, anonymised_at = now(), updated_at = now()`;
export const RETENTION_ACTOR = 'system:retention';

/** Removes the personal data of these closed cases (and of a tenant left with no case that needs it). Idempotent. */
async function anonymise(q: Queryable, caseIds: string[], actor: string, why: Record<string, unknown>): Promise<string[]> {
  const done = await q.query<{ id: string; tenancy_id: string }>(
    `UPDATE cases SET anonymised_at = now(), pause_reason = NULL, updated_at = now()
     WHERE id = ANY($1) AND status = 'closed' AND anonymised_at IS NULL RETURNING id, tenancy_id`,
    [caseIds],
  );
  const ids = done.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  await q.query(`UPDATE case_notes SET text = '' WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE outbox SET recipient = NULL, subject = NULL, body = '' WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE case_events SET data = data - $2::text[] WHERE case_id = ANY($1)`, [ids, FREE_TEXT_KEYS]);
  await q.query(`UPDATE tasks SET fields = NULL WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE handovers SET payload = '{}'::jsonb, response_note = NULL WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE payments SET reason = NULL WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE payment_requests SET reason = '', decision_note = NULL WHERE case_id = ANY($1)`, [ids]);
  await q.query(`UPDATE statement_lines SET description = '', iban = NULL, note = NULL WHERE case_id = ANY($1)`, [ids]);
  // A tenancy (and its tenant) only once no case of it is open or still within its period.
  const tenancies = await q.query<{ id: string; tenant_id: string }>(
    `UPDATE tenancies y SET reference = 'ANON-' || y.id, street = '', postal_code = left(y.postal_code, 4)
     WHERE y.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenancy_id = y.id AND c.anonymised_at IS NULL)
     RETURNING y.id, y.tenant_id`,
    [done.rows.map((r) => r.tenancy_id)],
  );
  // An account learned for a tenancy is the tenant's; the next transfer from it goes to the queue.
  await q.query(`DELETE FROM tenancy_ibans WHERE tenancy_id = ANY($1)`, [tenancies.rows.map((r) => r.id)]);
  await q.query(
    `${ANONYMISE_TENANT}
     WHERE t.id = ANY($1) AND t.anonymised_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM tenancies y JOIN cases c ON c.tenancy_id = y.id WHERE y.tenant_id = t.id AND c.anonymised_at IS NULL)`,
    [tenancies.rows.map((r) => r.tenant_id)],
  );
  for (const id of ids) await audit(q, { key: `anonymise:${id}`, actor, action: 'case.anonymise', caseId: id, entity: 'case', entityId: id, details: why });
  return ids;
}

/** Closed cases whose retention period has passed, anonymised in batches; returns how many. */
export async function anonymiseDueCases(pool: Db, retentionDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await inTransaction(pool, async (q) => {
      const due = await q.query<{ id: string }>(
        `SELECT id FROM cases WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < now() - make_interval(days => $1)
         ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [retentionDays, BATCH],
      );
      return await anonymise(q, due.rows.map((r) => r.id), RETENTION_ACTOR, { reason: 'retention period passed', retentionDays });
    });
    total += batch.length;
    if (batch.length < BATCH) return total;
  }
}

/**
 * A tenant's erasure request, made on one of their cases: every case of theirs anonymised now. Refused while a case of
 * theirs is not closed: the claim is still being collected (a legal obligation and a legitimate
 * interest, art. 17(3)(b) and (e)); the amounts and dates stay for the books in any case.
 */
export async function eraseTenantOfCase(pool: Db, caseId: string, reason: string, actor: string): Promise<{ cases: number }> {
  return await inTransaction(pool, async (q) => {
    const tenant = await q.query<{ id: string }>(
      `SELECT t.id FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1 FOR UPDATE OF t`,
      [caseId],
    );
    const tenantId = tenant.rows[0]?.id;
    if (!tenantId) throw notFound(`case ${caseId} not found`);
    const cases = await q.query<{ id: string; status: string; reference: string }>(
      `SELECT c.id, c.status, y.reference FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE y.tenant_id = $1`,
      [tenantId],
    );
    const open = cases.rows.filter((c) => c.status !== 'closed');
    if (open.length > 0) {
      throw conflict(`the tenant's personal data cannot be erased while a case of theirs is open (${open.map((c) => c.reference).join(', ')}); close or cancel it first`, {
        openCases: open.map((c) => c.id),
      });
    }
    const done = await anonymise(q, cases.rows.map((c) => c.id), actor, { reason: 'erasure request', request: reason });
    // A tenant without cases, or whose cases were anonymised before: their own row still goes.
    await q.query(`${ANONYMISE_TENANT} WHERE t.id = $1 AND t.anonymised_at IS NULL`, [tenantId]);
    await audit(q, { actor, action: 'tenant.erase', entity: 'tenant', entityId: tenantId, details: { request: reason, cases: done.length } });
    return { cases: done.length };
  });
}
