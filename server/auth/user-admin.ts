// User administration on top of users.ts: every change audited with before and after, and
// the changes that would lock the organisation out refused (an admin removing their own
// admin role or deactivating themselves, or the last active admin losing either).
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { activeAdminsOtherThan, getUser, lockUserAdmin } from './repository.ts';
import type { NewUser, User, UserUpdate } from './schemas.ts';
import { createUser, updateUser } from './users.ts';

/** What the audit keeps of a user: never the password or its hash. */
const snapshot = (u: User) => ({ username: u.username, displayName: u.displayName, phone: u.phone, roles: u.roles, active: u.active });

export async function adminCreateUser(pool: Db, input: NewUser, by: string): Promise<User> {
  return await inTransaction(pool, async (q) => {
    const user = await createUser(q, input);
    await audit(q, { actor: by, action: 'user.create', entity: 'user', entityId: user.id, after: snapshot(user) });
    return user;
  });
}

export async function adminUpdateUser(pool: Db, id: string, input: UserUpdate, by: string): Promise<User> {
  return await inTransaction(pool, async (q) => {
    // Serialises admin changes, so two admins cannot each demote the other at once.
    await lockUserAdmin(q);
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
