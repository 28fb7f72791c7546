// Staff users: who may sign in and with which roles. Passwords are hashed with argon2id here;
// the SQL is in repository.ts.
import { hash, verify } from 'argon2';
import type { Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { deleteSessionsOf, insertUser, updateUserRow, userWithPasswordHash } from './repository.ts';
import type { NewUser, User, UserUpdate } from './schemas.ts';

// The users CLI (runtime/users-cli.ts) and tests take these from here.
export { listUsers } from './repository.ts';
export { NewUserSchema, UserUpdateSchema, type User } from './schemas.ts';

export async function createUser(q: Queryable, input: NewUser): Promise<User> {
  const passwordHash = await hash(input.password);
  try {
    return await insertUser(q, { username: input.username, displayName: input.displayName, phone: input.phone ?? null, passwordHash, roles: input.roles });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict(`username "${input.username}" is taken`);
    throw err;
  }
}

/** Changes a user; deactivating or a new password ends the user's sessions. */
export async function updateUser(q: Queryable, id: string, input: UserUpdate): Promise<User> {
  const passwordHash = input.password ? await hash(input.password) : null;
  const user = await updateUserRow(q, id, { displayName: input.displayName, phone: input.phone, passwordHash, roles: input.roles, active: input.active });
  if (!user) throw notFound(`user ${id} not found`);
  if (input.active === false || input.password) await deleteSessionsOf(q, id);
  return user;
}

/** The user for a username and password, or undefined; the same work is done either way. */
export async function checkPassword(q: Queryable, username: string, password: string): Promise<User | undefined> {
  const found = await userWithPasswordHash(q, username.trim().toLowerCase());
  // Verify against a throwaway hash when the user is unknown, so timing does not tell.
  const ok = await verify(found?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!found || !ok || !found.user.active) return undefined;
  return found.user;
}

const dummyHash = hash('a password nobody has');
