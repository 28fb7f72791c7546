// Policy holds in the browser: the heat view marks the eviction step a hold stops, with the
// hold's name, its last day and the case waiting there (and the case page says so); the policy owner sees a refused date
// (and one the server refuses) named at its field on the holds page, and ends the hold there, which lets the case go on.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { closedWith } from './support/cases.ts';
import { caseToEviction, toEviction } from './support/policy-holds.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

const DAY = 86_400_000;
let h: Harness;
let browser: Browser;
let holdId: string;
let caseId: string;
const endsOn = new Date(Date.now() + 200 * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
  const eva = await h.as('eva');
  expect((await eva.post('/api/definitions/publish', { definition: toEviction('hold-map') })).status).toBe(201);
  const created = await eva.post('/api/policy-holds', {
    name: 'Winterstop ontruimingen',
    reason: 'geen ontruimingen rond de feestdagen',
    startsOn: new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10),
    endsOn,
    stops: ['eviction-notice'],
    covers: 'all',
    definitionId: 'hold-map',
  });
  expect(created.status).toBe(201);
  holdId = created.body.hold.id;
  caseId = (await caseToEviction(h, 'hold-map', true)).id;
  // Held, as the read model says (what the heat view counts).
  const omar = await h.as('omar');
  await waitFor('the case held at the eviction step', async () => (await omar.get(`/api/policy-holds/${holdId}`)).body.hold.heldCases === 1, 60_000);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

test('the heat view marks the held step with the hold, its last day and the case waiting there', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'omar');
  await page.goto(`${h.baseUrl}/ops/heat?definition=hold-map&version=1`);
  const mark = page.getByTestId('hold-eviction');
  await mark.waitFor();
  expect(await mark.getAttribute('data-hold')).toBe(holdId);
  expect(await mark.getAttribute('data-held')).toBe('1');
  const text = await mark.innerText();
  expect(text).toContain('Winterstop ontruimingen');
  expect(text).toContain('1 zaak wacht');
  // Its last day, as the page writes dates (nl: "15 januari 2027").
  expect(text).toContain(`t/m ${new Date(`${endsOn}T00:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`);
  expect(await mark.getAttribute('aria-label')).toContain('houdt Aanzegging tot ontruiming tegen');
  // Not on the steps it does not stop.
  expect(await page.getByTestId('hold-claim').count()).toBe(0);
  // Beside the map: the hold listed, with a link to all holds.
  const list = page.getByTestId('heat-holds');
  expect(await list.innerText()).toContain('geen ontruimingen rond de feestdagen');
  await list.getByRole('link', { name: 'Alle beleidsstops' }).click();
  await page.getByTestId('holds-table').waitFor();
  // Ops reads, does not set.
  expect(await page.getByTestId('new-hold').count()).toBe(0);
  await page.context().close();

  // The caseworker's case page says why the case stands still and until when.
  const casePage = await signedInPage(browser, h.baseUrl, 'sanne');
  await casePage.goto(`${h.baseUrl}/cases/${caseId}`);
  const next = casePage.getByTestId('what-next');
  await next.waitFor();
  await expect.poll(async () => await next.innerText()).toContain('Aangehouden door beleid: geen ontruimingen rond de feestdagen (Winterstop ontruimingen)');
  await casePage.context().close();
}, 90_000);

test('the policy owner sees a refused end named at its field, and ends the hold, which lets the case go on', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/holds`);
  const form = page.getByTestId('new-hold');
  await form.waitFor();
  await form.getByLabel('Naam').fill('Zomerstop');
  await form.getByLabel(/^Reden/).fill('vakantieperiode');
  await form.getByLabel('Eerste dag').fill('2027-07-15');
  await form.getByLabel('Laatste dag (t/m)').fill('2027-07-01');
  await form.getByRole('button', { name: 'Beleidsstop instellen' }).click();
  const error = form.locator('#hold-endsOn-error');
  await error.waitFor();
  expect(await error.innerText()).toContain('De laatste dag ligt voor de eerste dag');
  expect(await form.getByLabel('Laatste dag (t/m)').getAttribute('aria-invalid')).toBe('true');
  // What the server refuses is named at its field too.
  await form.getByLabel('Laatste dag (t/m)').fill('2027-07-31');
  await form.getByLabel('Naam').fill('Zo');
  await form.getByRole('button', { name: 'Beleidsstop instellen' }).click();
  await form.locator('#hold-name-error').waitFor();
  expect(await form.locator('#hold-name-error').innerText()).toContain('name needs at least 3 characters');
  expect(await form.locator('#hold-endsOn-error').count()).toBe(0);

  const row = page.locator(`[data-testid="holds-table"] tr[data-hold="${holdId}"]`);
  expect(await row.innerText()).toContain('Winterstop ontruimingen');
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Nu beëindigen' }).click();
  // The case, told at once, hands the eviction notice over and ends.
  expect((await closedWith(h, caseId)).outcome).toBe('evicted');
  await expect.poll(async () => (await page.locator('details.holds-past').count()) > 0 || (await row.count()) === 0).toBe(true);
  await page.context().close();
}, 90_000);
