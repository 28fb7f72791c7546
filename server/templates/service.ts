// Editing the template library. A template is checked whole before anything is stored:
// its shape (TemplateSchema), its variables (only the ones the sender can fill), and that a
// change of channel or a removal does not break a definition that sends it.
import type { Channel } from '../../definition/catalog.ts';
import { TemplateSchema, unknownVariables, type Template } from '../../definition/templates.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { getTemplate, upsertTemplate, type StoredTemplate } from './repository.ts';

export type TemplateUse = { definitionId: string; version: number | 'draft'; stepId: string; channel: Channel };

type StepLike = { id?: unknown; kind?: unknown; channel?: unknown; template?: unknown; reminder?: { channel?: unknown; template?: unknown }; missed?: { channel?: unknown; template?: unknown } };

function usesIn(definitionId: string, version: number | 'draft', body: unknown, templateId: string): TemplateUse[] {
  const steps = (body as { steps?: unknown })?.steps;
  if (!Array.isArray(steps)) return [];
  const out: TemplateUse[] = [];
  for (const s of steps as StepLike[]) {
    const refs = [s, s.reminder, s.missed].filter((r): r is { channel?: unknown; template?: unknown } => !!r && typeof r === 'object');
    for (const r of refs) if (r.template === templateId) out.push({ definitionId, version, stepId: String(s.id), channel: r.channel as Channel });
  }
  return out;
}

/** Every step in any published version or draft that sends the template. */
export async function templateUsage(q: Queryable, templateId: string): Promise<TemplateUse[]> {
  const [versions, drafts] = await Promise.all([
    q.query<{ id: string; version: number; body: unknown }>(`SELECT id, version, body FROM definitions ORDER BY id, version`),
    q.query<{ id: string; body: unknown }>(`SELECT id, body FROM definition_drafts ORDER BY id`),
  ]);
  return [...versions.rows.flatMap((r) => usesIn(r.id, r.version, r.body, templateId)), ...drafts.rows.flatMap((r) => usesIn(r.id, 'draft', r.body, templateId))];
}

const where = (u: TemplateUse) => `${u.definitionId} ${u.version === 'draft' ? 'draft' : `v${u.version}`} step "${u.stepId}"`;

export async function saveTemplate(pool: Db, id: string, body: unknown, by: string): Promise<StoredTemplate> {
  if (typeof body === 'object' && body !== null && 'id' in body && (body as { id: unknown }).id !== id)
    throw invalid(`body.id: "${String((body as { id: unknown }).id)}" differs from the template id "${id}" in the path`);
  const input = parseInput(TemplateSchema, { ...(typeof body === 'object' && body !== null ? body : {}), id });
  const unknown = [...new Set([...unknownVariables(input.body), ...unknownVariables(input.subject ?? '')])];
  if (unknown.length)
    throw invalid(`body: unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; a template can use only the variables the sender fills in`, {
      unknownVariables: unknown,
    });
  if (input.subject && input.channel !== 'letter' && input.channel !== 'email') throw invalid(`subject: only letters and e-mails have a subject, not ${input.channel}`);
  return await inTransaction(pool, async (q) => {
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('template:' || $1))`, [id]);
    const before = await getTemplate(q, id);
    if (before && before.channel !== input.channel) {
      const uses = await templateUsage(q, id);
      const clash = uses.filter((u) => u.channel !== input.channel);
      if (clash.length)
        throw conflict(`channel: the template is sent as ${before.channel} by ${clash.map(where).join(', ')}; make a new template for ${input.channel} instead`, { usedBy: clash });
    }
    const saved = await upsertTemplate(q, input satisfies Template, by);
    await q.query(`INSERT INTO audit_log (actor, action, entity, entity_id, before, after) VALUES ($1, $2, 'template', $3, $4, $5)`, [
      by,
      before ? 'template.update' : 'template.create',
      id,
      before ? JSON.stringify(before) : null,
      JSON.stringify(saved),
    ]);
    return saved;
  });
}

export async function deleteTemplate(pool: Db, id: string, by: string): Promise<void> {
  await inTransaction(pool, async (q) => {
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('template:' || $1))`, [id]);
    const before = await getTemplate(q, id);
    if (!before) throw notFound(`template "${id}" not found`);
    const uses = await templateUsage(q, id);
    if (uses.length) throw conflict(`template "${id}" is still sent by ${uses.map(where).join(', ')}; it cannot be removed`, { usedBy: uses });
    await q.query(`DELETE FROM templates WHERE id = $1`, [id]);
    await q.query(`INSERT INTO audit_log (actor, action, entity, entity_id, before) VALUES ($1, 'template.delete', 'template', $2, $3)`, [by, id, JSON.stringify(before)]);
  });
}
