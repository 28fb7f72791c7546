// Issue 11, point 4: cross-site request forgery and the security headers. A page on a sibling
// origin of the same site (here another port of 127.0.0.1: the browser sends the SameSite=Lax
// session cookie along, as it would from a sibling subdomain) tries to claim a caseworker's task
// with a form and with fetch; the app refuses both and the task stays unclaimed. Through the
// API: a change needs JSON or CSV and a same-origin Origin/Sec-Fetch-Site. Every answer carries
// the headers, and the web app runs under its content security policy without one violation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTask } from './support/cases.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { startHarness, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let sanne: Api;
let attacker: Server;
let attackerUrl: string;
/** The page the attacker serves; set per test. */
let attackPage = '';

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  sanne = await h.as('sanne');
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage));
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => attacker?.close(r));
  await h?.stop();
});

/** A case of the kwijtschelding process: its caseworker task opens at once. */
async function caseWithTask() {
  const c = await h.openCase(sanne, { definitionId: 'kwijtschelding', arrearsCents: 90_000 });
  return { ...c, task: await openTask(h, c.id, 'forgiveness-approval') };
}
const assigneeOf = async (taskId: string) => (await sanne.get(`/api/tasks/${taskId}`)).body.task.assignee as string | null;

describe('a page on another origin of the same site', () => {
  test('cannot claim a task with a form post or with fetch, though the session cookie goes along', async () => {
    const { task } = await caseWithTask();
    const page = await signedInPage(browser, h.baseUrl, 'sanne');
    const claim = `${h.baseUrl}/api/tasks/${task.id}/claim`;

    // A form posting text/plain (a "simple" request: no preflight), submitted on load.
    attackPage = `<form method="post" action="${claim}" enctype="text/plain"><input name='{"a":"' value='"}'></form><script>document.forms[0].submit()</script>`;
    const answer = page.waitForResponse((r) => r.url() === claim);
    await page.goto(attackerUrl);
    const refused = await answer;
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toContain('another site (Sec-Fetch-Site: same-site)');
    expect(await refused.request().headerValue('cookie')).toContain('session');

    // fetch with no-cors (an opaque answer, but the request would still have been run).
    // A page of the attacker's, sending it with fetch in no-cors mode (an opaque answer, but a
    // request that, reaching the server, would be acted on). Chromium may not send it at all.
    attackPage = '<p>nothing to see</p>';
    await page.goto(attackerUrl);
    const answers: number[] = [];
    page.on('response', (r) => void (r.url() === claim && answers.push(r.status())));
    await page.evaluate(async (url) => await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }).catch(() => undefined), claim);
    expect(answers.filter((s) => s !== 403)).toEqual([]);

    expect(await assigneeOf(task.id)).toBeNull();
    // The app's own page claims it (same origin, JSON).
    await page.goto(`${h.baseUrl}/inbox`);
    const own = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, claim);
    expect(own).toBe(200);
    expect(await assigneeOf(task.id)).not.toBeNull();
    await page.context().close();
  });
});

describe('through the API', () => {
  test('a change must carry JSON or CSV and come from this origin; a client that is no browser sends neither header and is served', async () => {
    const { task } = await caseWithTask();
    const claim = `/api/tasks/${task.id}/claim`;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await sanne.call('POST', claim, 'a=1', { 'content-type': type });
      expect(res.status, type).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'header.Content-Type', message: expect.stringContaining('application/json or text/csv') }]);
    }
    const noType = await sanne.call('POST', claim);
    expect(noType.status).toBe(400);
    expect(noType.body.error.message).toContain('no content type');
    const elsewhere = await sanne.call('POST', claim, '{}', { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toContain('https://evil.example');
    const crossSite = await sanne.call('DELETE', `/api/tasks/${task.id}/claim`, undefined, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await assigneeOf(task.id)).toBeNull();
    // The same origin, said either way, and no browser at all.
    const host = new URL(h.baseUrl).host;
    expect((await sanne.call('POST', claim, '{}', { 'content-type': 'application/json', origin: `http://${host}` })).status).toBe(200);
    expect((await sanne.call('POST', `/api/tasks/${task.id}/unclaim`, '{}', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await sanne.post(claim)).status).toBe(200);
    // Reading needs neither.
    expect((await sanne.call('GET', `/api/tasks/${task.id}`, undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  test('every answer carries the security headers; HSTS only where cookies are Secure', async () => {
    for (const path of ['/api/health', '/api/auth/me', '/', '/inbox']) {
      const res = await fetch(`${h.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

test('the web app runs under its content security policy: every area, not one violation', async () => {
  const c = await caseWithTask();
  const violations: string[] = [];
  const watch = async (page: Page) => {
    await page.exposeFunction('reportViolation', (v: string) => void violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    page.on('console', (m) => void (m.text().includes('Content Security Policy') && violations.push(m.text())));
  };
  for (const [user, paths] of [
    ['sanne', ['/inbox', `/cases/${c.id}`]],
    ['eva', ['/designer/definitions/standard-ladder']],
    ['omar', ['/ops']],
    ['admin', ['/admin', '/api-docs']],
  ] as const) {
    const page = await signedInPage(browser, h.baseUrl, user);
    await watch(page);
    for (const path of paths) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      // Each area drew its page (its heading), so the policy let its scripts and styles run.
      await expect.poll(() => page.locator('h1, h2').count(), { message: path }).toBeGreaterThan(0);
    }
    if (user === 'eva') {
      await page.locator('.react-flow').first().waitFor();
      // React Flow positions nodes with style attributes: the canvas must show them placed.
      expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(0);
    }
    await page.context().close();
  }
  expect(violations).toEqual([]);
});
