// Cases behave as staff expect (issue 9), on the pages in real Chromium: a refused pause quotes
// the reason of the pause the case is in, the pause form proposes a review date on the case's
// own clock, and a closed case shows the end step it closed on.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { atStep, closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let sanne: Api, mark: Api;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const caseNow = async (caseId: string) => Date.parse((await sanne.get(`/api/cases/${caseId}`)).body.now as string);

test('a pause refused because a colleague paused the case first shows the reason of that pause', async () => {
  const c = await h.openCase(sanne, { tenant: { name: 'Mevrouw Tweemaal' } });
  await atStep(h, c.id, 'wait-after-reminder');
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases/${c.id}`);
  await page.getByRole('button', { name: 'Pauzeren', exact: true }).click();
  await page.getByLabel('Reden (bijvoorbeeld: huurder in traject schuldhulp)').fill('Huurder belt terug');

  // Meanwhile the team lead pauses it.
  const review = dateOf((await caseNow(c.id)) + 20 * DAY);
  expect((await mark.post(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp Rotterdam neemt contact op', reviewDate: review })).status).toBe(200);

  await page.getByRole('button', { name: 'Zaak pauzeren' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain('(Schuldhulp Rotterdam neemt contact op)');
  expect(await alert.innerText()).not.toContain('note:');
  await page.context().close();
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});

test('the pause form proposes a review date a month from the case\'s own date, and the case accepts it', async () => {
  // Three days a second: the case is soon more than a month ahead of the calendar.
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(3), tenant: { name: 'Meneer Vooruit' } });
  await waitFor('the case a month ahead of the calendar', async () => dateOf(await caseNow(c.id)) >= dateOf(Date.now() + 31 * DAY), 60_000);
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  const before = await caseNow(c.id);
  await page.goto(`${h.baseUrl}/cases/${c.id}`);
  await page.getByRole('button', { name: 'Pauzeren', exact: true }).click();
  const proposed = await page.getByLabel('Herbeoordelen op').inputValue();
  const after = await caseNow(c.id);
  expect(proposed >= dateOf(before + 30 * DAY) && proposed <= dateOf(after + 30 * DAY)).toBe(true);

  await page.getByLabel('Reden (bijvoorbeeld: huurder in traject schuldhulp)').fill('Wacht op uitkering');
  await page.getByRole('button', { name: 'Zaak pauzeren' }).click();
  await page.getByTestId('paused').waitFor();
  expect((await sanne.get(`/api/cases/${c.id}`)).body.case).toMatchObject({ status: 'paused', pauseReviewDate: proposed });
  await page.context().close();
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});

test('a closed case shows the end step it closed on and waits on nobody, on its ops page', async () => {
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(7), tenant: { name: 'Mevrouw Betaald' } });
  expect((await h.pay(c.id, { reference: `KAS-${randomUUID().slice(0, 8)}`, amountCents: 80_000 })).status).toBe(200);
  await complete(sanne, (await openTask(h, c.id, 'aftercare-call')).id, 'not-reached');
  await closedWith(h, c.id);

  const page = await signedInPage(browser, h.baseUrl, 'omar');
  await page.goto(`${h.baseUrl}/ops/cases/${c.id}`);
  const facts = page.getByTestId('case-facts');
  await facts.waitFor();
  const shown = Object.fromEntries(
    await facts.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? ''])),
  ) as Record<string, string>;
  expect(await facts.getAttribute('data-status')).toBe('closed');
  // Before, the step was the last one worked (Nazorggesprek), while Temporal said end-paid.
  expect(shown).toMatchObject({ Stap: 'Afgesloten: betaald', 'Wacht op': '—' });
  await page.context().close();
});
