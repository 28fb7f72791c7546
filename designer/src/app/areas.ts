// The areas of the web app and the roles that see them: the top navigation and the route
// guards both read this list, so a role never sees a link it would be refused behind.
import { adminRoles, analyticsReaders, caseReaders, opsRoles, policyOwners, staffRoles, taskRoles } from '../../../definition/access.ts';
import type { Role } from '../../../definition/catalog.ts';

export type Area = {
  id: 'designer' | 'inbox' | 'cases' | 'ops' | 'analytics' | 'admin' | 'api';
  path: string;
  /** i18n key in the "common" namespace. */
  label: string;
  roles: readonly Role[];
};

export const areas: Area[] = [
  { id: 'designer', path: '/designer', label: 'nav.designer', roles: policyOwners },
  { id: 'inbox', path: '/inbox', label: 'nav.inbox', roles: taskRoles },
  { id: 'cases', path: '/cases', label: 'nav.cases', roles: caseReaders },
  { id: 'ops', path: '/ops', label: 'nav.ops', roles: opsRoles },
  { id: 'analytics', path: '/analytics', label: 'nav.analytics', roles: analyticsReaders },
  { id: 'admin', path: '/admin', label: 'nav.admin', roles: adminRoles },
  // Last: the reference is for everyone, never anyone's home page.
  { id: 'api', path: '/api-docs', label: 'nav.api', roles: staffRoles },
];

export function areasFor(roles: readonly Role[]): Area[] {
  return areas.filter((a) => a.roles.some((r) => roles.includes(r)));
}

/**
 * Where a user lands: the work of their roles first (the inbox for those who get tasks), then
 * Monitoring for ops, before the case list that every case reader also has.
 */
const landingOrder: Array<Area['id']> = ['designer', 'inbox', 'ops', 'cases', 'analytics', 'admin', 'api'];
export function homeFor(roles: readonly Role[]): Area | undefined {
  const mine = areasFor(roles);
  return landingOrder.map((id) => mine.find((a) => a.id === id)).find((a) => a !== undefined);
}

export function area(id: Area['id']): Area {
  return areas.find((a) => a.id === id)!;
}
