// The case timeline: what happened to a case, in business time, once per key.
import type { Queryable } from '../server/db/pool.ts';

export type TimelineRow = { key: string; caseId: string; at: string; type: string; stepId?: string; actor?: string; data?: Record<string, unknown> };

/** Appends to the case timeline once per key; tells whether this call inserted it. */
export async function appendTimeline(q: Queryable, row: TimelineRow): Promise<boolean> {
  const result = await q.query(
    `INSERT INTO case_events (key, case_id, at, type, step_id, actor, data) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (key) DO NOTHING`,
    [row.key, row.caseId, row.at, row.type, row.stepId ?? null, row.actor ?? null, JSON.stringify(row.data ?? {})],
  );
  return (result.rowCount ?? 0) > 0;
}

