// Sessions: a random token in an HttpOnly, SameSite cookie (or a Bearer header for scripts);
// the database keeps only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/pool.ts';
import type { Role } from '../../definition/catalog.ts';
import type { User } from './users.ts';

export const SESSION_COOKIE = 'arrears_session';
const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(q: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await q.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [digest(token), userId, expiresAt]);
  return { token, expiresAt };
}

export async function userForToken(q: Queryable, token: string): Promise<User | undefined> {
  const result = await q.query<{ id: string; username: string; display_name: string; phone: string | null; roles: Role[]; active: boolean }>(
    `SELECT u.id, u.username, u.display_name, u.phone, u.roles, u.active FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [digest(token)],
  );
  const r = result.rows[0];
  return r ? { id: r.id, username: r.username, displayName: r.display_name, phone: r.phone, roles: r.roles, active: r.active } : undefined;
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await q.query(`DELETE FROM sessions WHERE token_hash = $1`, [digest(token)]);
}
