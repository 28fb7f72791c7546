// SQL for definitions: published versions (immutable; the database refuses updates) and
// drafts, the definition a policy owner is working on, saved at any time, also when it does
// not validate yet. One draft per definition id; publishing turns it into a version and
// removes it (insertVersion).
import { purposeOf } from '../../definition/prevention.ts';
import type { Definition } from '../../definition/schema.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict } from '../errors.ts';

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

/** The latest published version of every prevention process (definition/prevention.ts), by id. */
export async function preventionDefinitions(q: Queryable): Promise<PublishedVersion[]> {
  const r = await q.query<Row>(
    `SELECT DISTINCT ON (id) * FROM definitions ORDER BY id, version DESC`,
  );
  return r.rows.map(toVersion).filter((v) => purposeOf(v.body) === 'prevention');
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
  const result = await q.query<{ id: string; name: string; latest: number; versions: string; running: string; running_older: string; published_at: Date; has_draft: boolean }>(
    `SELECT d.id, d.name, d.version AS latest, d.published_at,
       (SELECT count(*) FROM definitions v WHERE v.id = d.id) AS versions,
       (SELECT count(*) FROM cases c WHERE c.definition_id = d.id AND c.status <> 'closed' AND NOT c.dry_run) AS running,
       (SELECT count(*) FROM cases c WHERE c.definition_id = d.id AND c.definition_version < d.version AND c.status <> 'closed' AND NOT c.dry_run) AS running_older,
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
    /** Open cases on an older version than the latest: the ones a migration is for. */
    runningOnOlderVersions: Number(r.running_older),
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

// --- Drafts ----------------------------------------------------------------------------------

export type Draft = {
  id: string;
  body: unknown;
  basedOnVersion: number | null;
  updatedBy: string;
  updatedByName: string;
  updatedAt: string;
};

type DraftRow = { id: string; body: unknown; based_on_version: number | null; updated_by: string; updated_by_name: string | null; updated_at: Date };
const toDraft = (r: DraftRow): Draft => ({
  id: r.id,
  body: r.body,
  basedOnVersion: r.based_on_version,
  updatedBy: r.updated_by,
  updatedByName: r.updated_by_name ?? r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

const SELECT_DRAFT = `SELECT d.*, u.display_name AS updated_by_name FROM definition_drafts d LEFT JOIN users u ON u.id::text = d.updated_by`;

export async function getDraft(q: Queryable, id: string): Promise<Draft | undefined> {
  const r = await q.query<DraftRow>(`${SELECT_DRAFT} WHERE d.id = $1`, [id]);
  return r.rows[0] ? toDraft(r.rows[0]) : undefined;
}

/**
 * Saves a draft. With `expectedUpdatedAt`, refuses (409) when someone else saved in between,
 * so two policy owners never silently overwrite each other's work.
 */
export async function saveDraft(
  q: Queryable,
  input: { id: string; body: unknown; basedOnVersion: number | null; by: string; expectedUpdatedAt?: string | null },
): Promise<Draft> {
  if (input.expectedUpdatedAt !== undefined) {
    const current = await getDraft(q, input.id);
    const stale = input.expectedUpdatedAt === null ? current !== undefined : current?.updatedAt !== input.expectedUpdatedAt;
    if (stale) {
      throw conflict(
        current
          ? `the draft was saved by ${current.updatedByName} at ${current.updatedAt} after you opened it; reload it before saving`
          : 'the draft was published or discarded after you opened it; reload the definition before saving',
        { draft: current ?? null },
      );
    }
  }
  await q.query(
    `INSERT INTO definition_drafts (id, body, based_on_version, updated_by) VALUES ($1,$2,$3,$4)
     ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, based_on_version = EXCLUDED.based_on_version, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
    [input.id, JSON.stringify(input.body), input.basedOnVersion, input.by],
  );
  return (await getDraft(q, input.id))!;
}

export async function deleteDraft(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM definition_drafts WHERE id = $1`, [id]);
  return (r.rowCount ?? 0) > 0;
}

/** Drafts of definitions that have no published version yet (new definitions). */
export async function unpublishedDrafts(q: Queryable) {
  const r = await q.query<DraftRow>(`${SELECT_DRAFT} WHERE NOT EXISTS (SELECT 1 FROM definitions v WHERE v.id = d.id) ORDER BY d.updated_at DESC`);
  return r.rows.map(toDraft);
}

export async function definitionExists(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM definitions WHERE id = $1 UNION ALL SELECT 1 FROM definition_drafts WHERE id = $1 LIMIT 1`, [id]);
  return (r.rowCount ?? 0) > 0;
}
