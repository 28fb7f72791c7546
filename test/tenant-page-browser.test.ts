// Issue 13, done-when 1 and 2, in real headless Chromium on a phone (390×844): the tenant opens
// the link from the WhatsApp message in the outbox, passes the postcode check, pays part at the
// provider stand-in's checkout (the webhook comes twice, the balance drops once), chooses
// e-mail, asks for a call back and proposes a plan the case follows; in another case a plan
// outside the limits lands in the caseworker's inbox. Every tenant page passes axe-core
// (WCAG 2.1 AA) and reads without JavaScript.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startPaymentStandin, type PaymentStandin } from '../server/tenant/payment-standin.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { messages } from './support/cases.ts';
import { openTaskFromInbox } from './support/staff-pages.ts';
import { tenantPageProcess } from './support/tenant.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let standin: PaymentStandin;
const phone = { width: 390, height: 844 };
const suffix = () => Math.random().toString(36).slice(2, 7);
const definitionId = `huurder-browser-${suffix()}`;

beforeAll(async () => {
  standin = await startPaymentStandin();
  h = await startHarness({ paymentProviderUrl: standin.url });
  expect((await (await h.as('eva')).post('/api/definitions/publish', { definition: tenantPageProcess(definitionId), note: 'huurderpagina' })).status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await standin?.close();
});

async function openCase(name: string, overrides: Record<string, unknown> = {}) {
  const c = await h.openCase(await h.as('sanne'), {
    definitionId,
    arrearsCents: 60_000,
    tenant: { name, phone: '+31612345678', email: 'huurder@example.nl' },
    tenancy: { reference: `HB-${suffix().toUpperCase()}`, street: 'Biltstraat 7', postalCode: '3572 AB', city: 'Utrecht', minorsInHousehold: false },
    ...overrides,
  });
  const link = await waitFor('the WhatsApp with the link', async () => {
    const m = (await messages(h, c.id)).find((x) => x.channel === 'whatsapp');
    return m ? /https?:\/\/\S+\/huurder\/[A-Za-z0-9_-]{43}/.exec(m.body)?.[0] : undefined;
  });
  return { ...c, link };
}

async function phonePage(javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, javaScriptEnabled, locale: 'nl-NL' });
  return await context.newPage();
}

async function passCheck(page: Page, link: string) {
  await page.goto(link);
  await page.getByLabel('Postcode').fill('3572 AB');
  await page.getByLabel('Huisnummer').fill('7');
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByRole('heading', { name: 'Wat wilt u doen?' }).waitFor();
}

const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

test('a tenant on a phone pays part, chooses e-mail, asks for a call back and agrees a plan; every page passes axe', async () => {
  const c = await openCase(`Mevrouw Öztürk ${suffix()}`, { timeScale: daysPerSecond(1) });
  const page = await phonePage();
  await page.goto(c.link);
  expect(await accessibilityViolations(page)).toEqual([]);
  await passCheck(page, c.link);
  expect(await page.locator('main').innerText()).toContain('Er staat € 600,00 open.');
  expect(await accessibilityViolations(page)).toEqual([]);
  await noSidewaysScroll(page);

  // Pay € 150 of it through the provider's checkout.
  await page.getByRole('link', { name: 'Nu betalen' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Bedrag in euro').fill('150');
  await page.getByRole('button', { name: 'Betalen met iDEAL' }).click();
  await page.waitForURL(`${standin.url}/checkout/**`);
  const providerId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: 'Betalen' }).click();
  await page.getByText('Uw betaling van € 150,00 is binnen').waitFor();
  expect(await standin.redeliver(providerId)).toBe(200);
  const state = await h.state(c.id);
  expect(state.balanceCents).toBe(45_000);
  expect(state.payments).toBe(1);
  expect(await page.locator('main').innerText()).toContain('Er staat € 450,00 open.');

  // E-mail from now on, called in the evening.
  await page.getByRole('link', { name: 'Kiezen hoe wij u bereiken' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Liefst via').selectOption('email');
  await page.getByLabel('Bellen het liefst').selectOption('evening');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('Opgeslagen. Wij houden hier rekening mee.').waitFor();

  await page.getByRole('link', { name: 'Bel mij terug' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await page.locator('main').innerText()).toMatch(/op \+?•+78\./);
  await page.getByLabel('Waar wilt u over praten?').fill('Over een regeling');
  await page.getByRole('button', { name: 'Bel mij terug' }).click();
  await page.getByText('Wij bellen u binnen twee werkdagen.').waitFor();
  const callBack = await waitFor('the call-back task', async () => (await h.pool.query<{ due_at: Date | null }>(`SELECT due_at FROM tasks WHERE case_id = $1 AND kind = 'call-back' AND status = 'open'`, [c.id])).rows[0]);
  expect(callBack.due_at).not.toBeNull();

  // The caseworker records the call: the wait ends, and the next message goes by e-mail.
  expect((await (await h.as('sanne')).post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Teruggebeld.' })).status).toBe(200);
  const next = await waitFor('the follow-up message', async () => (await messages(h, c.id)).find((m) => m.step_id === 'follow-up'));
  expect(next.channel).toBe('email');

  // A plan within the limits: € 75 a month from a week on; the case follows it and reminds.
  await page.getByRole('link', { name: 'Een betalingsregeling voorstellen' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  // The case's business time now (a query answers from its last activation, which may lie days
  // back on this clock of a day a second); the date 25 days on leaves 25 s to send the form.
  const now = (await (await h.as('sanne')).get(`/api/cases/${c.id}`)).body.now as string;
  const first = new Date(Date.parse(now) + 25 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Bedrag per maand in euro').fill('75');
  await page.getByLabel('Eerste betaling op').fill(first);
  await page.getByRole('button', { name: 'Voorstel versturen' }).click();
  await page.getByText('Uw regeling is afgesproken. U betaalt 6 keer € 75,00').waitFor();
  expect((await h.state(c.id)).currentStep?.id).toBe('arrangement');
  await waitFor('an instalment reminder', async () => (await messages(h, c.id)).find((m) => m.purpose === 'arrangement-reminder'), 60_000);
  expect(await page.locator('main').innerText()).toContain('U betaalt in termijnen');

  await page.getByRole('link', { name: 'Mijn incassodag kiezen' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Terug' }).click();
  await page.getByRole('link', { name: 'Ik krijg hulp bij geldzaken' }).click();
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await page.locator('main').innerText()).toContain('geen brieven, geen extra kosten');
  await page.context().close();
});

test('a plan outside the limits reaches the caseworker’s inbox with the proposal; the page reads without JavaScript; a wrong link gets a friendly page', async () => {
  const tenant = `De heer Jansen ${suffix()}`;
  const c = await openCase(tenant);
  const page = await phonePage();
  await passCheck(page, c.link);
  await page.getByRole('link', { name: 'Een betalingsregeling voorstellen' }).click();
  await page.getByLabel('Bedrag per maand in euro').fill('20');
  // The case's business time now (a query answers from its last activation, which may lie days
  // back on this clock of a day a second); the date 25 days on leaves 25 s to send the form.
  const now = (await (await h.as('sanne')).get(`/api/cases/${c.id}`)).body.now as string;
  const first = new Date(Date.parse(now) + 25 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Eerste betaling op').fill(first);
  await page.getByRole('button', { name: 'Voorstel versturen' }).click();
  await page.getByText('Een medewerker belt u binnen twee werkdagen').waitFor();

  const staff = await signedInPage(browser, h.baseUrl, 'sanne', phone);
  await staff.goto(`${h.baseUrl}/inbox`);
  const card = staff.locator('tr', { hasText: tenant }).filter({ hasText: 'Huurder stelt een betalingsregeling voor' });
  await card.first().waitFor();
  await openTaskFromInbox(staff, h.baseUrl, tenant);
  await staff.getByTestId('task-page').getByText(/Voorstel van de huurder: € 20,00 per maand vanaf .* \(30 termijnen\)\./).waitFor();
  await staff.goto(`${h.baseUrl}/cases/${c.id}`);
  const timeline = staff.getByTestId('timeline');
  await timeline.getByText('Regeling voorgesteld door de huurder, past niet vanzelf: € 20,00 per maand').waitFor();
  await staff.context().close();

  // Without JavaScript the tenant still reads what is open and what comes next.
  const plain = await phonePage(false);
  await plain.goto(c.link);
  await plain.getByLabel('Postcode').fill('3572AB');
  await plain.getByLabel('Huisnummer').fill('7');
  await plain.getByRole('button', { name: 'Verder' }).click();
  const text = await plain.locator('main').innerText();
  expect(text).toContain('Er staat € 600,00 open.');
  expect(text).toContain('Een medewerker neemt binnenkort contact met u op.');
  await plain.goto(`${c.link.slice(0, -2)}xx`);
  expect(await plain.locator('main').innerText()).toContain('Wij kennen deze link niet');
  await plain.context().close();

  const scan = await phonePage();
  await scan.goto(`${c.link.slice(0, -2)}xx`);
  expect(await accessibilityViolations(scan)).toEqual([]);
  await scan.context().close();
});
