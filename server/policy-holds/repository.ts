// The policy holds' SQL: read, create, change, end, and the cases waiting for a hold. Every
// change writes its audit row in the same transaction, so a hold never changes unrecorded.
import type { HoldTarget, PolicyHold, PolicyHoldChange, PolicyHoldInput } from '../../definition/policy-holds.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';

type Row = {
  id: string;
  name: string;
  reason: string;
  starts_on: string;
  ends_on: string;
  stops: HoldTarget[];
  covers: PolicyHold['covers'];
  definition_id: string | null;
  revision: number;
  ended_at: Date | null;
  created_at: Date;
  created_by: string;
  created_by_name: string | null;
  ended_by_name: string | null;
};

export type StoredHold = PolicyHold & { createdAt: string; createdBy: string; createdByName: string | null; endedByName: string | null };

const columns = `h.id, h.name, h.reason, to_char(h.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(h.ends_on, 'YYYY-MM-DD') AS ends_on, h.stops, h.covers,
  h.definition_id, h.revision, h.ended_at, h.created_at, h.created_by, cu.display_name AS created_by_name, eu.display_name AS ended_by_name`;
const from = `policy_holds h LEFT JOIN users cu ON cu.id = h.created_by LEFT JOIN users eu ON eu.id = h.ended_by`;

const toHold = (r: Row): StoredHold => ({
  id: r.id,
  name: r.name,
  reason: r.reason,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  stops: r.stops,
  covers: r.covers,
  definitionId: r.definition_id,
  revision: r.revision,
  endedAt: r.ended_at ? r.ended_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  endedByName: r.ended_by_name,
});

/** Holds not ended whose last day is on or after `sinceDay` (YYYY-MM-DD): those that can still stop a step. */
export async function currentHolds(q: Queryable, sinceDay?: string): Promise<StoredHold[]> {
  const r = await q.query<Row>(`SELECT ${columns} FROM ${from} WHERE h.ended_at IS NULL AND ($1::date IS NULL OR h.ends_on >= $1::date) ORDER BY h.starts_on, h.name`, [sinceDay ?? null]);
  return r.rows.map(toHold);
}

/** Holds that stop any of `targets` and are not ended: what the workflow's question is answered from. */
export async function holdsStopping(q: Queryable, targets: HoldTarget[]): Promise<StoredHold[]> {
  const r = await q.query<Row>(`SELECT ${columns} FROM ${from} WHERE h.ended_at IS NULL AND h.stops && $1::text[]`, [targets]);
  return r.rows.map(toHold);
}

/** Every hold, newest first (the management page shows the past ones too). */
export async function allHolds(q: Queryable, limit = 200): Promise<StoredHold[]> {
  const r = await q.query<Row>(`SELECT ${columns} FROM ${from} ORDER BY h.ended_at IS NOT NULL, h.ends_on DESC, h.created_at DESC LIMIT $1`, [limit]);
  return r.rows.map(toHold);
}

export async function getHold(q: Queryable, id: string): Promise<StoredHold | null> {
  const r = await q.query<Row>(`SELECT ${columns} FROM ${from} WHERE h.id = $1`, [id]);
  return r.rows[0] ? toHold(r.rows[0]) : null;
}

const fieldsOf = (h: PolicyHoldInput) => ({ name: h.name, reason: h.reason, startsOn: h.startsOn, endsOn: h.endsOn, stops: h.stops, covers: h.covers, definitionId: h.definitionId ?? null });

export async function createHold(pool: Db, input: PolicyHoldInput, by: string): Promise<StoredHold> {
  return await inTransaction(pool, async (q) => {
    const r = await q.query<{ id: string }>(
      `INSERT INTO policy_holds (name, reason, starts_on, ends_on, stops, covers, definition_id, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [input.name, input.reason, input.startsOn, input.endsOn, input.stops, input.covers, input.definitionId ?? null, by],
    );
    const id = r.rows[0]!.id;
    await audit(q, { actor: by, action: 'policy-hold.create', entity: 'policy-hold', entityId: id, after: fieldsOf(input) });
    return (await getHold(q, id))!;
  });
}

/** Applies a change to a hold not yet ended; `merged` is the hold as it will be (checked by the caller). */
export async function changeHold(pool: Db, before: StoredHold, merged: PolicyHoldInput, change: PolicyHoldChange, by: string): Promise<StoredHold | null> {
  return await inTransaction(pool, async (q) => {
    const r = await q.query(
      `UPDATE policy_holds SET name = $2, reason = $3, starts_on = $4, ends_on = $5, stops = $6, covers = $7, definition_id = $8,
              revision = revision + 1, updated_by = $9, updated_at = now()
       WHERE id = $1 AND ended_at IS NULL AND revision = $10`,
      [before.id, merged.name, merged.reason, merged.startsOn, merged.endsOn, merged.stops, merged.covers, merged.definitionId ?? null, by, before.revision],
    );
    if ((r.rowCount ?? 0) === 0) return null;
    await audit(q, { actor: by, action: 'policy-hold.change', entity: 'policy-hold', entityId: before.id, before: fieldsOf(before), after: fieldsOf(merged), details: { changed: Object.keys(change) } });
    return await getHold(q, before.id);
  });
}

export async function endHold(pool: Db, id: string, by: string, note: string | undefined): Promise<StoredHold | null> {
  return await inTransaction(pool, async (q) => {
    const r = await q.query(`UPDATE policy_holds SET ended_at = now(), ended_by = $2, revision = revision + 1 WHERE id = $1 AND ended_at IS NULL`, [id, by]);
    if ((r.rowCount ?? 0) === 0) return null;
    await audit(q, { actor: by, action: 'policy-hold.end', entity: 'policy-hold', entityId: id, before: { endedAt: null }, details: { note: note ?? null } });
    return await getHold(q, id);
  });
}

/** The open cases that said they wait for a hold: whom to tell of its change. */
export async function casesHeldBy(q: Queryable, holdId: string): Promise<Array<{ caseId: string; workflowId: string }>> {
  const r = await q.query<{ id: string; workflow_id: string }>(`SELECT id, workflow_id FROM cases WHERE policy_hold_id = $1 AND status <> 'closed'`, [holdId]);
  return r.rows.map((x) => ({ caseId: x.id, workflowId: x.workflow_id }));
}

/** How many open cases wait for each hold, per definition version and step: the heat view's marks. */
export async function heldPerStep(q: Queryable, definitionId: string, version: number) {
  const r = await q.query<{ hold_id: string; step: string; n: string }>(
    `SELECT policy_hold_id AS hold_id, current_step AS step, count(*) AS n FROM cases
     WHERE policy_hold_id IS NOT NULL AND status <> 'closed' AND definition_id = $1 AND definition_version = $2
     GROUP BY policy_hold_id, current_step`,
    [definitionId, version],
  );
  return r.rows.map((x) => ({ holdId: x.hold_id, stepId: x.step, cases: Number(x.n) }));
}
