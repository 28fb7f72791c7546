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

/**
 * The user for a username and password, or undefined; and the id of the account the username
 * names, if any, whatever the password (a refused sign-in is recorded against it). The same
 * work is done either way, so timing does not tell whether an account exists.
 */
export async function checkPassword(q: Queryable, username: string, password: string): Promise<{ user: User | undefined; accountId: string | undefined }> {
  const found = await userWithPasswordHash(q, username.trim().toLowerCase());
  const ok = await verify(found?.passwordHash ?? (await dummyHash), password).catch(() => false);
  return { user: found && ok && found.user.active ? found.user : undefined, accountId: found?.user.id };
}

/** A user's own change of password: the current one is checked, the new one must be strong. */
export async function changeOwnPassword(q: Queryable, user: User, current: string, next: string): Promise<boolean> {
  const { user: checked } = await checkPassword(q, user.username, current);
  if (!checked || checked.id !== user.id) return false;
  await updateUserRow(q, user.id, { passwordHash: await hash(next) });
  return true;
}

const dummyHash = hash('a password nobody has');
