// Issue 4, done-when 2: the standard ladder with its debt-help step removed cannot be
// published, and the refusal names the legal rule and the path that breaks it; putting the
// step back makes it publishable. Done on a copy of the shipped ladder, so other tests that
// open cases on "standard-ladder" keep their version.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { canvasReady, listedProblems, node, problems, until } from './support/designer-page.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

type StepInput = (typeof standardLadder.steps)[number] & { next?: Record<string, string> };

/** The ladder as someone would "remove" debt help: the step gone, what led to it going straight on to the municipality signal. */
function withoutDebtHelp(id: string) {
  const steps = (standardLadder.steps as StepInput[])
    .filter((s) => s.id !== 'debt-help-referral' && s.id !== 'after-debt-help')
    .map((s) => ({ ...s, next: Object.fromEntries(Object.entries(s.next ?? {}).map(([o, to]) => [o, to === 'debt-help-referral' ? 'municipality-signal' : to])) }));
  return { ...standardLadder, id, steps };
}

test('publishing the standard ladder without its debt-help step is refused naming rule and path; putting it back allows publishing', async () => {
  const eva = await h.as('eva');
  const id = `ladder-kopie-${Date.now().toString(36)}`;
  expect((await eva.post('/api/definitions', { id, name: 'Kopie standaardladder' })).status).toBe(201);
  expect((await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: { ...standardLadder, id } })).status).toBe(200);

  // The server refuses it too, with the rule and a path from the start.
  const refused = await eva.post('/api/definitions/publish', { definition: withoutDebtHelp(id), note: 'zonder schuldhulp' });
  expect(refused.status).toBe(400);
  const legal = refused.body.error.details.find((p: { rule: string }) => p.rule === 'bailiff-preconditions');
  expect(legal).toMatchObject({ stepId: 'bailiff-claim', severity: 'error' });
  expect(legal.path[0]).toBe('start');
  expect(legal.path.at(-1)).toBe('bailiff-claim');
  expect(legal.message).toMatch(/legal rule 1 .*debt help/);

  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
  await canvasReady(page);
  expect(await page.getByTestId('error-count').innerText()).toBe('0 fouten');

  // Find the debt-help step by name, remove it and let what led to it go on to the municipality signal.
  await page.getByPlaceholder('Zoek stap…').fill('schuldhulpverlening');
  await page.getByPlaceholder('Zoek stap…').press('Enter');
  await page.locator('.step-form[data-step-id="debt-help-referral"]').waitFor();
  await page.getByLabel('Overbruggen via uitkomst').selectOption({ label: 'via "Geweigerd"' });
  await page.getByRole('button', { name: 'Verwijderen en overbruggen' }).click();
  await node(page, 'debt-help-referral').waitFor({ state: 'detached' });

  await until('the legal check reports the bailiff step', async () => (await listedProblems(page)).some(([rule, step]) => rule === 'bailiff-preconditions' && step === 'bailiff-claim'));
  const row = problems(page).locator('button.problem[data-rule="bailiff-preconditions"][data-step="bailiff-claim"]');
  const text = await row.innerText();
  expect(text).toContain('Wettelijke regel 1');
  expect(text).toContain('Bgs art. 2');
  expect(text).toContain('een verwijzing naar schuldhulpverlening');
  expect(text).toMatch(/Pad: Achterstand geconstateerd → .* → Overdracht deurwaarder \(vordering\)/);
  // Clicking it lights the path on the canvas and selects the step.
  await row.click();
  await page.locator('.step-form[data-step-id="bailiff-claim"]').waitFor();
  expect(await page.locator('.step-node.mark-path').count()).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Publiceren…' }).click();
  const refusal = page.getByTestId('publish-refused');
  await refusal.waitFor();
  expect(await refusal.innerText()).toMatch(/Publiceren kan niet: er zijn nog \d+ fouten/);
  expect(await refusal.locator('[data-rule="bailiff-preconditions"]').first().innerText()).toContain('Pad: Achterstand geconstateerd');
  expect(await page.getByRole('dialog').getByRole('button', { name: 'Publiceren', exact: true }).isDisabled()).toBe(true);
  await page.getByRole('dialog').getByRole('button', { name: 'Annuleren' }).click();

  // Put it back.
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await node(page, 'debt-help-referral').waitFor();
  await until('no errors remain', async () => (await page.getByTestId('error-count').innerText()) === '0 fouten');

  await page.getByRole('button', { name: 'Publiceren…' }).click();
  await page.getByLabel('Wat is er veranderd?').fill('Schuldhulp blijft in de ladder');
  await page.getByRole('dialog').getByRole('button', { name: 'Publiceren', exact: true }).click();
  await page.getByText('Versie 1 is gepubliceerd.').waitFor();
  const published = (await eva.get(`/api/definitions/${id}`)).body;
  expect(published.body.steps.map((s: { id: string }) => s.id)).toContain('debt-help-referral');
  await page.context().close();
}, 180_000);
