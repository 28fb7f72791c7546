// SQL for the template library, and for finding which definitions send a template.
import type { Template } from '../../definition/templates.ts';
import type { Queryable } from '../db/pool.ts';

type Row = { id: string; channel: Template['channel']; name: string; subject: string | null; body: string; updated_by: string; updated_at: Date };

export type StoredTemplate = Template & { updatedBy: string; updatedAt: string };

const toTemplate = (r: Row): StoredTemplate => ({
  id: r.id,
  channel: r.channel,
  name: r.name,
  ...(r.subject ? { subject: r.subject } : {}),
  body: r.body,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

export async function listTemplates(q: Queryable): Promise<StoredTemplate[]> {
  const result = await q.query<Row>(`SELECT * FROM templates ORDER BY channel, name`);
  return result.rows.map(toTemplate);
}

export async function getTemplate(q: Queryable, id: string): Promise<StoredTemplate | undefined> {
  const result = await q.query<Row>(`SELECT * FROM templates WHERE id = $1`, [id]);
  return result.rows[0] ? toTemplate(result.rows[0]) : undefined;
}

export async function upsertTemplate(q: Queryable, t: Template, by: string): Promise<StoredTemplate> {
  const result = await q.query<Row>(
    `INSERT INTO templates (id, channel, name, subject, body, updated_by) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, name = EXCLUDED.name, subject = EXCLUDED.subject, body = EXCLUDED.body,
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    [t.id, t.channel, t.name, t.subject ?? null, t.body, by],
  );
  return toTemplate(result.rows[0]!);
}

/** Adds a template unless one with its id exists (first-start seeding; never overwrites). */
export async function insertTemplateIfAbsent(q: Queryable, t: Template): Promise<void> {
  await q.query(`INSERT INTO templates (id, channel, name, subject, body) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (id) DO NOTHING`, [t.id, t.channel, t.name, t.subject ?? null, t.body]);
}

export async function deleteTemplateRow(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM templates WHERE id = $1`, [id]);
}

/** Serialises changes to one template until the transaction ends. */
export async function lockTemplate(q: Queryable, id: string): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('template:' || $1))`, [id]);
}

/** The body of every published version and every draft: where a template may be used. */
export async function definitionBodies(q: Queryable): Promise<Array<{ definitionId: string; version: number | 'draft'; body: unknown }>> {
  const [versions, drafts] = await Promise.all([
    q.query<{ id: string; version: number; body: unknown }>(`SELECT id, version, body FROM definitions ORDER BY id, version`),
    q.query<{ id: string; body: unknown }>(`SELECT id, body FROM definition_drafts ORDER BY id`),
  ]);
  return [...versions.rows.map((r) => ({ definitionId: r.id, version: r.version, body: r.body })), ...drafts.rows.map((r) => ({ definitionId: r.id, version: 'draft' as const, body: r.body }))];
}
