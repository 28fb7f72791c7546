// Which queues a person sees. Tasks go to roles, not to people; "my team's queue" is every
// open task of the roles one works in. A team lead also sees the caseworkers' queue (to
// reassign and to step in), the collection manager every staff queue.
import type { Role } from '../../definition/catalog.ts';

/** Roles that get tasks: the inbox is theirs. */
export const taskRoles: Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager'];

/** Who may reassign tasks and complete a task someone else claimed. */
export const supervisorRoles: Role[] = ['team-lead'];

const oversees: Partial<Record<Role, Role[]>> = {
  'team-lead': ['caseworker'],
  'collection-manager': ['caseworker', 'team-lead', 'controller'],
};

export function teamRoles(roles: readonly Role[]): Role[] {
  const out = new Set<Role>();
  for (const r of roles) {
    if (taskRoles.includes(r)) out.add(r);
    for (const o of oversees[r] ?? []) out.add(o);
  }
  return [...out];
}

export const isSupervisor = (roles: readonly Role[]) => roles.some((r) => supervisorRoles.includes(r));
