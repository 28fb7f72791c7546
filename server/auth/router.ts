// HTTP for signing in and out, and for user administration (admins) and the staff directory.
import { Router } from 'express';
import type { Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { staffRoles } from '../../definition/access.ts';
import { requireRole, sessionToken, signedIn } from './middleware.ts';
import { listUsers, staffDirectory } from './repository.ts';
import { LoginSchema, NewUserSchema, UserIdSchema, UserPatchSchema } from './schemas.ts';
import { SESSION_COOKIE, signIn, signOut } from './sessions.ts';
import { adminCreateUser, adminUpdateUser } from './user-admin.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function authRouter(pool: Db, secureCookies: boolean): Router {
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const input = parseInput(LoginSchema, req.body);
    const { user, token, expiresAt } = await signIn(pool, input);
    // The token travels in the HttpOnly cookie only, never in a body a script could read.
    // Secure everywhere but on plain-http localhost in development (browsers accept it there).
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies || !LOOPBACK.has(req.hostname), expires: expiresAt, path: '/' });
    res.json({ user, expiresAt: expiresAt.toISOString() });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) await signOut(pool, token);
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
    const id = parseInput(UserIdSchema, req.params.id, 'path.id');
    res.json({ user: await adminUpdateUser(pool, id, parseInput(UserPatchSchema, req.body), signedIn(req).id) });
  });
  // Names and roles only (no phone numbers): enough to show who did what and to pick an assignee.
  router.get('/staff', requireRole(...staffRoles), async (_req, res) => {
    res.json({ staff: await staffDirectory(pool) });
  });

  return router;
}
