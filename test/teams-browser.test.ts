// Teams in real Chromium: an admin defines a team with its postcode area and a member on the
// Teams page; that member's case list then holds the cases of the area only, and a direct
// link to a case elsewhere finds nothing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { screenshot } from './support/staff-pages.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  // Its own database: a team's member sees less, which must not reach other files' demo users.
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const at = (postalCode: string, name: string) => ({ tenancy: { reference: `TB-${postalCode.replace(' ', '')}-${Date.now() % 100000}`, street: 'Dorpsstraat 1', postalCode, city: 'Utrecht', minorsInHousehold: false }, tenant: { name } });

test('an admin gives sanne a team for postcodes 3500-3549; her case list then shows only that area', async () => {
  const sanneApi = await h.as('sanne');
  const noord = await h.openCase(sanneApi, at('3511 AB', 'Mevrouw Binnen'));
  const elders = await h.openCase(sanneApi, at('3581 CD', 'Meneer Buiten'));

  const admin = await signedInPage(browser, h.baseUrl, 'admin');
  await admin.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Gebruikers' }).click();
  await admin.getByRole('navigation', { name: 'Onderdelen beheer' }).getByRole('link', { name: 'Teams' }).click();
  const form = admin.getByRole('form', { name: 'Nieuw team' });
  await form.getByLabel('Team-id').fill('utrecht-noord');
  await form.getByLabel('Naam').fill('Utrecht-Noord');
  await form.getByLabel('Postcodegebieden').fill('3500-3549');
  await form.getByLabel('Sanne Jansen').check();
  await form.getByRole('button', { name: 'Team aanmaken' }).click();
  await admin.getByRole('status').filter({ hasText: 'Team Utrecht-Noord is opgeslagen.' }).waitFor();
  const saved = admin.getByRole('form', { name: 'Team Utrecht-Noord' });
  expect(await saved.getByLabel('Postcodegebieden').inputValue()).toBe('3500-3549');
  expect(await saved.getByLabel('Sanne Jansen').isChecked()).toBe(true);
  // A wrong area is named by the server, and nothing changes.
  await saved.getByLabel('Postcodegebieden').fill('3500-3549, 3540-3560');
  await saved.getByRole('button', { name: 'Team opslaan' }).click();
  expect(await admin.getByRole('alert').innerText()).toContain('overlaps 3500-3549');
  await screenshot(admin, 'admin-teams');
  await admin.context().close();

  const sanne = await signedInPage(browser, h.baseUrl, 'sanne');
  await sanne.getByRole('link', { name: 'Zaken' }).click();
  await sanne.getByRole('link', { name: 'Mevrouw Binnen' }).waitFor();
  expect(await sanne.locator('main').innerText()).not.toContain('Meneer Buiten');
  await sanne.goto(`${h.baseUrl}/cases/${elders.id}`);
  await sanne.getByText(`case ${elders.id} not found`).waitFor();
  await sanne.goto(`${h.baseUrl}/cases/${noord.id}`);
  await sanne.getByTestId('case-page').waitFor();
  await sanne.context().close();
});
