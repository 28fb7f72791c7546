// The second factor at sign-in (TOTP from an authenticator app): set up by the user with a code
// from the app, asked for at every sign-in after that, each code good once; required for the
// roles the issue names (SECOND_FACTOR_ROLES), whose work is refused
// until it is set up. Its own database: failed codes count against the address.
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { secondFactorRoles } from '../definition/access.ts';
import type { Role } from '../definition/catalog.ts';
import { createUser } from '../server/auth/users.ts';
import { parseEnv } from '../server/env.ts';
import { launchBrowser } from './support/browser.ts';
import { Api, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ ownDatabase: true, withWorker: false, secondFactorRoles: [...secondFactorRoles] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const password = 'paard-batterij-nietje-42';
// Made as the operator makes them (the admins here need a second factor before they may).
const newStaff = async (roles: Role[]) => {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const user = await createUser(h.pool, { username, displayName: 'Test Medewerker', password, roles });
  return { id: user.id, username, password };
};
const signIn = (username: string, code?: string) => h.anonymous.post('/api/auth/login', { username, password, ...(code ? { code } : {}) });
/** The app's code `stepsAhead` periods of 30 s from now (the server accepts one period either way). */
const codeFor = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
/** A six-digit code the app shows at none of the accepted moments. */
async function wrongCode(secret: string): Promise<string> {
  const right = new Set(await Promise.all([-1, 0, 1].map((s) => codeFor(secret, s))));
  for (let n = 0; ; n++) if (!right.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0');
}
async function setUp(api: Api): Promise<string> {
  const started = await api.post('/api/auth/second-factor');
  expect(started.status).toBe(200);
  expect((await api.post('/api/auth/second-factor/confirm', { code: await codeFor(started.body.secret) })).status).toBe(204);
  return started.body.secret;
}

describe('a role that needs it', () => {
  test('a controller signs in, is refused their work until the second factor is set up, then signs in with a code, each code once', async () => {
    const u = await newStaff(['controller']);
    const first = await signIn(u.username);
    expect(first.status).toBe(200);
    expect(first.body.secondFactorRequired).toBe(true);
    const api = await h.as(u.username, password);
    const refused = await api.get('/api/tasks/counts');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ message: 'your roles (controller) need a second factor: set one up under My account first', details: { rule: 'second-factor' } });
    expect((await api.get('/api/auth/me')).body).toMatchObject({ user: { secondFactor: false }, secondFactorRequired: true });

    const started = await api.post('/api/auth/second-factor');
    expect(started.body.uri).toBe(`otpauth://totp/Huurincasso:${u.username}?secret=${started.body.secret}&issuer=Huurincasso`);
    expect(started.body.qrSvg).toMatch(/^<svg /);
    const wrong = await api.post('/api/auth/second-factor/confirm', { code: await wrongCode(started.body.secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].field).toBe('body.code');
    const malformed = await api.post('/api/auth/second-factor/confirm', { code: '12ab' });
    expect(malformed.body.error.message).toContain('the code is the 6 digits the authenticator app shows');
    const used = await codeFor(started.body.secret);
    expect((await api.post('/api/auth/second-factor/confirm', { code: used })).status).toBe(204);
    expect((await api.get('/api/tasks/counts')).status).toBe(200);
    expect((await api.get('/api/auth/me')).body).toMatchObject({ user: { secondFactor: true }, secondFactorRequired: false });

    // Sign-in now asks for the code once the password is right (a wrong password says nothing of it).
    // (only the reason a web page words in its own language: the same for every wrong username or password)
    expect((await h.anonymous.post('/api/auth/login', { username: u.username, password: 'niet-het-wachtwoord' })).body.error.details).toEqual({ reason: 'credentials' });
    const asks = await signIn(u.username);
    expect(asks.status).toBe(401);
    expect(asks.body.error).toMatchObject({ message: 'enter the 6-digit code from your authenticator app', details: { secondFactor: 'totp' } });
    const replay = await signIn(u.username, used);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toBe('the code is wrong or was used already; wait for the next one');
    const next = await signIn(u.username, await codeFor(started.body.secret, 1));
    expect(next.status).toBe(200);
    expect(next.body.secondFactorRequired).toBe(false);

    const trail = await h.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY id`, [u.id]);
    expect(trail.rows.map((r) => r.action)).toEqual(['auth.sign-in', 'auth.sign-in', 'auth.second-factor-on', 'auth.sign-in-refused', 'auth.sign-in-refused', 'auth.sign-in']);
  });

  test('a lost phone: the admin removes the second factor, the sessions end, and the user sets up a new one; nobody whose roles need it turns it off', async () => {
    const u = await newStaff(['collection-manager']);
    const api = await h.as(u.username, password);
    await setUp(api);
    const off = await api.call('DELETE', '/api/auth/second-factor', { currentPassword: password });
    expect(off.status).toBe(409);
    expect(off.body.error.message).toBe('your roles need a second factor; set up a new one instead (it replaces this one)');

    const admin = await h.as('admin');
    // The admin's own role needs one too.
    expect((await admin.post(`/api/users/${u.id}/second-factor/reset`)).status).toBe(403);
    await setUp(admin);
    const listed = (await admin.get('/api/users')).body.users.find((x: { id: string }) => x.id === u.id);
    expect(listed).toMatchObject({ secondFactor: true });
    const reset = await admin.post(`/api/users/${u.id}/second-factor/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.user.secondFactor).toBe(false);
    expect((await api.get('/api/auth/me')).status).toBe(401);
    const back = await signIn(u.username);
    expect(back.status).toBe(200);
    expect(back.body.secondFactorRequired).toBe(true);
    const audited = await h.pool.query(`SELECT actor, action FROM audit_log WHERE entity_id = $1 AND action = 'auth.second-factor-off'`, [u.id]);
    expect(audited.rows).toEqual([{ actor: (await admin.get('/api/auth/me')).body.user.id, action: 'auth.second-factor-off' }]);
  });
});

test('a caseworker may choose one and turn it off again with the password', async () => {
  const u = await newStaff(['caseworker']);
  const first = await signIn(u.username);
  expect(first.body.secondFactorRequired).toBe(false);
  const api = await h.as(u.username, password);
  expect((await api.get('/api/tasks/counts')).status).toBe(200);
  await setUp(api);
  expect((await signIn(u.username)).status).toBe(401);
  const wrongPassword = await api.call('DELETE', '/api/auth/second-factor', { currentPassword: 'fout-wachtwoord' });
  expect(wrongPassword.body.error.details[0].field).toBe('body.currentPassword');
  expect((await api.call('DELETE', '/api/auth/second-factor', { currentPassword: password })).status).toBe(204);
  expect((await signIn(u.username)).status).toBe(200);
});

test('SECOND_FACTOR_ROLES: the roles with authority in production by default, none elsewhere; `none` or a list; an unknown role stops the start', () => {
  const production = { NODE_ENV: 'production', PAYLOAD_KEYS: undefined };
  expect(parseEnv(production, { withoutTemporal: true }).secondFactorRoles).toEqual(['admin', 'collection-manager', 'controller']);
  expect(parseEnv({ ...production, SECOND_FACTOR_ROLES: 'none' }, { withoutTemporal: true }).secondFactorRoles).toEqual([]);
  expect(parseEnv({ SECOND_FACTOR_ROLES: 'admin, ops' }).secondFactorRoles).toEqual(['admin', 'ops']);
  expect(parseEnv({}).secondFactorRoles).toEqual([]);
  expect(() => parseEnv({ SECOND_FACTOR_ROLES: 'admin,boss' })).toThrow(/SECOND_FACTOR_ROLES/);
});

test('in the web app: the banner sends a controller to My account, the QR code and key set up the app, and the next sign-in asks for its code', async () => {
  const u = await newStaff(['controller']);
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  const signInWith = async (code?: () => Promise<string>) => {
    await page.goto(`${h.baseUrl}/signin`);
    await page.getByLabel('Gebruikersnaam').fill(u.username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    if (code) {
      await page.getByLabel('Code uit uw authenticator-app').fill(await code());
      await page.getByRole('button', { name: 'Aanmelden' }).click();
    }
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  };
  await signInWith();
  await page.getByTestId('second-factor-needed').getByRole('link', { name: 'Stel hem nu in' }).click();
  const card = page.getByTestId('second-factor');
  await card.getByRole('button', { name: 'Tweede factor instellen' }).click();
  await card.getByRole('img', { name: 'QR-code voor de authenticator-app' }).waitFor();
  const secret = (await card.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await card.getByLabel('Code uit de app').fill(await codeFor(secret));
  await card.getByRole('button', { name: 'Bevestigen' }).click();
  await card.getByText('De tweede factor staat aan.').waitFor();
  expect(await page.getByTestId('second-factor-needed').count()).toBe(0);

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signInWith(() => codeFor(secret, 1));
  await page.getByRole('link', { name: 'Test Medewerker' }).waitFor();
  expect(await page.getByTestId('second-factor-needed').count()).toBe(0);
  await context.close();
});
