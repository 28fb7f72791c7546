// A staff account made the way a corporation makes one: admin asks, a second admin (lotte)
// confirms the roles (definition/role-grants.ts), and the account opens.
import { expect } from 'vitest';
import type { Harness } from './harness.ts';

export async function createStaff(h: Harness, input: { username: string; displayName: string; password: string; roles: string[]; phone?: string }): Promise<{ id: string; username: string }> {
  const created = await (await h.as('admin')).post('/api/users', input);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const confirmed = await (await h.as('lotte')).post(`/api/role-grants/${created.body.grant.id}/confirm`);
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { id: created.body.user.id, username: input.username };
}
