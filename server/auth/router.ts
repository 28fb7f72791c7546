import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { audit } from '../audit/log.ts';
import { staffRoles } from '../../definition/access.ts';
import { requireRole, sessionToken, signedIn } from './middleware.ts';
import { createSession, endSession, SESSION_COOKIE, userForToken } from './sessions.ts';
import { adminCreateUser, adminUpdateUser, staffDirectory } from './user-admin.ts';
import { checkPassword, listUsers, NewUserSchema, UserUpdateSchema } from './users.ts';

/** A change needs at least one field; an empty PATCH is a mistake, not a no-op. */
export const UserPatchSchema = UserUpdateSchema.refine((v) => Object.values(v).some((x) => x !== undefined), {
  error: 'send at least one of displayName, phone, password, roles, active',
});

export const LoginSchema = z.object({ username: z.string().min(1, 'username is required'), password: z.string().min(1, 'password is required') });

export function authRouter(pool: Db, secureCookies: boolean): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const input = parseInput(LoginSchema, req.body);
    const user = await checkPassword(pool, input.username, input.password);
    if (!user) {
      // Refused sign-ins are kept too: a run of them on one name is worth seeing.
      await audit(pool, { actor: 'anonymous', action: 'auth.sign-in-refused', entity: 'user', details: { username: input.username.trim().toLowerCase() } });
      throw new AppError('unauthenticated', 'the username or password is wrong');
    }
    const session = await createSession(pool, user.id);
    await audit(pool, { actor: user.id, action: 'auth.sign-in', entity: 'user', entityId: user.id });
    res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, expires: session.expiresAt, path: '/' });
    res.json({ user, token: session.token, expiresAt: session.expiresAt.toISOString() });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) {
      const user = await userForToken(pool, token);
      await endSession(pool, token);
      if (user) await audit(pool, { actor: user.id, action: 'auth.sign-out', entity: 'user', entityId: user.id });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireRole(), (req, res) => {
    res.json({ user: signedIn(req) });
  });

  router.get('/users', requireRole('admin'), async (_req, res) => {
    res.json({ users: await listUsers(pool) });
  });
  router.post('/users', requireRole('admin'), async (req, res) => {
    res.status(201).json({ user: await adminCreateUser(pool, parseInput(NewUserSchema, req.body), signedIn(req).id) });
  });
  router.patch('/users/:id', requireRole('admin'), async (req, res) => {
    const id = parseInput(z.uuid('the user id is not a valid id'), req.params.id, 'path.id');
    res.json({ user: await adminUpdateUser(pool, id, parseInput(UserPatchSchema, req.body), signedIn(req).id) });
  });
  // Names and roles only (no phone numbers): enough to show who did what and to pick an assignee.
  router.get('/staff', requireRole(...staffRoles), async (_req, res) => {
    res.json({ staff: await staffDirectory(pool) });
  });

  return router;
}
