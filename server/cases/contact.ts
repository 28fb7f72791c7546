// A tenant's contact data: changed by a caseworker on the case, or by a case opened again for
// the tenancy with newer data. Every change is audited with what it was and what it became
// (only the fields that changed), so a wrong number can be traced to who entered it.
import { z } from 'zod';
import { audit } from '../audit/repository.ts';
import type { Queryable } from '../db/pool.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { ContactFieldsSchema } from './schemas.ts';

export type Contact = { name: string; email: string | null; phone: string | null; preferredChannel: string | null };

/** A change: any of the fields, at least one; null clears e-mail, phone or the preferred channel. */
export const ContactPatchSchema = z
  .strictObject({
    name: ContactFieldsSchema.shape.name.optional(),
    email: ContactFieldsSchema.shape.email.nullable(),
    phone: ContactFieldsSchema.shape.phone.nullable(),
    preferredChannel: ContactFieldsSchema.shape.preferredChannel.nullable(),
  })
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change: name, email, phone or preferredChannel');
export type ContactPatch = z.infer<typeof ContactPatchSchema>;

const columns = { name: 'name', email: 'email', phone: 'phone', preferredChannel: 'preferred_channel' } as const;

/** Applies `patch` to the tenant and audits before/after of what changed; returns the contact data now. */
export async function changeContact(q: Queryable, tenantId: string, patch: Partial<Contact>, audited: { actor: string; caseId: string; why: string }): Promise<Contact> {
  const current = await q.query<{ name: string; email: string | null; phone: string | null; preferred_channel: string | null }>(
    `SELECT name, email, phone, preferred_channel FROM tenants WHERE id = $1 FOR UPDATE`,
    [tenantId],
  );
  const row = current.rows[0];
  if (!row) throw notFound(`tenant ${tenantId} not found`);
  const was: Contact = { name: row.name, email: row.email, phone: row.phone, preferredChannel: row.preferred_channel };
  const changed = (Object.keys(columns) as Array<keyof Contact>).filter((k) => patch[k] !== undefined && patch[k] !== was[k]);
  if (changed.length === 0) return was;
  const now: Contact = { ...was, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) };
  await q.query(`UPDATE tenants SET ${changed.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [tenantId, ...changed.map((k) => now[k])]);
  await audit(q, {
    actor: audited.actor,
    action: 'tenant.contact',
    caseId: audited.caseId,
    entity: 'tenant',
    entityId: tenantId,
    before: Object.fromEntries(changed.map((k) => [k, was[k]])),
    after: Object.fromEntries(changed.map((k) => [k, now[k]])),
    details: { why: audited.why },
  });
  return now;
}

/** A caseworker's change on a case; refused on a case whose personal data was removed. */
export async function changeCaseContact(pool: Db, caseId: string, patch: ContactPatch, actor: string): Promise<Contact> {
  return await inTransaction(pool, async (q) => {
    const found = await q.query<{ tenant_id: string; anonymised_at: Date | null }>(
      `SELECT y.tenant_id, c.anonymised_at FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE c.id = $1`,
      [caseId],
    );
    const row = found.rows[0];
    if (!row) throw notFound(`case ${caseId} not found`);
    if (row.anonymised_at) throw conflict(`case ${caseId} was anonymised: it holds no contact data any more`);
    return await changeContact(q, row.tenant_id, patch, { actor, caseId, why: 'changed on the case' });
  });
}
