// HTTP for signing in and out, and for user administration (admins) and the staff directory.
import { Router, type Request } from 'express';
import { audit } from '../audit/repository.ts';
import { conflict, invalidField, notFound } from '../errors.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { hasAnyRole, staffRoles } from '../../definition/access.ts';
import type { Role } from '../../definition/catalog.ts';
import { requireRole, sessionToken, signedIn } from './middleware.ts';
import { passwordWeakness } from './password-strength.ts';
import { deleteSessionsOf, getUser, listUsers, staffDirectory } from './repository.ts';
import { finishEnrolment, removeSecondFactor, startEnrolment } from './second-factor.ts';
import { ChangePasswordSchema, LoginSchema, NewUserSchema, SecondFactorCodeSchema, SecondFactorOffSchema, UserIdSchema, UserPatchSchema } from './schemas.ts';
import { endOtherSessions, SESSION_COOKIE, signIn, signOut } from './sessions.ts';
import { confirmGrant, pendingGrants, rejectGrant, RoleGrantIdSchema } from './role-grants.ts';
import { signInLimits } from './sign-in-limits.ts';
import { adminCreateUser, adminUpdateUser } from './user-admin.ts';
import { changeOwnPassword, checkPassword } from './users.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function authRouter(pool: Db, o: { secureCookies: boolean; secondFactorRoles: readonly Role[] }): Router {
  const { secureCookies, secondFactorRoles } = o;
  const router = Router();
  const limits = signInLimits(pool);
  // The caller's address as Express sees it (behind a proxy: TRUST_PROXY makes it the client's).
  const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  router.post('/auth/login', async (req, res) => {
    const input = parseInput(LoginSchema, req.body);
    const { user, token, expiresAt } = await signIn(pool, limits, input, addressOf(req));
    // The token travels in the HttpOnly cookie only, never in a body a script could read.
    // Secure everywhere but on plain-http localhost in development (browsers accept it there).
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies || !LOOPBACK.has(req.hostname), expires: expiresAt, path: '/' });
    res.json({ user, expiresAt: expiresAt.toISOString(), secondFactorRequired: !user.secondFactor && hasAnyRole(user.roles, secondFactorRoles) });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) await signOut(pool, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireRole(), (req, res) => {
    res.json({ user: signedIn(req), secondFactorRequired: req.secondFactorMissing === true });
  });

  // One's own second factor: a new secret for the app, confirmed by its first code (which ends
  // one's other sessions, as a new password does); turned off with the password.
  router.post('/auth/second-factor', requireRole(), async (req, res) => {
    res.json(await startEnrolment(pool, signedIn(req)));
  });
  router.post('/auth/second-factor/confirm', requireRole(), async (req, res) => {
    const { code } = parseInput(SecondFactorCodeSchema, req.body);
    const user = signedIn(req);
    await inTransaction(pool, (q) => finishEnrolment(q, user, code));
    await endOtherSessions(pool, user.id, sessionToken(req)!);
    res.status(204).end();
  });
  router.delete('/auth/second-factor', requireRole(), async (req, res) => {
    const { currentPassword } = parseInput(SecondFactorOffSchema, req.body);
    const user = signedIn(req);
    if (hasAnyRole(user.roles, secondFactorRoles)) throw conflict('your roles need a second factor; set up a new one instead (it replaces this one)');
    await limits.check(user.username, addressOf(req));
    if ((await checkPassword(pool, user.username, currentPassword)).user?.id !== user.id) {
      await limits.failed(user.username, addressOf(req));
      throw invalidField('body.currentPassword', 'the current password is wrong');
    }
    await removeSecondFactor(pool, user.id, user.id);
    res.status(204).end();
  });

  // One's own password: the current one checked (a wrong one counts as a failed sign-in), the
  // new one strong; every other session of the user ends.
  router.post('/auth/password', requireRole(), async (req, res) => {
    const input = parseInput(ChangePasswordSchema, req.body);
    const user = signedIn(req);
    const weak = passwordWeakness(input.newPassword, [user.username, user.displayName]);
    if (weak) throw invalidField('body.newPassword', weak);
    if (input.newPassword === input.currentPassword) throw invalidField('body.newPassword', 'the new password is the current one');
    await limits.check(user.username, addressOf(req));
    if (!(await changeOwnPassword(pool, user, input.currentPassword, input.newPassword))) {
      await limits.failed(user.username, addressOf(req));
      throw invalidField('body.currentPassword', 'the current password is wrong');
    }
    await endOtherSessions(pool, user.id, sessionToken(req)!);
    await audit(pool, { actor: user.id, action: 'auth.password-change', entity: 'user', entityId: user.id });
    res.status(204).end();
  });

  router.get('/users', requireRole('admin'), async (_req, res) => {
    const [users, grants] = await Promise.all([listUsers(pool), pendingGrants(pool)]);
    res.json({
      users: await Promise.all(users.map(async (u) => ({ ...u, locked: await limits.isLocked(u.username), pendingGrant: grants.find((g) => g.userId === u.id) ?? null }))),
    });
  });
  router.post('/users', requireRole('admin'), async (req, res) => {
    res.status(201).json(await adminCreateUser(pool, parseInput(NewUserSchema, req.body), { admin: signedIn(req).id }));
  });
  // 202 when the change gives authority: it waits for a second admin (role-grants.ts).
  router.patch('/users/:id', requireRole('admin'), async (req, res) => {
    const id = parseInput(UserIdSchema, req.params.id, 'path.id');
    const result = await adminUpdateUser(pool, id, parseInput(UserPatchSchema, req.body), { admin: signedIn(req).id });
    res.status(result.grant ? 202 : 200).json(result);
  });
  router.get('/role-grants', requireRole('admin'), async (_req, res) => {
    res.json({ grants: await pendingGrants(pool) });
  });
  router.post('/role-grants/:id/confirm', requireRole('admin'), async (req, res) => {
    res.json(await confirmGrant(pool, parseInput(RoleGrantIdSchema, req.params.id, 'path.id'), signedIn(req).id));
  });
  router.post('/role-grants/:id/reject', requireRole('admin'), async (req, res) => {
    res.json(await rejectGrant(pool, parseInput(RoleGrantIdSchema, req.params.id, 'path.id'), signedIn(req).id));
  });
  // An account locked by failed sign-ins, opened again at once.
  router.post('/users/:id/unlock', requireRole('admin'), async (req, res) => {
    const id = parseInput(UserIdSchema, req.params.id, 'path.id');
    const user = await getUser(pool, id);
    if (!user) throw notFound(`user ${id} not found`);
    const wasLocked = await limits.unlock(user.username);
    await audit(pool, { actor: signedIn(req).id, action: 'user.unlock', entity: 'user', entityId: id, details: { wasLocked } });
    res.json({ user, wasLocked });
  });
  // A lost phone: the admin removes the user's second factor; they set up a new one at their next sign-in.
  router.post('/users/:id/second-factor/reset', requireRole('admin'), async (req, res) => {
    const id = parseInput(UserIdSchema, req.params.id, 'path.id');
    if (!(await getUser(pool, id))) throw notFound(`user ${id} not found`);
    await inTransaction(pool, async (q) => {
      await removeSecondFactor(q, id, signedIn(req).id);
      await deleteSessionsOf(q, id);
    });
    res.json({ user: await getUser(pool, id) });
  });
  // Names and roles only (no phone numbers): enough to show who did what and to pick an assignee.
  router.get('/staff', requireRole(...staffRoles), async (_req, res) => {
    res.json({ staff: await staffDirectory(pool) });
  });

  return router;
}
