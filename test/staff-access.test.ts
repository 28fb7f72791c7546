// Who may do what: every endpoint of the API refuses callers who are not signed in (401) and
// signed-in users without its role (403), walked over the OpenAPI document that is itself
// compared with the routes the app really has. Then user administration (create, roles,
// deactivate, reset password) with its refusals and audit, sign-in auditing, and that a
// production installation seeds no demo users.
import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../definition/catalog.ts';
import { buildApp } from '../server/app.ts';
import { demoUsers } from '../server/db/seed.ts';
import { createStaff } from './support/staff.ts';
import { parseEnv } from '../server/env.ts';
import { openApiPath } from '../server/openapi/document.ts';
import { operations } from '../server/openapi/routes.ts';
import { Api, sessionOf, startHarness, TEST_TENANT_LINK_KEY, testLetterSettings, type Harness } from './support/harness.ts';

let h: Harness;
const as: Record<string, Api> = {};
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  for (const u of demoUsers) as[u.username] = await h.as(u.username);
});
afterAll(async () => h?.stop());

const sample: Record<string, string> = { id: randomUUID(), handoverId: 'h-1', version: '1' };
const filled = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(sample[name] ?? 'x'));

/** The routes the Express app really serves under /api, as "METHOD /api/path". */
function appRoutes(): string[] {
  const app = buildApp({ pool: h.pool, temporal: h.temporal, log: pino({ level: 'silent' }), defaultTimeScale: 1, allowTimeScale: true, secureCookies: false, tenantLinkKey: TEST_TENANT_LINK_KEY, letters: testLetterSettings() });
  const out: string[] = [];
  type Layer = { rawPath?: string; route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack, `${prefix}${layer.rawPath ?? ''}`);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out.filter((r) => r.includes(' /api/')).sort();
}

describe('the API document covers every endpoint', () => {
  test('the OpenAPI document at /api/openapi.json lists exactly the routes the app serves', async () => {
    const res = await h.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(appRoutes().map((r) => r.replace(/ (.*)$/, (_, p: string) => ` ${openApiPath(p)}`)).sort());
  });

  test('request schemas come from the zod schemas: a field, its rule and the roles are in the document', async () => {
    const doc = (await h.anonymous.get('/api/openapi.json')).body;
    const reassign = doc.paths['/api/tasks/{id}/reassign'].post;
    expect(reassign['x-roles']).toEqual(['team-lead']);
    expect(reassign.requestBody.content['application/json'].schema.properties.assignee).toMatchObject({ format: 'uuid' });
    const list = doc.paths['/api/tasks'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    expect(list.schema.enum).toEqual(['due', 'amount', 'opened']);
    expect(doc.paths['/api/cases'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['tenancy', 'tenant', 'arrearsCents', 'dueDate']));
    expect(Object.keys(doc.paths['/api/tasks/{id}/complete'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
  });
});

describe('every endpoint enforces sign-in and roles', () => {
  const guarded = operations.filter((op) => !op.access.public);

  test.each(guarded.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s answers 401 without a session', async (_name, op) => {
    const res = await h.anonymous.call(op.method.toUpperCase(), filled(op.path), op.method === 'get' || op.method === 'delete' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  const withRoles = guarded.flatMap((op) => {
    if (op.access.public || op.access.roles === 'any') return [];
    const allowed = op.access.roles;
    const outsider = demoUsers.find((u) => !u.roles.some((r: Role) => allowed.includes(r)));
    return outsider ? [[`${op.method.toUpperCase()} ${op.path} as ${outsider.username}`, op, outsider.username] as const] : [];
  });

  test('the endpoints of staff work are among those tried with someone outside their roles', () => {
    const names = withRoles.map(([name]) => name);
    for (const name of ['POST /api/tasks/:id/reassign as eva', 'GET /api/tasks as eva', 'GET /api/cases/:id/audit as eva', 'POST /api/users as eva', 'POST /api/cases/:id/notes as eva'])
      expect(names).toContain(name);
  });

  test.each(withRoles)('%s answers 403', async (_name, op, username) => {
    const res = await as[username]!.call(op.method.toUpperCase(), filled(op.path), op.method === 'get' || op.method === 'delete' ? undefined : {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^this needs the role /);
  });
});

describe('user administration', () => {
  const unique = () => `test-${randomUUID().slice(0, 8)}`;

  test('an admin creates a user; the account opens with its roles once a second admin confirms them; the audit keeps who did what, never the password', async () => {
    const username = unique();
    const res = await as.admin!.post('/api/users', { username, displayName: 'Nieuwe Collega', password: 'een-goed-wachtwoord', roles: ['caseworker', 'controller'] });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username, displayName: 'Nieuwe Collega', active: false });
    expect(res.body.grant).toMatchObject({ userId: res.body.user.id, roles: ['caseworker', 'controller'], activate: true, status: 'pending', requestedByName: 'Beheerder' });
    expect(JSON.stringify(res.body)).not.toContain('password');
    // Not open yet: the right password is refused.
    expect((await h.anonymous.post('/api/auth/login', { username, password: 'een-goed-wachtwoord' })).status).toBe(401);

    const confirmed = await as.lotte!.post(`/api/role-grants/${res.body.grant.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user).toMatchObject({ roles: ['caseworker', 'controller'], active: true });
    const me = await (await h.as(username, 'een-goed-wachtwoord')).get('/api/auth/me');
    expect(me.body.user.roles).toEqual(['caseworker', 'controller']);

    const ids = { admin: (await as.admin!.get('/api/auth/me')).body.user.id, lotte: (await as.lotte!.get('/api/auth/me')).body.user.id };
    const trail = await h.pool.query(`SELECT actor, action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY id`, [res.body.user.id]);
    expect(trail.rows.map((r) => [r.action, r.actor])).toEqual([
      ['user.create', ids.admin],
      ['user.roles-requested', ids.admin],
      ['user.roles-confirmed', ids.lotte],
    ]);
    expect(trail.rows[2]).toMatchObject({ before: { active: false }, after: { roles: ['caseworker', 'controller'], active: true } });
    expect(JSON.stringify(trail.rows)).not.toMatch(/argon|een-goed/);
  });

  test('creating is refused with the field named: a bad username, a short password, no roles, an unknown role; a taken username is a conflict', async () => {
    const bad = await as.admin!.post('/api/users', { username: 'X', displayName: '', password: 'kort', roles: [] });
    expect(bad.status).toBe(400);
    for (const field of ['body.username', 'body.displayName', 'body.password', 'body.roles']) expect(bad.body.error.message).toContain(field);
    const unknownRole = await as.admin!.post('/api/users', { username: unique(), displayName: 'X Y', password: 'een-goed-wachtwoord', roles: ['boss'] });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.error.message).toContain('body.roles.0');
    const taken = await as.admin!.post('/api/users', { username: 'sanne', displayName: 'Andere Sanne', password: 'een-goed-wachtwoord', roles: ['caseworker'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('username "sanne" is taken');
  });

  test('roles taken away and deactivation apply at once; a role added and an account opened again wait for a second admin; a password reset applies at once', async () => {
    const username = unique();
    const created = await createStaff(h, { username, displayName: 'Tijdelijk', password: 'eerste-wachtwoord', roles: ['caseworker', 'ops'] });
    const session = await h.as(username, 'eerste-wachtwoord');
    expect((await session.get('/api/tasks/counts')).status).toBe(200);

    const fewer = await as.admin!.call('PATCH', `/api/users/${created.id}`, { roles: ['ops'] });
    expect(fewer.status).toBe(200);
    expect(fewer.body.user.roles).toEqual(['ops']);
    expect((await session.get('/api/tasks/counts')).status).toBe(403);

    const more = await as.admin!.call('PATCH', `/api/users/${created.id}`, { roles: ['ops', 'finance'] });
    expect(more.status).toBe(202);
    expect(more.body.user.roles).toEqual(['ops']);
    expect(more.body.grant).toMatchObject({ roles: ['ops', 'finance'], activate: false, status: 'pending' });
    expect((await session.get('/api/payment-requests')).status).toBe(403);
    expect((await as.lotte!.post(`/api/role-grants/${more.body.grant.id}/confirm`)).status).toBe(200);
    expect((await session.get('/api/payment-requests')).status).toBe(200);

    const off = await as.admin!.call('PATCH', `/api/users/${created.id}`, { active: false });
    expect(off.body.user.active).toBe(false);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await h.anonymous.post('/api/auth/login', { username, password: 'eerste-wachtwoord' })).status).toBe(401);

    const again = await as.admin!.call('PATCH', `/api/users/${created.id}`, { active: true, password: 'tweede-wachtwoord' });
    expect(again.status).toBe(202);
    expect(again.body.user.active).toBe(false);
    expect((await h.anonymous.post('/api/auth/login', { username, password: 'tweede-wachtwoord' })).status).toBe(401);
    expect((await as.lotte!.post(`/api/role-grants/${again.body.grant.id}/confirm`)).status).toBe(200);
    expect((await h.anonymous.post('/api/auth/login', { username, password: 'eerste-wachtwoord' })).status).toBe(401);
    expect((await h.anonymous.post('/api/auth/login', { username, password: 'tweede-wachtwoord' })).status).toBe(200);

    const trail = await h.pool.query(`SELECT action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY id`, [created.id]);
    expect(trail.rows.map((r) => r.action)).toEqual([
      'user.create',
      'user.roles-requested',
      'user.roles-confirmed',
      'user.update',
      'user.roles-requested',
      'user.roles-confirmed',
      'user.deactivate',
      'user.update',
      'user.roles-requested',
      'user.roles-confirmed',
    ]);
    expect(trail.rows[3]).toMatchObject({ before: { roles: ['caseworker', 'ops'] }, after: { roles: ['ops'] } });
    expect(trail.rows[6]).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(trail.rows[7].after).toMatchObject({ active: false, passwordReset: true });
    expect(trail.rows[9]).toMatchObject({ before: { active: false }, after: { active: true } });
  });

  test('four eyes on authority: no admin changes their own roles, confirms what they asked for, or confirms roles for their own account', async () => {
    const me = (await as.admin!.get('/api/auth/me')).body.user;
    const lotte = (await as.lotte!.get('/api/auth/me')).body.user;
    const selfAdd = await as.admin!.call('PATCH', `/api/users/${me.id}`, { roles: ['admin', 'finance'] });
    expect(selfAdd.status).toBe(409);
    expect(selfAdd.body.error).toMatchObject({ message: 'four-eyes rule: you cannot change your own roles; ask another admin', details: { rule: 'four-eyes' } });

    const asked = await as.admin!.call('PATCH', `/api/users/${lotte.id}`, { roles: ['admin', 'finance'] });
    expect(asked.status).toBe(202);
    const byAsker = await as.admin!.post(`/api/role-grants/${asked.body.grant.id}/confirm`);
    expect(byAsker.status).toBe(403);
    expect(byAsker.body.error.message).toBe('four-eyes rule: you asked for the roles of lotte; a second admin confirms them');
    const bySubject = await as.lotte!.post(`/api/role-grants/${asked.body.grant.id}/confirm`);
    expect(bySubject.status).toBe(403);
    expect(bySubject.body.error.message).toBe('four-eyes rule: nobody confirms roles for their own account');
    expect((await as.lotte!.get('/api/auth/me')).body.user.roles).toEqual(['admin']);
    const listed = (await as.lotte!.get('/api/users')).body.users.find((u: { id: string }) => u.id === lotte.id);
    expect(listed.pendingGrant).toMatchObject({ id: asked.body.grant.id, roles: ['admin', 'finance'] });

    const withdrawn = await as.admin!.post(`/api/role-grants/${asked.body.grant.id}/reject`);
    expect(withdrawn.body.grant.status).toBe('withdrawn');
    const twice = await as.lotte!.post(`/api/role-grants/${asked.body.grant.id}/confirm`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('the roles asked for lotte were withdrawn already');
    expect((await as.lotte!.get('/api/role-grants')).body.grants.filter((g: { userId: string }) => g.userId === lotte.id)).toEqual([]);
    expect((await as.sanne!.get('/api/role-grants')).status).toBe(403);
  });

  test('changes are refused when they would lock the organisation out, name the field, or name an unknown user', async () => {
    const me = (await as.admin!.get('/api/auth/me')).body.user;
    const self = await as.admin!.call('PATCH', `/api/users/${me.id}`, { active: false });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toContain('you cannot deactivate yourself');
    const demote = await as.admin!.call('PATCH', `/api/users/${me.id}`, { roles: ['ops'] });
    expect(demote.status).toBe(409);
    expect((await as.admin!.get('/api/auth/me')).body.user.roles).toEqual(['admin']);

    const empty = await as.admin!.call('PATCH', `/api/users/${me.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('send at least one of');
    const shortPassword = await as.admin!.call('PATCH', `/api/users/${me.id}`, { password: 'kort' });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.error.message).toContain('body.password');
    const badId = await as.admin!.call('PATCH', '/api/users/not-a-uuid', { active: true });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('path.id');
    const unknown = await as.admin!.call('PATCH', `/api/users/${randomUUID()}`, { active: true });
    expect(unknown.status).toBe(404);
    const unknownGrant = await as.lotte!.post(`/api/role-grants/${randomUUID()}/confirm`);
    expect(unknownGrant.status).toBe(404);
  });

  test('staff see names and roles of colleagues (for who did what), not their phone numbers', async () => {
    const res = await as.sanne!.get('/api/staff');
    expect(res.status).toBe(200);
    const mark = res.body.staff.find((u: { username: string }) => u.username === 'mark');
    expect(mark).toEqual({ id: expect.any(String), username: 'mark', displayName: 'Mark Visser', roles: ['team-lead'], active: true });
  });
});

describe('sign-in', () => {
  test('a sign-in, a refused sign-in and a sign-out are each recorded', async () => {
    const before = Number((await h.pool.query(`SELECT max(id) AS n FROM audit_log`)).rows[0].n ?? 0);
    const refused = await h.anonymous.post('/api/auth/login', { username: 'tom', password: 'fout-wachtwoord' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('the username or password is wrong');
    const ok = await h.anonymous.post('/api/auth/login', { username: 'tom', password: 'demo-wachtwoord' });
    expect(ok.status).toBe(200);
    const out = await new Api(h.baseUrl, sessionOf(ok)).post('/api/auth/logout');
    expect(out.status).toBe(204);
    const rows = await h.pool.query(`SELECT actor, action, entity_id FROM audit_log WHERE id > $1 AND action LIKE 'auth.%' ORDER BY id`, [before]);
    const tom = ok.body.user.id;
    expect(rows.rows.filter((r) => r.actor === tom || r.entity_id === tom).map((r) => r.action)).toEqual(['auth.sign-in-refused', 'auth.sign-in', 'auth.sign-out']);
  });

  test('the session travels only in an HttpOnly, SameSite cookie: never in the body, and Secure on any host but plain localhost', async () => {
    const ok = await h.anonymous.post('/api/auth/login', { username: 'tom', password: 'demo-wachtwoord' });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).not.toContain(sessionOf(ok));
    expect(Object.keys(ok.body).sort()).toEqual(['expiresAt', 'secondFactorRequired', 'user']);
    const local = ok.headers.getSetCookie()[0]!;
    expect(local).toMatch(/HttpOnly/);
    expect(local).toMatch(/SameSite=Lax/);
    expect(local).not.toMatch(/Secure/);
    // The same app reached under a real host name (behind a proxy, say) sets a Secure cookie.
    const { port } = new URL(h.baseUrl);
    const viaName = await new Promise<string[]>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { host: `huurders.example.nl:${port}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.headers['set-cookie'] ?? []);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'tom', password: 'demo-wachtwoord' }));
    });
    expect(viaName[0]).toMatch(/; Secure/);
  });

  test('a session unused for 30 minutes ends, while one in use stays open', async () => {
    const signIn = async () => new Api(h.baseUrl, sessionOf(await h.anonymous.post('/api/auth/login', { username: 'tom', password: 'demo-wachtwoord' })));
    const used = await signIn();
    const idle = await signIn();
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    // Half an hour and a minute without a request on the idle one; the other was used 29 minutes ago.
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    await h.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`, [hash(idle.token!)]);
    await h.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = $1`, [hash(used.token!)]);
    const ended = await idle.get('/api/auth/me');
    expect(ended.status).toBe(401);
    expect((await used.get('/api/auth/me')).status).toBe(200);
    // The request counted as activity: the session's idle clock starts again.
    const seen = await h.pool.query(`SELECT now() - last_seen_at < interval '1 minute' AS fresh FROM sessions WHERE token_hash = $1`, [hash(used.token!)]);
    expect(seen.rows[0].fresh).toBe(true);
  });

  test('a missing password is a 400 naming the field', async () => {
    const res = await h.anonymous.post('/api/auth/login', { username: 'tom' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body.password');
  });
});

describe('demo users', () => {
  test('outside production the demo users are seeded; in production never', () => {
    expect(parseEnv({}).seedDemo).toBe(true);
    expect(parseEnv({ NODE_ENV: 'production' }, { withoutTemporal: true }).seedDemo).toBe(false);
    expect(() => parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true' }, { withoutTemporal: true })).toThrow(/SEED_DEMO/);
  });
});
