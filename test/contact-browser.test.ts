// A tenant who calls during a payment arrangement: the caseworker finds the follow-up task in
// the inbox, changes the plan there with the arrangement's own limits, and the case page shows
// the new plan, the arrangement still running.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { businessNow } from '../workflows/case-view.ts';
import { atStep, complete, openTask } from './support/cases.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';
import { openTaskFromInbox } from './support/staff-pages.ts';

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

const DAY = 86_400_000;

test('the follow-up task of a contact during an arrangement changes the plan from the inbox', async () => {
  const sanne = await h.as('sanne');
  const tenant = `Mevrouw Öztürk ${Math.random().toString(36).slice(2, 6)}`;
  const c = await h.openCase(sanne, { arrearsCents: 60_000, timeScale: daysPerSecond(0.5), tenant: { name: tenant, phone: '+31634567890' } });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde na de herinnering.' });
  const day = async (n: number) => new Date(businessNow(await h.state(c.id)) + n * DAY).toISOString().slice(0, 10);
  await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'arrangement-agreed', { instalmentCents: 10_000, instalments: 6, interval: 'P1M', firstDueDate: await day(40) });
  await atStep(h, c.id, 'arrangement');
  const contact = await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'De volgende termijn lukt niet.' });
  expect(contact.body.contact.effect).toBe('task-opened');

  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await openTaskFromInbox(page, h.baseUrl, tenant);
  await page.getByLabel('Regeling aanpassen').check();
  const plan = page.getByTestId('arrangement-plan');
  // The arrangement's own limits, as at agreement.
  expect(await plan.getByTestId('plan-limits').innerText()).toMatch(/minimaal €\s?50,00 per termijn, hoogstens 12 termijnen/);
  await plan.getByLabel('Wat kan de huurder per termijn betalen?').fill('60');
  await plan.getByLabel('Eerste termijn op').fill(await day(70));
  await expect.poll(() => plan.getByTestId('plan-check').innerText()).toMatch(/Realistisch/);
  await page.getByLabel('Toelichting').fill('Salaris komt later; zestig euro per maand lukt wel.');
  await page.getByRole('button', { name: 'Taak afronden' }).click();
  await page.waitForURL(`**/cases/${c.id}`);

  const view = await waitFor('the new plan', async () => {
    const v = await h.state(c.id);
    return v.arrangement?.plan.instalmentCents === 6_000 ? v : undefined;
  });
  expect(view.currentStep?.id).toBe('arrangement');
  expect(view.arrangement!.plan.instalments).toBe(10);
  const card = page.getByTestId('arrangement');
  await expect.poll(async () => await card.locator('tbody tr').count(), { timeout: 15_000 }).toBe(10);
  await page.context().close();
});

test('a caseworker changes the tenant\'s phone and preferred channel on the case page; a wrong number is named at its field; the audit keeps before and after', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { tenant: { name: 'Meneer Verhuisd', phone: '+31611111111', email: 'oud@example.nl' } });
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases/${c.id}`);
  await page.getByRole('button', { name: 'Contactgegevens wijzigen' }).click();
  const phone = page.getByLabel('Telefoon', { exact: true });
  await phone.fill('bel me niet');
  await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await page.getByText('a phone number has 8 to 20 digits').first().waitFor();
  expect(await phone.getAttribute('aria-invalid')).toBe('true');

  await phone.fill('06 12345678');
  await page.getByLabel('E-mail', { exact: true }).fill('');
  await page.getByLabel('Voorkeurskanaal').selectOption('sms');
  await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'De contactgegevens zijn gewijzigd.' }).waitFor();
  const card = page.getByTestId('tenant');
  await expect.poll(() => card.getByRole('link', { name: '06 12345678' }).getAttribute('href')).toBe('tel:0612345678');
  expect(await card.innerText()).toContain('SMS');
  expect(await card.innerText()).not.toContain('oud@example.nl');

  const logged = await h.pool.query(`SELECT before, after FROM audit_log WHERE action = 'tenant.contact' AND case_id = $1`, [c.id]);
  expect(logged.rows).toEqual([{ before: { phone: '+31611111111', email: 'oud@example.nl', preferredChannel: null }, after: { phone: '06 12345678', email: null, preferredChannel: 'sms' } }]);
  await page.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
});
