// First-start content: the shipped templates and definitions, and with SEED_DEMO (the
// default outside production) demo staff and tenants. Seeding never overwrites.
import type { Role } from '../../definition/catalog.ts';
import { kwijtschelding } from '../../definition/shipped/kwijtschelding.ts';
import { standardLadder } from '../../definition/shipped/standard-ladder.ts';
import { preventionProcess } from '../../definition/shipped/prevention.ts';
import { shippedTemplates } from '../../definition/shipped/templates.ts';
import { anyUserExists, listUsers } from '../auth/repository.ts';
import { checkPassword, createUser } from '../auth/users.ts';
import { latestVersion } from '../definitions/repository.ts';
import { publish } from '../definitions/service.ts';
import { insertTemplateIfAbsent } from '../templates/repository.ts';
import type { Db } from './pool.ts';

export const DEMO_PASSWORD = 'demo-wachtwoord';

export const demoUsers: Array<{ username: string; displayName: string; roles: Role[]; phone?: string }> = [
  { username: 'eva', displayName: 'Eva de Boer', roles: ['policy-owner'] },
  { username: 'sanne', displayName: 'Sanne Jansen', roles: ['caseworker'], phone: '010 123 45 01' },
  { username: 'tom', displayName: 'Tom Bakker', roles: ['caseworker'], phone: '010 123 45 02' },
  { username: 'mark', displayName: 'Mark Visser', roles: ['team-lead'], phone: '010 123 45 03' },
  { username: 'priya', displayName: 'Priya Ramdin', roles: ['controller'] },
  { username: 'johan', displayName: 'Johan Smit', roles: ['collection-manager'] },
  { username: 'fleur', displayName: 'Fleur Hendriks', roles: ['finance'] },
  { username: 'omar', displayName: 'Omar El Amrani', roles: ['ops'] },
  { username: 'admin', displayName: 'Beheerder', roles: ['admin'] },
  // A second admin: roles given by one admin apply once another confirms them (definition/role-grants.ts).
  { username: 'lotte', displayName: 'Lotte Vermeulen', roles: ['admin'] },
];

export async function seedShipped(pool: Db): Promise<void> {
  for (const t of shippedTemplates) await insertTemplateIfAbsent(pool, t);
  for (const def of [standardLadder, kwijtschelding, preventionProcess]) {
    if (!(await latestVersion(pool, def.id))) await publish(pool, def, 'system', 'Meegeleverd met het product');
  }
}

export async function seedDemo(pool: Db): Promise<boolean> {
  if (await anyUserExists(pool)) return false;
  for (const u of demoUsers) await createUser(pool, { ...u, password: DEMO_PASSWORD });
  return true;
}

/**
 * The active users who still sign in with the demo password (a database that served the demo,
 * or a password copied from the README). Production refuses to start while there are any.
 */
export async function usersWithDemoPassword(pool: Db): Promise<string[]> {
  const found: string[] = [];
  for (const u of await listUsers(pool)) {
    if (!u.active) continue;
    const { user } = await checkPassword(pool, u.username, DEMO_PASSWORD);
    if (user) found.push(u.username);
  }
  return found;
}
