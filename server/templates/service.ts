// Editing the template library. A template is checked whole before anything is stored:
// its shape (TemplateSchema), its variables (only the ones the sender can fill), and that a
// change of channel or a removal does not break a definition that sends it.
import type { Channel } from '../../definition/catalog.ts';
import { TemplateSchema, unknownVariables, type Template } from '../../definition/templates.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, invalid, invalidField, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { definitionBodies, deleteTemplateRow, getTemplate, lockTemplate, upsertTemplate, type StoredTemplate } from './repository.ts';

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
  return (await definitionBodies(q)).flatMap((d) => usesIn(d.definitionId, d.version, d.body, templateId));
}

/** One template and every step that sends it. */
export async function templateWithUsage(q: Queryable, id: string): Promise<{ template: StoredTemplate; usedBy: TemplateUse[] }> {
  const found = await getTemplate(q, id);
  if (!found) throw notFound(`template "${id}" not found`);
  return { template: found, usedBy: await templateUsage(q, found.id) };
}

const where = (u: TemplateUse) => `${u.definitionId} ${u.version === 'draft' ? 'draft' : `v${u.version}`} step "${u.stepId}"`;

export async function saveTemplate(pool: Db, id: string, body: unknown, by: string): Promise<StoredTemplate> {
  if (typeof body === 'object' && body !== null && 'id' in body && (body as { id: unknown }).id !== id)
    throw invalidField('body.id', `"${String((body as { id: unknown }).id)}" differs from the template id "${id}" in the path`);
  const input = parseInput(TemplateSchema, { ...(typeof body === 'object' && body !== null ? body : {}), id });
  const unknown = [...new Set([...unknownVariables(input.body), ...unknownVariables(input.subject ?? '')])];
  if (unknown.length) {
    const inField = (field: 'body' | 'subject') => {
      const names = [...new Set(unknownVariables(input[field] ?? ''))];
      return names.length ? [{ field: `body.${field}`, message: `unknown variable${names.length > 1 ? 's' : ''} ${names.map((v) => `{{${v}}}`).join(', ')}`, unknownVariables: names }] : [];
    };
    throw invalid(`body: unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; a template can use only the variables the sender fills in`, [
      ...inField('body'),
      ...inField('subject'),
    ]);
  }
  if (input.subject && input.channel !== 'letter' && input.channel !== 'email') throw invalidField('body.subject', `only letters and e-mails have a subject, not ${input.channel}`);
  return await inTransaction(pool, async (q) => {
    await lockTemplate(q, id);
    const before = await getTemplate(q, id);
    if (before && before.channel !== input.channel) {
      const uses = await templateUsage(q, id);
      const clash = uses.filter((u) => u.channel !== input.channel);
      if (clash.length)
        throw conflict(`channel: the template is sent as ${before.channel} by ${clash.map(where).join(', ')}; make a new template for ${input.channel} instead`, { usedBy: clash });
    }
    const saved = await upsertTemplate(q, input satisfies Template, by);
    await audit(q, { actor: by, action: before ? 'template.update' : 'template.create', entity: 'template', entityId: id, before, after: saved });
    return saved;
  });
}

export async function deleteTemplate(pool: Db, id: string, by: string): Promise<void> {
  await inTransaction(pool, async (q) => {
    await lockTemplate(q, id);
    const before = await getTemplate(q, id);
    if (!before) throw notFound(`template "${id}" not found`);
    const uses = await templateUsage(q, id);
    if (uses.length) throw conflict(`template "${id}" is still sent by ${uses.map(where).join(', ')}; it cannot be removed`, { usedBy: uses });
    await deleteTemplateRow(q, id);
    await audit(q, { actor: by, action: 'template.delete', entity: 'template', entityId: id, before });
  });
}
