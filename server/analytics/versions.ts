// The picker of the analytics page: every published version with how many closed cases it has
// to learn from, and when the first and last of them started (the period's natural bounds).
import type { Queryable } from '../db/pool.ts';

export async function analyticsVersions(q: Queryable) {
  const result = await q.query<{ id: string; version: number; name: string; closed: number; first: string | null; last: string | null }>(
    `SELECT d.id, d.version, d.name, count(c.id)::int AS closed,
            to_char(min(c.opened_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS first,
            to_char(max(c.opened_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS last
     FROM definitions d
     LEFT JOIN cases c ON c.definition_id = d.id AND c.definition_version = d.version AND c.status = 'closed' AND NOT c.dry_run
     GROUP BY d.id, d.version, d.name ORDER BY d.name, d.id, d.version DESC`,
  );
  return result.rows.map((r) => ({ id: r.id, version: r.version, name: r.name, closedCases: r.closed, firstOpened: r.first, lastOpened: r.last }));
}
