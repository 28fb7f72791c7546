// The smaller staff pages in real Chromium: the API reference rendered from
// /api/openapi.json, the English switch, the case list, and what each role is shown.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { atStep, complete, openTask } from './support/cases.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { openTaskFromInbox, screenshot } from './support/staff-pages.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

test('the API reference renders every operation of the OpenAPI document, with who may call it and the request fields', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.getByRole('link', { name: 'API' }).click();
  await page.getByTestId('api-docs').waitFor();
  const doc = (await h.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const count = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  expect(await page.locator('details.st-op').count()).toBe(count);
  const reassign = page.locator('details[data-op="POST /api/tasks/{id}/reassign"]');
  await reassign.locator('summary').click();
  expect(await reassign.innerText()).toContain('Wie: Teamleider');
  expect(await reassign.innerText()).toMatch(/assignee\*: string \| null \(uuid\)/);
  await page.getByLabel('Zoeken').fill('/api/users');
  const users = Object.entries(doc.paths).filter(([path]) => path.includes('/api/users')).reduce((n, [, methods]) => n + Object.keys(methods).length, 0);
  expect(users).toBeGreaterThanOrEqual(4);
  await expect.poll(() => page.locator('details.st-op').count()).toBe(users);
  await reassign.waitFor({ state: 'detached' });
  await page.getByLabel('Zoeken').fill('/api/tasks/{id}/complete');
  await page.locator('details[data-op="POST /api/tasks/{id}/complete"] summary').click();
  await screenshot(page, 'api-docs', { height: 1200 });
  await page.context().close();
});

test('the inbox and the task form switch to English, and back', async () => {
  const c = await h.openCase(await h.as('sanne'), { definitionId: 'kwijtschelding', tenant: { name: 'Mr Language Test' } });
  await openTask(h, c.id, 'forgiveness-approval');
  const page = await signedInPage(browser, h.baseUrl, 'tom');
  await page.getByRole('heading', { name: 'Werkbak' }).waitFor();
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  expect(await page.getByTestId('tab-mine').innerText()).toMatch(/^My tasks/);
  await page.locator('tr[data-task-id]', { hasText: 'Mr Language Test' }).getByRole('button', { name: 'Open' }).click();
  await page.getByText('Your decision').waitFor();
  expect(await page.getByLabel('Propose forgiveness').count()).toBe(1);
  await page.getByLabel('Language').selectOption('nl');
  await page.getByText('Uw beslissing').waitFor();
  await page.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});

test('each role sees its own areas: a caseworker no user administration, an admin no inbox and no cases, a policy owner no cases', async () => {
  const nav = async (username: string) => {
    const page = await signedInPage(browser, h.baseUrl, username);
    const links = await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link').allInnerTexts();
    await page.context().close();
    return links;
  };
  expect(await nav('sanne')).toEqual(['Werkbak', 'Zaken', 'API']);
  expect(await nav('admin')).toEqual(['Gebruikers', 'API']);
  // The policy owner also reads what works (outcome analytics), which holds no tenant's data.
  expect(await nav('eva')).toEqual(['Ontwerpen', 'Wat werkt', 'API']);
  // Each lands where their work is: ops on Monitoring, a team lead (who also monitors) in the inbox.
  for (const [username, home] of [
    ['omar', '/ops'],
    ['mark', '/inbox'],
  ]) {
    const landed = await signedInPage(browser, h.baseUrl, username!);
    await landed.waitForURL((url) => url.pathname === home);
    await landed.context().close();
  }
  // The menu is a convenience; the server refuses anyway (see staff-access.test.ts). A direct link says so too.
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/admin`);
  await page.getByText('U heeft geen toegang tot dit onderdeel.').waitFor();
  await page.context().close();
});

test('ops finds a case in the case list by its reference, sees no name there, and opens its page, which shows the name', async () => {
  const c = await h.openCase(await h.as('sanne'), { tenant: { name: 'Mevrouw Zoekbaar' } });
  const page = await signedInPage(browser, h.baseUrl, 'omar');
  await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Zaken' }).click();
  expect(await page.getByLabel('Zoeken').getAttribute('placeholder')).toBe('Contractnummer');
  await page.getByLabel('Zoeken').fill(c.reference);
  await page.getByLabel('Zoeken').press('Enter');
  await page.getByRole('link', { name: c.reference, exact: true }).waitFor();
  expect(await page.locator('main').innerText()).not.toContain('Zoekbaar');
  await page.getByRole('link', { name: c.reference, exact: true }).click();
  await page.waitForURL(`**/cases/${c.id}`);
  await page.getByTestId('case-page').waitFor();
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mevrouw Zoekbaar');
  // Ops may pause and resume, not register payments.
  const actions = await page.getByTestId('case-actions').getByRole('button').allInnerTexts();
  expect(actions).toEqual(['Pauzeren', 'Notitie toevoegen']);
  await page.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});

test('a home visit report is written in the visit form; the case moves on and the report is in its timeline', async () => {
  const sanneApi = await h.as('sanne');
  const c = await h.openCase(sanneApi, { tenant: { name: 'De heer Huisbezoek', phone: '+31611112222' } });
  // The call that came before: the tenant did not answer.
  await atStep(h, c.id, 'wait-after-reminder');
  await sanneApi.post(`/api/cases/${c.id}/events`, { type: 'contact' });
  await complete(sanneApi, (await openTask(h, c.id, 'phone-call')).id, 'not-reached');
  await openTask(h, c.id, 'home-visit');

  const page = await signedInPage(browser, h.baseUrl, 'tom');
  await openTaskFromInbox(page, h.baseUrl, 'De heer Huisbezoek');
  await page.getByRole('heading', { name: 'Verslag van het huisbezoek' }).waitFor();
  expect(await page.getByText('Bezoek de huurder thuis.').count()).toBe(1);
  expect(await page.getByTestId('case-context').innerText()).toContain('Niet bereikt');
  await page.getByLabel('Gesproken, geen regeling').check();
  // The report is required for this outcome: sending without it is stopped with the field named.
  await page.getByRole('button', { name: 'Taak afronden' }).click();
  await page.getByText('Vul "Verslag" in.').waitFor();
  await page.getByLabel('Verslag').fill('Huurder thuis getroffen. Wil geen regeling, wel hulp bij de administratie; folder schuldhulp achtergelaten.');
  await page.getByRole('button', { name: 'Taak afronden' }).click();
  await page.waitForURL(`**/cases/${c.id}`);
  await atStep(h, c.id, 'debt-help-referral');
  // The outcome's label comes from the definition, which the page loads next to the case.
  const closed = page.getByTestId('timeline').locator('[data-type="task-closed"]', { hasText: 'folder schuldhulp achtergelaten' });
  await closed.filter({ hasText: 'Uitkomst: Gesproken, geen regeling' }).waitFor({ timeout: 15_000 });
  expect(await closed.innerText()).toMatch(/Taak afgerond door Tom Bakker[\s\S]*Uitkomst: Gesproken, geen regeling[\s\S]*Verslag/);
  await page.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});
