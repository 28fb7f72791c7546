// Staff users: who may sign in and with which roles.
import { hash, verify } from 'argon2';
import { z } from 'zod';
import { RoleSchema } from '../../definition/schema.ts';
import type { Role } from '../../definition/catalog.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';

export type User = { id: string; username: string; displayName: string; phone: string | null; roles: Role[]; active: boolean };

export const NewUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a username is 2 to 40 lowercase letters, digits, dots, dashes'),
  displayName: z.string().trim().min(1, 'displayName is required').max(120),
  phone: z.string().trim().max(40).optional(),
  password: z.string().min(10, 'a password has at least 10 characters').max(200),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role'),
});
export const UserUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  password: z.string().min(10, 'a password has at least 10 characters').max(200).optional(),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role').optional(),
  active: z.boolean().optional(),
});

type Row = { id: string; username: string; display_name: string; phone: string | null; roles: string[]; active: boolean };
const toUser = (r: Row): User => ({ id: r.id, username: r.username, displayName: r.display_name, phone: r.phone, roles: r.roles as Role[], active: r.active });

export async function createUser(q: Queryable, input: z.output<typeof NewUserSchema>): Promise<User> {
  const passwordHash = await hash(input.password);
  try {
    const result = await q.query<Row>(
      `INSERT INTO users (username, display_name, phone, password_hash, roles) VALUES ($1,$2,$3,$4,$5) RETURNING id, username, display_name, phone, roles, active`,
      [input.username, input.displayName, input.phone ?? null, passwordHash, input.roles],
    );
    return toUser(result.rows[0]!);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict(`username "${input.username}" is taken`);
    throw err;
  }
}

export async function updateUser(q: Queryable, id: string, input: z.output<typeof UserUpdateSchema>): Promise<User> {
  const passwordHash = input.password ? await hash(input.password) : null;
  const result = await q.query<Row>(
    `UPDATE users SET display_name = COALESCE($2, display_name), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END,
       password_hash = COALESCE($5, password_hash), roles = COALESCE($6, roles), active = COALESCE($7, active), updated_at = now()
     WHERE id = $1 RETURNING id, username, display_name, phone, roles, active`,
    [id, input.displayName ?? null, input.phone !== undefined, input.phone ?? null, passwordHash, input.roles ?? null, input.active ?? null],
  );
  if (!result.rows[0]) throw notFound(`user ${id} not found`);
  if (input.active === false || input.password) await q.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
  return toUser(result.rows[0]);
}

export async function listUsers(q: Queryable): Promise<User[]> {
  const result = await q.query<Row>(`SELECT id, username, display_name, phone, roles, active FROM users ORDER BY username`);
  return result.rows.map(toUser);
}

export async function getUser(q: Queryable, id: string): Promise<User | undefined> {
  const result = await q.query<Row>(`SELECT id, username, display_name, phone, roles, active FROM users WHERE id = $1`, [id]);
  return result.rows[0] ? toUser(result.rows[0]) : undefined;
}

/** The user for a username and password, or undefined; the same work is done either way. */
export async function checkPassword(q: Queryable, username: string, password: string): Promise<User | undefined> {
  const result = await q.query<Row & { password_hash: string }>(
    `SELECT id, username, display_name, phone, roles, active, password_hash FROM users WHERE username = $1`,
    [username.trim().toLowerCase()],
  );
  const row = result.rows[0];
  // Verify against a throwaway hash when the user is unknown, so timing does not tell.
  const ok = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!row || !ok || !row.active) return undefined;
  return toUser(row);
}

const dummyHash = hash('a password nobody has');
