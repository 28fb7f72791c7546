// Issue 14, item 4, in the browser: a policy owner opens "Wat werkt" and sees the known
// population's figures on the process map (each step coloured by its effect, grey and marked
// too few under 30 cases), beside the steps in a table with intervals and counts, and the
// version comparison's verdict. Real headless Chromium on the real app.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DefinitionSchema } from '../definition/schema.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { analyticsLadder, insertPopulation, versionOnePopulation, versionTwoPopulation } from './support/analytics-population.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { until } from './support/designer-page.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
const definitionId = `wat-werkt-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  h = await startHarness({ ownDatabase: true, withWorker: false });
  await insertVersion(h.pool, DefinitionSchema.parse(analyticsLadder(definitionId, false)), 'test', 'version 1');
  await insertVersion(h.pool, DefinitionSchema.parse(analyticsLadder(definitionId, true)), 'test', 'version 2');
  await insertPopulation(h.pool, definitionId, [...versionOnePopulation(), ...versionTwoPopulation()]);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const badge = (page: Page, step: string) => page.getByTestId(`effect-${step}`);
const attrs = async (page: Page, step: string) =>
  badge(page, step).evaluate((el) => ({ rate: el.getAttribute('data-rate'), n: el.getAttribute('data-n'), tooFew: el.getAttribute('data-too-few'), rank: el.getAttribute('data-rank'), background: getComputedStyle(el).backgroundColor, text: (el.querySelector('[aria-hidden]') as HTMLElement).innerText }));

test('a policy owner sees what works on the process map: coloured by effect, too few marked grey, intervals beside the rates, and version 2 against version 1', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.getByRole('link', { name: 'Wat werkt' }).waitFor();
  await page.goto(`${h.baseUrl}/analytics?definition=${definitionId}&version=1&from=2026-01-01&to=2026-02-01`);
  await page.locator('[data-testid="effect-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
  await badge(page, 'letter').waitFor();

  // Paid in full within 30 days after the reminder: 20 of 40, coloured; the call, 28 cases, is grey and too few.
  const letter = await attrs(page, 'letter');
  expect(letter).toMatchObject({ rate: '0.5', n: '40', tooFew: 'false', rank: '1', text: '50% · n=40' });
  expect(letter.background).not.toBe('rgb(228, 231, 235)');
  expect(await attrs(page, 'call')).toMatchObject({ rate: String(8 / 28).slice(0, 6), n: '28', tooFew: 'true', rank: '', text: 'te weinig · n=28', background: 'rgb(228, 231, 235)' });
  expect(await badge(page, 'letter').getAttribute('title')).toBe('Herinnering: 50% (95%-interval 35%–65%), 20 van 40 zaken');
  expect(await page.getByTestId('analytics-summary').innerText()).toContain('40 gesloten zaken');

  // The step table gives each share with its interval and count, and ranks only from 30 cases.
  const row = page.locator('[data-testid="analytics-steps"] tr[data-step="letter"]');
  expect(await row.innerText()).toMatch(/Herinnering\s+40\s+30% \(18%–45%\) n=40\s+30% \(18%–45%\) n=40\s+50% \(35%–65%\) n=40\s+20\s+1/);
  expect(await page.locator('[data-testid="analytics-steps"] tr[data-step="call"] td[data-rank]').innerText()).toBe('te weinig zaken');

  // Another figure and window recolour the map: contact within 14 days after the reminder, 18 of 40.
  await page.getByLabel('Kleur de kaart naar', { exact: true }).selectOption('contact');
  await page.getByLabel('Binnen', { exact: true }).selectOption('d14');
  await until('the map shows contact within 14 days', async () => (await attrs(page, 'letter')).rate === '0.45', 10_000);

  // The channels: e-mail answered in 30 of 40 cases.
  expect(await page.locator('[data-testid="analytics-channels"] tr[data-channel="email"]').innerText()).toContain('75% (60%–86%) n=40');

  // Version 2 against version 1: paid in full within 30 days 25 points higher, with its interval.
  const paid30 = page.locator('[data-testid="comparison-table"] tr[data-metric="paidInFull30"]');
  await paid30.waitFor();
  expect(await paid30.locator('[data-verdict]').getAttribute('data-verdict')).toBe('higher');
  expect(await paid30.innerText()).toContain('+25 %-punt (+3,8 tot +43,3) · hoger');
  const call = page.locator('[data-testid="comparison-table"] tr[data-step="call"] [data-verdict]');
  expect(await call.innerText()).toContain('te weinig zaken');

  // Each table as CSV, for this population.
  expect(await page.getByTestId('csv-steps').getAttribute('href')).toBe(`/api/analytics/outcomes.csv?definitionId=${definitionId}&version=1&from=2026-01-01&to=2026-02-01&table=steps&lang=nl`);
  await page.context().close();
}, 120_000);

test('a caseworker has no "Wat werkt" and is kept out of it', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  expect(await page.getByRole('link', { name: 'Wat werkt' }).count()).toBe(0);
  await page.goto(`${h.baseUrl}/analytics`);
  await page.locator('.page-state[role="alert"]').waitFor();
  expect(await page.getByTestId('what-works').count()).toBe(0);
  await page.context().close();
}, 60_000);
