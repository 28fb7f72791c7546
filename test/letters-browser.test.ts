// Issue 13, points 3 and 4 in the browser: a caseworker finds the day's print batch under
// Zaken → "Brieven printen", downloads it (its text read back with pdftotext holds the tenant's
// letter) and marks it handed over, after which its letters count as sent; the case timeline
// links the letter's PDF. A policy owner previews a letter template as the PDF the tenant gets.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { messages } from './support/cases.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

const run = promisify(execFile);
let h: Harness;
let browser: Browser;
beforeAll(async () => {
  // Its own database: marking today's batch handed over must not touch other files' letters.
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const pdfText = async (file: string) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');

test('the day’s letters are downloaded as one PDF and handed over to the printer; the case links its letter', async () => {
  const tenant = `Mevrouw Bos ${Math.random().toString(36).slice(2, 6)}`;
  const c = await h.openCase(await h.as('sanne'), { tenant: { name: tenant, phone: '+31611112222' }, tenancy: { reference: 'HA-PRINT-1', street: 'Vondellaan 3', postalCode: '3521 GA', city: 'Utrecht', minorsInHousehold: false } });
  await waitFor('the reminder letter', async () => (await messages(h, c.id)).find((m) => m.channel === 'letter' && m.status === 'awaiting-print'));

  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases`);
  await page.getByRole('link', { name: 'Brieven printen (dagelijkse printbatch)' }).click();
  const row = page.getByTestId('print-batch').first();
  await row.getByText('Nog niet gemaakt').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'PDF downloaden' }).click()]);
  const text = await pdfText((await download.path())!);
  expect(text).toContain(tenant);
  expect(text).toContain('Vondellaan 3');
  expect(text).toContain('HA-PRINT-1');
  await row.getByRole('button', { name: 'Overgedragen aan de drukker' }).click();
  await page.getByText(/De brief van .* telt nu als verstuurd\./).waitFor();
  await row.getByText(/Overgedragen op .* door Sanne/).waitFor();
  expect((await messages(h, c.id)).find((m) => m.channel === 'letter')!.status).toBe('sent');

  await page.goto(`${h.baseUrl}/cases/${c.id}`);
  const link = page.getByTestId('timeline').getByRole('link', { name: 'Brief als PDF' });
  expect(await link.getAttribute('href')).toMatch(/^\/api\/outbox\/\d+\/letter\.pdf$/);
  await page.context().close();
});

test('a policy owner previews the 14-day letter as the PDF the tenant gets, with the sample link, the costs and a pay-by date', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/templates/veertiendagenbrief`);
  const editor = page.getByTestId('template-editor');
  await editor.waitFor();
  expect(await editor.getByTestId('template-preview').innerText()).toContain('€ 121,88');
  const [popup] = await Promise.all([page.waitForEvent('popup'), editor.getByRole('button', { name: 'Bekijk de brief als PDF' }).click()]);
  expect(popup.url()).toMatch(/^blob:/);

  const template = (await (await h.as('eva')).get('/api/templates/veertiendagenbrief')).body.template;
  const res = await fetch(`${h.baseUrl}/api/templates/preview.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${(await h.as('eva')).token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: template.subject, body: template.body }),
  });
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = join(tmpdir(), `preview-${Date.now()}.pdf`);
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const text = await pdfText(file);
  expect(text).toContain('mevrouw De Vries');
  expect(text).toContain('Dorpsstraat 12');
  expect(text).toContain('€ 121,88');
  expect(text).toContain('Betaal uiterlijk op');
  expect(text.replace(/\s/g, '')).toContain('https://woningcorporatie.example/huurder/Vb3kQ9xT2mLp7sRw4yZc8nHd6fJg1aKe5uNo0iXqCtE');
  await page.context().close();
});
