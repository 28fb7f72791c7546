// Screenshots of the designer (docs/screenshots/designer-*.png), taken by `npm run screenshots`:
// they are documentation, not a check, and rewriting committed images on every test run would
// only add noise.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { standardLadder } from '../../definition/shipped/standard-ladder.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { canvasReady, node } from '../support/designer-page.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const dir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const shot = (page: Page, name: string) => page.screenshot({ path: `${dir}designer-${name}.png` });

type StepInput = (typeof standardLadder.steps)[number] & { next?: Record<string, string> };

describe('designer screenshots', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    h = await startHarness();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function copyOfLadder(id: string, name: string) {
    const eva = await h.as('eva');
    await eva.post('/api/definitions', { id, name });
    await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: { ...standardLadder, id, name } });
    return eva;
  }

  test('the standard ladder, laid out, with the phone call selected', async () => {
    const page = await signedInPage(browser, h.baseUrl, 'eva', { width: 1920, height: 1200 });
    await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
    await canvasReady(page);
    await node(page, 'phone-call').locator('.step-node-name').click();
    await page.locator('.step-form[data-step-id="phone-call"]').waitFor();
    await shot(page, 'ladder');
    await page.getByRole('button', { name: 'Alles in beeld' }).click();
    await page.waitForTimeout(500);
    await shot(page, 'ladder-overview');
    await page.context().close();
  }, 120_000);

  test('the problems list after removing debt help, with the breaking path lit', async () => {
    const id = 'ladder-zonder-schuldhulp';
    await copyOfLadder(id, 'Incassoladder (proef zonder schuldhulp)');
    const page = await signedInPage(browser, h.baseUrl, 'eva');
    await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
    await canvasReady(page);
    await page.getByPlaceholder('Zoek stap…').fill('schuldhulpverlening');
    await page.getByPlaceholder('Zoek stap…').press('Enter');
    await page.getByLabel('Overbruggen via uitkomst').selectOption({ label: 'via "Geweigerd"' });
    await page.getByRole('button', { name: 'Verwijderen en overbruggen' }).click();
    const row = page.locator('[data-testid="problems"] button.problem[data-rule="bailiff-preconditions"][data-step="bailiff-claim"]');
    await row.waitFor();
    await row.click();
    await page.waitForTimeout(600);
    await shot(page, 'problems');
    await page.context().close();
  }, 120_000);

  test('a visual diff between two published versions', async () => {
    const id = 'ladder-met-sms';
    const eva = await copyOfLadder(id, 'Incassoladder met sms');
    await eva.post('/api/definitions/publish', { definition: { ...standardLadder, id, name: 'Incassoladder met sms' }, note: 'Overgenomen van de standaardladder' });
    const steps = (standardLadder.steps as StepInput[])
      .filter((s) => s.id !== 'segment-check')
      .map((s) => {
        if (s.id === 'wait-after-reminder') return { ...s, duration: 'P5D', workingDays: true, next: { elapsed: 'whatsapp-link', contact: 'phone-call' } };
        if (s.id === 'wait-after-whatsapp') return { ...s, next: { elapsed: 'sms-reminder', contact: 'phone-call' } };
        return s;
      });
    steps.push({ id: 'sms-reminder', name: 'SMS-herinnering', kind: 'communicate', channel: 'sms', template: 'sms-herinnering', purpose: 'payment-link', next: { sent: 'phone-call', failed: 'phone-call' } } as StepInput);
    const v2 = await eva.post('/api/definitions/publish', { definition: { ...standardLadder, id, name: 'Incassoladder met sms', steps }, note: 'SMS na de WhatsApp; herinnering na 5 werkdagen; iedereen eerst WhatsApp (segmentkeuze vervalt)' });
    if (v2.status !== 201) throw new Error(JSON.stringify(v2.body));
    const page = await signedInPage(browser, h.baseUrl, 'eva');
    await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
    await canvasReady(page);
    await page.getByRole('tab', { name: 'Versies' }).click();
    await page.getByTestId('diff-from').selectOption('1');
    await page.getByTestId('diff-to').selectOption('2');
    await page.getByRole('button', { name: 'Verschil tonen' }).click();
    await page.locator('[data-testid="diff-view"] [data-testid="canvas"][data-ready="true"]').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'diff');
    await page.context().close();
  }, 120_000);

  test('a dry run of the standard ladder for a tenant who never responds', async () => {
    const page = await signedInPage(browser, h.baseUrl, 'eva');
    await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
    await canvasReady(page);
    await page.getByRole('tab', { name: 'Proefrun' }).click();
    await page.getByRole('button', { name: 'Proefrun starten' }).click();
    await page.locator('[data-testid="dry-run-status"][data-status="finished"]').waitFor({ timeout: 150_000 });
    // Bring the bailiff into view: the lit path leads there.
    await page.getByPlaceholder('Zoek stap…').fill('deurwaarder (vordering)');
    await page.getByPlaceholder('Zoek stap…').press('Enter');
    // Let the view glide there before clicking: a click stops the animation.
    await page.waitForTimeout(700);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByTestId('dry-run-messages').locator('li').nth(1).locator('summary').click();
    await page.waitForTimeout(600);
    await shot(page, 'dry-run');
    await page.context().close();
  }, 200_000);

  test('the template editor with preview and plain-language hints', async () => {
    const page = await signedInPage(browser, h.baseUrl, 'eva');
    await page.goto(`${h.baseUrl}/designer/templates/veertiendagenbrief`);
    const body = page.getByTestId('template-body');
    await body.waitFor();
    await body.fill(`${await body.inputValue()}\n\nIndien u het verschuldigde bedrag reeds heeft voldaan, kunt u deze brief als niet verzonden beschouwen en hoeft u verder niets te doen.`);
    await page.getByTestId('b1-hints').waitFor();
    await shot(page, 'templates');
    await page.context().close();
  }, 120_000);
});
