// Authority over others is given by two admins. An admin who could give roles alone could make
// a second account a payment approver and approve their own payments, so a role given to an
// account, a new account and an account opened again wait for a second admin: neither the one
// who asked nor the account's holder. Taking roles away, or closing an account, applies at once
// (it can only lower what someone may do). Written once here for the server and the users page.
import type { Refusal } from './access.ts';
import type { Role } from './catalog.ts';

export const roleGrantStatuses = ['pending', 'confirmed', 'rejected', 'withdrawn'] as const;
export type RoleGrantStatus = (typeof roleGrantStatuses)[number];

/** Whether a change of an account gives authority it did not have: a role added, or the account (re)opened. */
export function givesAuthority(before: { roles: readonly Role[]; active: boolean }, after: { roles?: readonly Role[]; active?: boolean }): boolean {
  const added = (after.roles ?? before.roles).some((r) => !before.roles.includes(r));
  const opened = after.active === true && !before.active;
  return added || opened;
}

/** An admin does not change their own roles, not even to add one: another admin does. */
export function ownRolesRefusal(userId: string, actorId: string, change: { roles?: readonly Role[] }, current: readonly Role[]): Refusal | null {
  if (userId !== actorId || !change.roles) return null;
  const same = change.roles.length === current.length && change.roles.every((r) => current.includes(r));
  if (same) return null;
  return { code: 'conflict', rule: 'four-eyes', message: 'four-eyes rule: you cannot change your own roles; ask another admin', details: {} };
}

/** Who may confirm a grant: an admin who neither asked for it nor receives it. */
export function grantConfirmRefusal(grant: { userId: string; requestedBy: string; username: string }, actorId: string): Refusal | null {
  if (grant.requestedBy === actorId) {
    return { code: 'forbidden', rule: 'four-eyes', message: `four-eyes rule: you asked for the roles of ${grant.username}; a second admin confirms them`, details: {} };
  }
  if (grant.userId === actorId) {
    return { code: 'forbidden', rule: 'four-eyes', message: 'four-eyes rule: nobody confirms roles for their own account', details: {} };
  }
  return null;
}
