// Role grants waiting for a second admin (definition/role-grants.ts says why): the SQL, and
// confirming or rejecting one. Every step is audited with the account's roles before and after.
import { z } from 'zod';
import { grantConfirmRefusal, roleGrantStatuses } from '../../definition/role-grants.ts';
import { RoleSchema } from '../../definition/schema.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, notFound, refuse } from '../errors.ts';
import { getUser, lockUserAdmin, updateUserRow } from './repository.ts';
import type { User } from './schemas.ts';

export const RoleGrantSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  roles: z.array(RoleSchema),
  activate: z.boolean(),
  requestedBy: z.uuid(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  status: z.enum(roleGrantStatuses),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

export const RoleGrantIdSchema = z.uuid('the role grant id is not a valid id');

type Row = {
  id: string;
  user_id: string;
  username: string;
  roles: string[];
  activate: boolean;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  status: RoleGrant['status'];
  decided_by: string | null;
  decided_at: Date | null;
};
const toGrant = (r: Row): RoleGrant => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  roles: r.roles as RoleGrant['roles'],
  activate: r.activate,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
});
const select = `SELECT g.id, g.user_id, u.username, g.roles, g.activate, g.requested_by, r.display_name AS requested_by_name, g.requested_at, g.status, g.decided_by, g.decided_at
  FROM role_grants g JOIN users u ON u.id = g.user_id JOIN users r ON r.id = g.requested_by`;

export async function pendingGrants(q: Queryable): Promise<RoleGrant[]> {
  const r = await q.query<Row>(`${select} WHERE g.status = 'pending' ORDER BY g.requested_at`);
  return r.rows.map(toGrant);
}

async function grantForUpdate(q: Queryable, id: string): Promise<RoleGrant> {
  const r = await q.query<Row>(`${select} WHERE g.id = $1 FOR UPDATE OF g`, [id]);
  if (!r.rows[0]) throw notFound(`role grant ${id} not found`);
  return toGrant(r.rows[0]);
}

/** Asks for `roles` (and, with `activate`, an open account) for a user; a request still open for them is withdrawn. Call inside the admin lock. */
export async function requestGrant(q: Queryable, user: User, change: { roles: User['roles']; activate: boolean }, by: string): Promise<RoleGrant> {
  await withdrawPending(q, user.id, by);
  const inserted = await q.query<{ id: string }>(`INSERT INTO role_grants (user_id, roles, activate, requested_by) VALUES ($1,$2,$3,$4) RETURNING id`, [
    user.id,
    change.roles,
    change.activate,
    by,
  ]);
  const grant = await grantForUpdate(q, inserted.rows[0]!.id);
  await audit(q, {
    actor: by,
    action: 'user.roles-requested',
    entity: 'user',
    entityId: user.id,
    before: { roles: user.roles, active: user.active },
    after: { roles: change.roles, active: change.activate || user.active },
    details: { grantId: grant.id },
  });
  return grant;
}

/** A request the account's own change overtook (it was closed, or asked for again) no longer stands. */
export async function withdrawPending(q: Queryable, userId: string, by: string): Promise<void> {
  const r = await q.query<{ id: string }>(`UPDATE role_grants SET status = 'withdrawn', decided_by = $2, decided_at = now() WHERE user_id = $1 AND status = 'pending' RETURNING id`, [userId, by]);
  for (const row of r.rows) await audit(q, { actor: by, action: 'user.roles-withdrawn', entity: 'user', entityId: userId, details: { grantId: row.id } });
}

async function decide(pool: Db, id: string, by: string, decision: 'confirmed' | 'rejected'): Promise<{ grant: RoleGrant; user: User }> {
  return await inTransaction(pool, async (q) => {
    await lockUserAdmin(q);
    const grant = await grantForUpdate(q, id);
    if (grant.status !== 'pending') throw conflict(`the roles asked for ${grant.username} were ${grant.status} already`);
    if (decision === 'confirmed') refuse(grantConfirmRefusal(grant, by));
    const before = await getUser(q, grant.userId);
    if (!before) throw notFound(`user ${grant.userId} not found`);
    const status = decision === 'rejected' && by === grant.requestedBy ? 'withdrawn' : decision;
    await q.query(`UPDATE role_grants SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, status, by]);
    const user =
      decision === 'confirmed'
        ? (await updateUserRow(q, grant.userId, { passwordHash: null, roles: grant.roles, ...(grant.activate ? { active: true } : {}) }))!
        : before;
    await audit(q, {
      actor: by,
      action: decision === 'confirmed' ? 'user.roles-confirmed' : 'user.roles-rejected',
      entity: 'user',
      entityId: grant.userId,
      before: { roles: before.roles, active: before.active },
      after: { roles: user.roles, active: user.active },
      details: { grantId: id, requestedBy: grant.requestedBy },
    });
    return { grant: await grantForUpdate(q, id), user };
  });
}

export const confirmGrant = (pool: Db, id: string, by: string) => decide(pool, id, by, 'confirmed');
export const rejectGrant = (pool: Db, id: string, by: string) => decide(pool, id, by, 'rejected');
