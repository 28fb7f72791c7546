// User administration on top of users.ts: every change audited with before and after; the
// changes that would lock the organisation out refused (an admin deactivating themselves, the
// last active admin losing the role); and, on the four-eyes rule (definition/role-grants.ts),
// authority given only once a second admin confirms it (role-grants.ts).
import { givesAuthority, ownRolesRefusal } from '../../definition/role-grants.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, notFound, refuse } from '../errors.ts';
import { activeAdminsOtherThan, getUser, lockUserAdmin, updateUserRow } from './repository.ts';
import { requestGrant, withdrawPending, type RoleGrant } from './role-grants.ts';
import type { NewUser, User, UserUpdate } from './schemas.ts';
import { createUser, updateUser } from './users.ts';

/** What the audit keeps of a user: never the password or its hash. */
const snapshot = (u: User) => ({ username: u.username, displayName: u.displayName, phone: u.phone, roles: u.roles, active: u.active });

/**
 * Who changes an account: an admin signed in to the app (four eyes apply), or the operator at a
 * shell of the installation (`npm run users`), who holds the database and the server already:
 * the root of trust, whose changes apply at once, audited as `cli:<login>`.
 */
export type AccountAdmin = { admin: string } | { operator: string };
const actorOf = (by: AccountAdmin) => ('admin' in by ? by.admin : by.operator);

/** A new account; made by an admin it starts closed and opens with its roles once a second admin confirms them. */
export async function adminCreateUser(pool: Db, input: NewUser, by: AccountAdmin): Promise<{ user: User; grant?: RoleGrant }> {
  return await inTransaction(pool, async (q) => {
    await lockUserAdmin(q);
    const created = await createUser(q, input);
    const user = 'admin' in by ? (await updateUserRow(q, created.id, { passwordHash: null, active: false }))! : created;
    await audit(q, { actor: actorOf(by), action: 'user.create', entity: 'user', entityId: user.id, after: snapshot(user) });
    if (!('admin' in by)) return { user };
    return { user, grant: await requestGrant(q, user, { roles: input.roles, activate: true }, by.admin) };
  });
}

/** Applies what lowers or keeps authority at once; roles added or an account opened become a grant to confirm. */
export async function adminUpdateUser(pool: Db, id: string, input: UserUpdate, admin: AccountAdmin): Promise<{ user: User; grant?: RoleGrant }> {
  const by = actorOf(admin);
  return await inTransaction(pool, async (q) => {
    // Serialises admin changes, so two admins cannot each demote the other at once.
    await lockUserAdmin(q);
    const before = await getUser(q, id);
    if (!before) throw notFound(`user ${id} not found`);
    refuse(ownRolesRefusal(id, by, input, before.roles));
    const grantAsked = 'admin' in admin && givesAuthority(before, input);
    const now: UserUpdate = grantAsked ? { ...input, roles: undefined, active: undefined } : input;
    const staysAdmin = (now.active ?? before.active) && (now.roles ?? before.roles).includes('admin');
    if (before.active && before.roles.includes('admin') && !staysAdmin) {
      if (id === by) throw conflict('you cannot deactivate yourself; ask another admin');
      if ((await activeAdminsOtherThan(q, id)) === 0) throw conflict(`${before.username} is the last active admin; make someone else admin first`);
    }
    const changesNow = Object.values(now).some((v) => v !== undefined);
    const after = changesNow ? await updateUser(q, id, now) : before;
    if (now.active === false && 'admin' in admin) await withdrawPending(q, id, by);
    if (changesNow) {
      await audit(q, {
        actor: by,
        action: now.active === false && before.active ? 'user.deactivate' : now.active === true && !before.active ? 'user.activate' : 'user.update',
        entity: 'user',
        entityId: id,
        before: snapshot(before),
        after: { ...snapshot(after), ...(now.password ? { passwordReset: true } : {}) },
      });
    }
    if (!grantAsked) return { user: after };
    return { user: after, grant: await requestGrant(q, after, { roles: input.roles ?? after.roles, activate: input.active === true && !before.active }, by) };
  });
}
