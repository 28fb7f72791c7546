// Drafts: the definition a policy owner is working on, saved at any time, also when it does
// not validate yet. One draft per definition id; publishing turns it into a version and
// removes it (repository.insertVersion).
import type { Queryable } from '../db/pool.ts';
import { conflict } from '../errors.ts';

export type Draft = {
  id: string;
  body: unknown;
  basedOnVersion: number | null;
  updatedBy: string;
  updatedByName: string;
  updatedAt: string;
};

type Row = { id: string; body: unknown; based_on_version: number | null; updated_by: string; updated_by_name: string | null; updated_at: Date };
const toDraft = (r: Row): Draft => ({
  id: r.id,
  body: r.body,
  basedOnVersion: r.based_on_version,
  updatedBy: r.updated_by,
  updatedByName: r.updated_by_name ?? r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

const SELECT = `SELECT d.*, u.display_name AS updated_by_name FROM definition_drafts d LEFT JOIN users u ON u.id::text = d.updated_by`;

export async function getDraft(q: Queryable, id: string): Promise<Draft | undefined> {
  const r = await q.query<Row>(`${SELECT} WHERE d.id = $1`, [id]);
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
  const r = await q.query<Row>(`${SELECT} WHERE NOT EXISTS (SELECT 1 FROM definitions v WHERE v.id = d.id) ORDER BY d.updated_at DESC`);
  return r.rows.map(toDraft);
}

export async function definitionExists(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM definitions WHERE id = $1 UNION ALL SELECT 1 FROM definition_drafts WHERE id = $1 LIMIT 1`, [id]);
  return (r.rowCount ?? 0) > 0;
}
