// Issue 12, ops at a glance: ops land on Monitoring, and every tile of the dashboard opens the
// cases behind it in the case search, at 1440×900 and on a 390×844 phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { until } from './support/designer-page.ts';
import { daysPerSecond, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let paused: string;
let open: string[];
let waiting: string;
let pausedId: string;
beforeAll(async () => {
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
  const [sanne, omar] = await Promise.all([h.as('sanne'), h.as('omar')]);
  // Three cases slowly on the ladder (they wait for weeks); one of them paused.
  const cases = await Promise.all([1, 2, 3].map(() => h.openCase(sanne, { timeScale: daysPerSecond(0.01) })));
  open = cases.map((c) => c.reference).sort();
  // And one closed on a date months ahead of the calendar, as a demo's accelerated cases are.
  const ahead = await h.openCase(sanne, { timeScale: daysPerSecond(0.01), businessStart: new Date(Date.now() + 120 * 86_400_000).toISOString() });
  expect((await (await h.as('mark')).postRetrying(`/api/cases/${ahead.id}/cancel`, { reason: 'Demozaak afgesloten' })).status).toBe(200);
  const reviewDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const r = await omar.postRetrying(`/api/cases/${cases[0]!.id}/pause`, { reason: 'Schuldhulp loopt', reviewDate });
  expect(r.status).toBe(200);
  paused = cases[0]!.reference;
  pausedId = cases[0]!.id;
  waiting = cases[1]!.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const listed = async (page: Page) => (await page.locator('[data-testid="case-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')!))).sort();

async function drill(page: Page, tile: string, expected: string[]) {
  await page.getByRole('link', { name: new RegExp(`^${tile}`) }).click();
  await page.getByTestId('case-table').waitFor();
  await until(`the search shows the cases behind "${tile}"`, async () => JSON.stringify(await listed(page)) === JSON.stringify(expected), 20_000);
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height}: ops land on Monitoring and a tile opens the cases behind it`, async () => {
    const page = await signedInPage(browser, h.baseUrl, 'omar', viewport);
    expect(new URL(page.url()).pathname).toBe('/ops');
    await page.getByTestId('dashboard-tiles').waitFor();
    const pausedTile = page.getByRole('link', { name: /^Gepauzeerd/ });
    expect(await pausedTile.locator('.ops-tile-value').innerText()).toBe('1');
    // The weekly chart runs to the cases' own latest week, and says why it lies ahead of today.
    expect(await page.getByTestId('weekly-ahead').innerText()).toContain('lopen voor op de kalender');

    await drill(page, 'Gepauzeerd', [paused]);
    expect(new URL(page.url()).searchParams.get('status')).toBe('paused');
    await page.goBack();
    await drill(page, 'Open zaken', open);
    // No horizontal scrolling of the page itself on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.context().close();
  }, 90_000);
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height}: the case page says what happens next, for a wait and for a pause`, async () => {
    const page = await signedInPage(browser, h.baseUrl, 'sanne', viewport);
    await page.goto(`${h.baseUrl}/cases/${waiting}`);
    const next = page.getByTestId('what-next');
    // The reminder went out; the case waits a week for payment, then checks whether to call first.
    await until('the case waits after the reminder', async () => (await next.count()) > 0 && (await next.innerText()).includes('Gebeurt er tot'), 60_000);
    const text = await next.innerText();
    expect(text).toContain('Wat gebeurt er hierna');
    expect(text).toContain('‘Persoonlijk contact eerst?’');
    expect(text).toContain('‘Huurder bellen’');
    expect(text).not.toMatch(/segment-check|phone-call|elapsed/);

    await page.goto(`${h.baseUrl}/cases/${pausedId}`);
    await page.getByTestId('what-next').getByText('De zaak staat stil').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.context().close();
  }, 120_000);
}
