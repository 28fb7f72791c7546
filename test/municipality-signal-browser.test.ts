// The municipality signal in the browser: the collection manager finds "Signalen gemeente" under
// Zaken, makes a batch and downloads it for the upload point, then uploads the municipality's
// answers: a file with a wrong line shows each problem and changes nothing, the right file
// reports the case paused, and the case's timeline says what the municipality answered.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { complete, openTask } from './support/cases.ts';
import { screenshot } from './support/staff-pages.ts';
import { signalThenRoom } from './support/definitions.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  // Its own database: a batch takes every waiting signal.
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

test('a batch is made and downloaded, and the answers file pauses the case, from the Signalen gemeente page', async () => {
  const definition = signalThenRoom(`signal-browser-${Date.now()}`);
  expect((await (await h.as('eva')).post('/api/definitions/publish', { definition })).status).toBe(201);
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { definitionId: definition.id, tenant: { name: 'Mevrouw Veld', phone: '+31611113333', email: 'veld@example.nl' } });
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
  const signal = await waitFor('the signal recorded', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal' AND delivery_ref IS NOT NULL`, [c.id])).rows[0]?.id);

  const page = await signedInPage(browser, h.baseUrl, 'johan');
  await page.goto(`${h.baseUrl}/cases`);
  await page.getByRole('link', { name: 'Signalen gemeente (vroegsignalering)' }).click();
  await page.getByText('Er wacht 1 melding op export.').waitFor();
  await page.getByRole('button', { name: 'Batch maken' }).click();
  await page.getByText(/Batch \d+ gemaakt met 1 melding\./).waitFor();
  const row = page.getByTestId('signal-batch').first();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('reference,name,address.street,address.postalCode,address.city,phone,email,arrearsCents');
  expect(csv).toContain(`${signal},Mevrouw Veld,`);

  const today = new Date().toISOString().slice(0, 10);
  const upload = page.locator('input[type=file]');
  await upload.setInputFiles({ name: 'antwoorden.csv', mimeType: 'text/csv', buffer: Buffer.from(`reference,answer,date\n${signal},help-accepted,${today}\nonbekend,help-accepted,${today}\n`) });
  await page.getByTestId('answer-problems').getByText('line 3: reference: no municipality signal onbekend').waitFor();
  expect((await h.state(c.id)).paused).toBeNull();

  await upload.setInputFiles({ name: 'antwoorden.csv', mimeType: 'text/csv', buffer: Buffer.from(`reference,answer,date\n${signal},help-accepted,${today}\n`) });
  await page.getByText('1 antwoord verwerkt, 0 al eerder verwerkt.').waitFor();
  await screenshot(page, 'municipality-signals', { height: 900 });
  await page.getByTestId('answer-report').getByRole('link', { name: 'Zaak gepauzeerd' }).click();
  await page.getByTestId('timeline').getByText('Gemeente: de huurder aanvaardt hulp (vastgelegd door Johan Smit)').waitFor();
  expect((await h.state(c.id)).paused).not.toBeNull();
  await page.context().close();
});
