// User administration on top of users.ts: every change audited with before and after, and
// the changes that would lock the organisation out refused (an admin removing their own
// admin role or deactivating themselves, or the last active admin losing either).
import type { z } from 'zod';
import { audit } from '../audit/log.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { createUser, getUser, updateUser, type NewUserSchema, type User, type UserUpdateSchema } from './users.ts';

/** What the audit keeps of a user: never the password or its hash. */
const snapshot = (u: User) => ({ username: u.username, displayName: u.displayName, phone: u.phone, roles: u.roles, active: u.active });

export async function adminCreateUser(pool: Db, input: z.output<typeof NewUserSchema>, by: string): Promise<User> {
  return await inTransaction(pool, async (q) => {
    const user = await createUser(q, input);
    await audit(q, { actor: by, action: 'user.create', entity: 'user', entityId: user.id, after: snapshot(user) });
    return user;
  });
}

async function activeAdminsOtherThan(q: Queryable, id: string): Promise<number> {
  const r = await q.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE active AND 'admin' = ANY(roles) AND id <> $1`, [id]);
  return Number(r.rows[0]!.n);
}

export async function adminUpdateUser(pool: Db, id: string, input: z.output<typeof UserUpdateSchema>, by: string): Promise<User> {
  return await inTransaction(pool, async (q) => {
    // Serialises admin changes, so two admins cannot each demote the other at once.
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('user-admin'))`);
    const before = await getUser(q, id);
    if (!before) throw notFound(`user ${id} not found`);
    const staysAdmin = (input.active ?? before.active) && (input.roles ?? before.roles).includes('admin');
    if (before.active && before.roles.includes('admin') && !staysAdmin) {
      if (id === by) throw conflict('you cannot remove your own admin role or deactivate yourself; ask another admin');
      if ((await activeAdminsOtherThan(q, id)) === 0) throw conflict(`${before.username} is the last active admin; make someone else admin first`);
    }
    const after = await updateUser(q, id, input);
    await audit(q, {
      actor: by,
      action: input.active === false && before.active ? 'user.deactivate' : input.active === true && !before.active ? 'user.activate' : 'user.update',
      entity: 'user',
      entityId: id,
      before: snapshot(before),
      after: { ...snapshot(after), ...(input.password ? { passwordReset: true } : {}) },
    });
    return after;
  });
}

/** Names and roles of staff, for showing who did what and for choosing an assignee. */
export async function staffDirectory(q: Queryable): Promise<Array<Pick<User, 'id' | 'username' | 'displayName' | 'roles' | 'active'>>> {
  const r = await q.query<{ id: string; username: string; display_name: string; roles: User['roles']; active: boolean }>(
    `SELECT id, username, display_name, roles, active FROM users ORDER BY display_name`,
  );
  return r.rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, active: u.active }));
}
