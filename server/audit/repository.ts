// The audit log's SQL: the one write every audit row goes through, and reading one case's
// log (its own rows and the list reads that showed it). The table is append-only (a trigger
// refuses UPDATE, DELETE and TRUNCATE), so a row written here is final. Personal data stays
// out of before/after where an id says enough (a note's id, not its text).
import type { Queryable } from '../db/pool.ts';

export type AuditEntry = {
  /**
   * Makes the write idempotent: a second write with the same key is ignored. Activities pass
   * one (they are retried); a request's own entries have none and are always written.
   */
  key?: string;
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

/** Writes one audit row; false when a row with the same key was already there. */
export async function audit(q: Queryable, e: AuditEntry): Promise<boolean> {
  // Rows without a key never conflict (NULLs are distinct in a unique index).
  const result = await q.query(
    `INSERT INTO audit_log (key, actor, action, case_id, entity, entity_id, before, after, details) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (key) DO NOTHING`,
    [e.key ?? null, e.actor, e.action, e.caseId ?? null, e.entity ?? null, e.entityId ?? null, json(e.before), json(e.after), json(e.details)],
  );
  return (result.rowCount ?? 0) > 0;
}

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
};

export async function caseAudit(q: Queryable, caseId: string, page: { limit: number; offset: number }): Promise<{ total: number; entries: AuditRow[] }> {
  const where = `(a.case_id = $1 OR (a.action = 'personal-data.list' AND (a.details -> 'caseIds') ? $1::text))`;
  const [count, rows] = await Promise.all([
    q.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log a WHERE ${where}`, [caseId]),
    q.query<{ id: string; at: Date; actor: string; actor_name: string | null; action: string; entity: string | null; entity_id: string | null; before: unknown; after: unknown; details: unknown }>(
      `SELECT a.id, a.at, a.actor, u.display_name AS actor_name, a.action, a.entity, a.entity_id, a.before, a.after, a.details
       FROM audit_log a LEFT JOIN users u ON u.id::text = a.actor
       WHERE ${where} ORDER BY a.id DESC LIMIT $2 OFFSET $3`,
      [caseId, page.limit, page.offset],
    ),
  ]);
  return {
    total: Number(count.rows[0]!.n),
    entries: rows.rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.actor,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      // A list read names every case it showed; here only how many matter.
      details: r.action === 'personal-data.list' ? { cases: ((r.details as { caseIds?: unknown[] } | null)?.caseIds ?? []).length } : r.details,
    })),
  };
}
