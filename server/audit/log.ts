// Writing the audit log: who did or saw what, when, and for changes the state before and
// after. The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), so a row
// written here is final. Personal data stays out of before/after where an id says enough
// (a note's id, not its text).
import type { Queryable } from '../db/pool.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  caseId?: string | null;
  entity?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
};

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(`INSERT INTO audit_log (actor, action, case_id, entity, entity_id, before, after, details) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [
    e.actor,
    e.action,
    e.caseId ?? null,
    e.entity ?? null,
    e.entityId ?? null,
    json(e.before),
    json(e.after),
    json(e.details),
  ]);
}

/** A read of one case's personal data (the case page, a task with its case context). */
export async function auditCaseRead(q: Queryable, actor: string, caseId: string, entity: string, entityId: string = caseId): Promise<void> {
  await audit(q, { actor, action: 'personal-data.read', caseId, entity, entityId });
}

/**
 * A list that showed tenant names: one row for the whole list, the cases it showed in
 * details.caseIds (found per case through a GIN index, see migration 005). An empty list
 * showed nobody and is not recorded.
 */
export async function auditListRead(q: Queryable, actor: string, list: string, caseIds: string[]): Promise<void> {
  const unique = [...new Set(caseIds)];
  if (unique.length === 0) return;
  await audit(q, { actor, action: 'personal-data.list', entity: list, details: { caseIds: unique } });
}
