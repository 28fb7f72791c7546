// Published definition versions (immutable; the database refuses updates) and drafts.
import type { Definition } from '../../definition/schema.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';

export type PublishedVersion = {
  id: string;
  version: number;
  name: string;
  body: Definition;
  changeNote: string | null;
  publishedBy: string;
  publishedAt: string;
};

type Row = { id: string; version: number; name: string; body: Definition; change_note: string | null; published_by: string; published_at: Date };
const toVersion = (r: Row): PublishedVersion => ({
  id: r.id,
  version: r.version,
  name: r.name,
  body: r.body,
  changeNote: r.change_note,
  publishedBy: r.published_by,
  publishedAt: r.published_at.toISOString(),
});

export async function latestVersion(q: Queryable, id: string): Promise<PublishedVersion | undefined> {
  const result = await q.query<Row>(`SELECT * FROM definitions WHERE id = $1 ORDER BY version DESC LIMIT 1`, [id]);
  return result.rows[0] ? toVersion(result.rows[0]) : undefined;
}

export async function getVersion(q: Queryable, id: string, version: number): Promise<PublishedVersion | undefined> {
  const result = await q.query<Row>(`SELECT * FROM definitions WHERE id = $1 AND version = $2`, [id, version]);
  return result.rows[0] ? toVersion(result.rows[0]) : undefined;
}

export async function listVersions(q: Queryable, id: string) {
  const result = await q.query<Row & { running: string; published_by_name: string | null }>(
    `SELECT d.*, u.display_name AS published_by_name,
       (SELECT count(*) FROM cases c WHERE c.definition_id = d.id AND c.definition_version = d.version AND c.status <> 'closed' AND NOT c.dry_run) AS running
     FROM definitions d LEFT JOIN users u ON u.id::text = d.published_by WHERE d.id = $1 ORDER BY d.version DESC`,
    [id],
  );
  return result.rows.map((r) => ({ ...toVersion(r), publishedByName: r.published_by_name ?? r.published_by, runningCases: Number(r.running) }));
}

export async function listDefinitions(q: Queryable) {
  const result = await q.query<{ id: string; name: string; latest: number; versions: string; running: string; published_at: Date; has_draft: boolean }>(
    `SELECT d.id, d.name, d.version AS latest, d.published_at,
       (SELECT count(*) FROM definitions v WHERE v.id = d.id) AS versions,
       (SELECT count(*) FROM cases c WHERE c.definition_id = d.id AND c.status <> 'closed' AND NOT c.dry_run) AS running,
       EXISTS (SELECT 1 FROM definition_drafts x WHERE x.id = d.id) AS has_draft
     FROM definitions d
     WHERE d.version = (SELECT max(version) FROM definitions m WHERE m.id = d.id)
     ORDER BY d.name`,
  );
  return result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    latestVersion: r.latest,
    versions: Number(r.versions),
    runningCases: Number(r.running),
    publishedAt: r.published_at.toISOString(),
    hasDraft: r.has_draft,
  }));
}

/** Inserts the next version of a definition; concurrent publishes of one id are serialised. */
export async function insertVersion(pool: Db, body: Definition, by: string, note: string | null): Promise<PublishedVersion> {
  return await inTransaction(pool, async (q) => {
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('definition:' || $1))`, [body.id]);
    const next = await q.query<{ v: number }>(`SELECT COALESCE(max(version), 0) + 1 AS v FROM definitions WHERE id = $1`, [body.id]);
    const result = await q.query<Row>(
      `INSERT INTO definitions (id, version, name, body, change_note, published_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
      [body.id, next.rows[0]!.v, body.name, JSON.stringify(body), note, by],
    );
    await q.query(`DELETE FROM definition_drafts WHERE id = $1`, [body.id]);
    return toVersion(result.rows[0]!);
  });
}
