// Issue 11, point 3: guessing passwords is stopped. The 10th failure on an account locks it for
// 15 minutes (even the right password is refused meanwhile, and the answer says when to come
// back); an admin unlocks it at once; 50 failures from one address block that address. Staff
// change their own password, the current one checked and the new one strong; their other
// sessions end. Production refuses demo users. Its own database: the counts are per address,
// and every test of the run signs in from 127.0.0.1.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { parseEnv } from '../server/env.ts';
import { ACCOUNT_LOCK, ADDRESS_BLOCK } from '../server/auth/sign-in-limits.ts';
import { Api, sessionOf, startHarness, type Harness } from './support/harness.ts';
import { createStaff } from './support/staff.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ ownDatabase: true, withWorker: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const signIn = (username: string, password: string) => h.anonymous.post('/api/auth/login', { username, password });
const userId = async (username: string) => (await h.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]!.id;

async function newUser(roles = ['caseworker'], password = 'paard-batterij-nietje-42') {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const { id } = await createStaff(h, { username, displayName: 'Test Medewerker', password, roles });
  return { username, password, id };
}

describe('failed sign-ins', () => {
  test(`the ${ACCOUNT_LOCK.failures}th failure locks the account: the right password is refused too, until an admin unlocks it`, async () => {
    const u = await newUser();
    for (let i = 1; i < ACCOUNT_LOCK.failures; i++) expect((await signIn(u.username, `fout-${i}`)).status).toBe(401);
    const locking = await signIn(u.username, 'nog-een-keer-fout');
    expect(locking.status).toBe(429);
    expect(locking.body.error.message).toMatch(/^this account is now locked after 10 failed sign-ins; try again in 15 minutes, or ask an admin to unlock it$/);
    expect(Number(locking.headers.get('retry-after'))).toBeGreaterThan(14 * 60);

    const right = await signIn(u.username, u.password);
    expect(right.status).toBe(429);
    expect(right.body.error.message).toContain('this account is locked');
    expect(right.headers.getSetCookie()).toEqual([]);

    // Only an admin unlocks; the unlock is audited.
    const admin = await h.as('admin');
    expect((await (await h.as('mark')).post(`/api/users/${u.id}/unlock`, {})).status).toBe(403);
    const unlocked = await admin.post(`/api/users/${u.id}/unlock`, {});
    expect(unlocked.body).toMatchObject({ wasLocked: true, user: { username: u.username } });
    expect((await signIn(u.username, u.password)).status).toBe(200);
    const audited = await h.pool.query(`SELECT actor, details FROM audit_log WHERE action = 'user.unlock' AND entity_id = $1`, [u.id]);
    expect(audited.rows).toEqual([{ actor: await userId('admin'), details: { wasLocked: true } }]);
  });

  test('a successful sign-in clears the count; failures are recorded against the account, and a name that is no account leaves no typed text', async () => {
    const u = await newUser();
    for (let i = 0; i < ACCOUNT_LOCK.failures - 1; i++) await signIn(u.username, 'fout-wachtwoord');
    expect((await signIn(u.username, u.password)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_LOCK.failures - 1; i++) expect((await signIn(u.username, 'fout-wachtwoord')).status).toBe(401);
    const refused = await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign-in-refused' AND entity_id = $1`, [u.id]);
    expect(refused.rows[0].n).toBe(2 * (ACCOUNT_LOCK.failures - 1));

    // A password typed into the username field is not kept anywhere.
    const typo = `mijn-geheime-zin-${randomUUID().slice(0, 6)}`;
    expect((await signIn(typo, 'x')).status).toBe(401);
    const kept = await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign-in-refused' AND (details::text LIKE $1 OR entity_id LIKE $1)`, [`%${typo}%`]);
    expect(kept.rows[0].n).toBe(0);
    await (await h.as('admin')).post(`/api/users/${u.id}/unlock`, {});
  });

  test(`${ADDRESS_BLOCK.failures} failures from one address, over many names, block that address for everyone`, async () => {
    const u = await newUser();
    const already = (await h.pool.query(`SELECT coalesce(max(points), 0)::int AS n FROM sign_in_limits WHERE key = 'address:127.0.0.1'`)).rows[0].n as number;
    let last = await signIn(`geraden-${randomUUID().slice(0, 6)}`, 'x');
    for (let i = already + 1; i < ADDRESS_BLOCK.failures; i++) last = await signIn(`geraden-${randomUUID().slice(0, 6)}`, 'x');
    expect(last.status).toBe(429);
    expect(last.body.error.message).toContain('too many failed sign-ins from this address');
    expect((await signIn(u.username, u.password)).status).toBe(429);
    // Cleared again for the rest of this file (it waits an hour otherwise).
    await h.pool.query(`DELETE FROM sign_in_limits WHERE key = 'address:127.0.0.1'`);
    expect((await signIn(u.username, u.password)).status).toBe(200);
  });
});

describe('changing one\'s own password', () => {
  test('needs the current password and a strong new one; the other sessions end, this one stays', async () => {
    const u = await newUser();
    const here = new Api(h.baseUrl, sessionOf(await signIn(u.username, u.password)));
    const elsewhere = new Api(h.baseUrl, sessionOf(await signIn(u.username, u.password)));

    const wrong = await here.post('/api/auth/password', { currentPassword: 'niet-het-wachtwoord', newPassword: 'zeilboot-lantaarn-komkommer' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ field: 'body.currentPassword', message: 'the current password is wrong' }]);
    for (const weak of ['welkom2026!', 'password123', 'Wachtwoord01', 'kort']) {
      const res = await here.post('/api/auth/password', { currentPassword: u.password, newPassword: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.error.details[0].field).toBe('body.newPassword');
    }
    const same = await here.post('/api/auth/password', { currentPassword: u.password, newPassword: u.password });
    expect(same.body.error.details[0].message).toBe('the new password is the current one');

    expect((await here.post('/api/auth/password', { currentPassword: u.password, newPassword: 'zeilboot-lantaarn-komkommer' })).status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(u.username, u.password)).status).toBe(401);
    expect((await signIn(u.username, 'zeilboot-lantaarn-komkommer')).status).toBe(200);
    const audited = await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.password-change' AND entity_id = $1`, [u.id]);
    expect(audited.rows[0].n).toBe(1);
  });

  test('an admin cannot give anyone a weak password either', async () => {
    const admin = await h.as('admin');
    const created = await admin.post('/api/users', { username: `u-${randomUUID().slice(0, 8)}`, displayName: 'Zwak Wachtwoord', password: 'welkom12345', roles: ['caseworker'] });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0].field).toBe('body.password');
    const u = await newUser();
    const reset = await admin.call('PATCH', `/api/users/${u.id}`, { password: 'password1234' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.details[0].field).toBe('body.password');
  });
});

test('in the web app: a locked account shows on the users page and the admin unlocks it; anyone changes their own password under My account', async () => {
  const u = await newUser();
  for (let i = 0; i < ACCOUNT_LOCK.failures; i++) await signIn(u.username, 'fout-wachtwoord');
  const admin = await signedInPage(browser, h.baseUrl, 'admin');
  await admin.goto(`${h.baseUrl}/admin`);
  const row = admin.getByRole('row').filter({ hasText: u.username });
  await row.getByText('geblokkeerd na mislukte aanmeldingen').waitFor();
  await row.getByRole('button', { name: 'Deblokkeren' }).click();
  await admin.getByText(`${u.username} kan weer aanmelden.`).waitFor();
  await admin.context().close();

  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/signin`);
  await page.getByLabel('Gebruikersnaam').fill(u.username);
  await page.getByLabel('Wachtwoord').fill(u.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('link', { name: 'Test Medewerker' }).click();
  await page.getByLabel('Huidig wachtwoord').fill(u.password);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('welkom2026!');
  await page.getByLabel('Nieuw wachtwoord nog een keer').fill('welkom2026!');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await page.getByRole('alert').getByText('this password is too easy to guess').waitFor();
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('fietsbel-walvis-onweer');
  await page.getByLabel('Nieuw wachtwoord nog een keer').fill('fietsbel-walvis-onweer');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();
  await context.close();
  expect((await signIn(u.username, 'fietsbel-walvis-onweer')).status).toBe(200);
});

test('production never has the demo users: asking for them stops the start', () => {
  expect(() => parseEnv({ NODE_ENV: 'production', SEED_DEMO: 'true' }, { withoutTemporal: true })).toThrow(/SEED_DEMO="true": production never has the demo users/);
  expect(parseEnv({ NODE_ENV: 'production' }, { withoutTemporal: true }).seedDemo).toBe(false);
});
