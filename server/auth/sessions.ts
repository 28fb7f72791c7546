// Sessions: a random token in an HttpOnly, SameSite cookie (or a Bearer header for scripts);
// the database keeps only its SHA-256. Signing in and out are audited, refused sign-ins too.
import { createHash, randomBytes } from 'node:crypto';
import { audit } from '../audit/repository.ts';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { deleteSession, insertSession, userForTokenHash } from './repository.ts';
import type { User } from './schemas.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import { spendCode } from './second-factor.ts';
import { checkPassword } from './users.ts';

export const SESSION_COOKIE = 'arrears_session';
const SESSION_HOURS = 12;
/** A session unused this long ends (ASVS 7.3.1), whatever its absolute end. */
export const SESSION_IDLE_MINUTES = 30;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(q: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await insertSession(q, digest(token), userId, expiresAt);
  return { token, expiresAt };
}

export async function userForToken(q: Queryable, token: string): Promise<User | undefined> {
  return await userForTokenHash(q, digest(token), SESSION_IDLE_MINUTES);
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await deleteSession(q, digest(token));
}

/**
 * Checks the password (and the authenticator code, for an account with a second factor) and
 * starts a session. A wrong one is a 401, counted against the account
 * and the address (sign-in-limits.ts) and kept in the audit log against the account when the
 * name is one; a name that is no account is not recorded (it may be a password typed in the
 * wrong field).
 */
export async function signIn(
  q: Queryable,
  limits: SignInLimits,
  input: { username: string; password: string; code?: string | undefined },
  address: string,
): Promise<{ user: User; token: string; expiresAt: Date }> {
  await limits.check(input.username, address);
  const { user, accountId } = await checkPassword(q, input.username, input.password);
  const refuse = async (message: string, details?: unknown) => {
    await audit(q, { actor: 'anonymous', action: 'auth.sign-in-refused', entity: 'user', ...(accountId ? { entityId: accountId } : {}) });
    await limits.failed(input.username, address);
    throw new AppError('unauthenticated', message, details);
  };
  if (!user) return await refuse('the username or password is wrong', { reason: 'credentials' });
  // The password was right: the code is asked for (not counted as a failure), then checked.
  if (user.secondFactor && input.code === undefined) throw new AppError('unauthenticated', 'enter the 6-digit code from your authenticator app', { secondFactor: 'totp' });
  if (user.secondFactor && !(await spendCode(q, user.id, input.code!))) return await refuse('the code is wrong or was used already; wait for the next one', { secondFactor: 'totp', reason: 'code' });
  await limits.succeeded(input.username);
  const session = await createSession(q, user.id);
  await audit(q, { actor: user.id, action: 'auth.sign-in', entity: 'user', entityId: user.id });
  return { user, ...session };
}

/** Ends every session of the user but this one (after a change of password). */
export async function endOtherSessions(q: Queryable, userId: string, keep: string): Promise<void> {
  await q.query(`DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, [userId, digest(keep)]);
}

/** Ends the session of a token, if it is one. */
export async function signOut(q: Queryable, token: string): Promise<void> {
  const user = await userForToken(q, token);
  await endSession(q, token);
  if (user) await audit(q, { actor: user.id, action: 'auth.sign-out', entity: 'user', entityId: user.id });
}
