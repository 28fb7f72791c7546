// SQL for staff users and their sessions. Sessions are stored by the SHA-256 of their token
// (sessions.ts computes it); password hashes never leave this module except to be verified.
import type { Role } from '../../definition/catalog.ts';
import type { Queryable } from '../db/pool.ts';
import type { StaffMember, User } from './schemas.ts';

type Row = { id: string; username: string; display_name: string; phone: string | null; roles: string[]; active: boolean; second_factor: boolean };
const toUser = (r: Row): User => ({ id: r.id, username: r.username, displayName: r.display_name, phone: r.phone, roles: r.roles as Role[], active: r.active, secondFactor: r.second_factor });
const columns = `id, username, display_name, phone, roles, active, totp_secret IS NOT NULL AS second_factor`;

/** Inserts a user; a taken username fails with PostgreSQL's unique violation (23505). */
export async function insertUser(q: Queryable, u: { username: string; displayName: string; phone: string | null; passwordHash: string; roles: Role[] }): Promise<User> {
  const result = await q.query<Row>(
    `INSERT INTO users (username, display_name, phone, password_hash, roles) VALUES ($1,$2,$3,$4,$5) RETURNING ${columns}`,
    [u.username, u.displayName, u.phone, u.passwordHash, u.roles],
  );
  return toUser(result.rows[0]!);
}

/** Changes the fields given (undefined leaves a field; phone null clears it); undefined when there is no such user. */
export async function updateUserRow(
  q: Queryable,
  id: string,
  u: { displayName?: string; phone?: string | null; passwordHash: string | null; roles?: Role[]; active?: boolean },
): Promise<User | undefined> {
  const result = await q.query<Row>(
    `UPDATE users SET display_name = COALESCE($2, display_name), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END,
       password_hash = COALESCE($5, password_hash), roles = COALESCE($6, roles), active = COALESCE($7, active), updated_at = now()
     WHERE id = $1 RETURNING ${columns}`,
    [id, u.displayName ?? null, u.phone !== undefined, u.phone ?? null, u.passwordHash, u.roles ?? null, u.active ?? null],
  );
  return result.rows[0] ? toUser(result.rows[0]) : undefined;
}

export async function listUsers(q: Queryable): Promise<User[]> {
  const result = await q.query<Row>(`SELECT ${columns} FROM users ORDER BY username`);
  return result.rows.map(toUser);
}

export async function getUser(q: Queryable, id: string): Promise<User | undefined> {
  const result = await q.query<Row>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
  return result.rows[0] ? toUser(result.rows[0]) : undefined;
}

/** The user with a username, and the hash to verify a password against. */
export async function userWithPasswordHash(q: Queryable, username: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const result = await q.query<Row & { password_hash: string }>(`SELECT ${columns}, password_hash FROM users WHERE username = $1`, [username]);
  const row = result.rows[0];
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function anyUserExists(q: Queryable): Promise<boolean> {
  const existing = await q.query(`SELECT 1 FROM users LIMIT 1`);
  return (existing.rowCount ?? 0) > 0;
}

export async function activeAdminsOtherThan(q: Queryable, id: string): Promise<number> {
  const r = await q.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE active AND 'admin' = ANY(roles) AND id <> $1`, [id]);
  return Number(r.rows[0]!.n);
}

/** Serialises user administration until the transaction ends. */
export async function lockUserAdmin(q: Queryable): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('user-admin'))`);
}

/** Names and roles of staff, for showing who did what and for choosing an assignee. */
export async function staffDirectory(q: Queryable): Promise<StaffMember[]> {
  const r = await q.query<{ id: string; username: string; display_name: string; roles: User['roles']; active: boolean }>(
    `SELECT id, username, display_name, roles, active FROM users ORDER BY display_name`,
  );
  return r.rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, active: u.active }));
}

// --- Sessions --------------------------------------------------------------------------------

export async function insertSession(q: Queryable, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await q.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, userId, expiresAt]);
}

/**
 * The active user of a session that has neither expired nor been idle for `idleMinutes`; the
 * request counts as activity (written at most once a minute, not on every request).
 */
export async function userForTokenHash(q: Queryable, tokenHash: string, idleMinutes: number): Promise<User | undefined> {
  const result = await q.query<Row & { stale: boolean }>(
    `SELECT u.id, u.username, u.display_name, u.phone, u.roles, u.active, u.totp_secret IS NOT NULL AS second_factor, s.last_seen_at < now() - interval '1 minute' AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
    [tokenHash, idleMinutes],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  if (row.stale) await q.query(`UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
  return toUser(row);
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
}

export async function deleteSessionsOf(q: Queryable, userId: string): Promise<void> {
  await q.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
}
