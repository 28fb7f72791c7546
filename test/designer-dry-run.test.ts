// Issue 4, done-when 4: the dry run of the standard ladder for a tenant who never responds
// lights the path to the bailiff on the canvas, step by step, and lists every message it
// would send, with its text.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { canvasReady } from './support/designer-page.ts';
import { startHarness, type Harness } from './support/harness.ts';

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

test('a dry run of the standard ladder for "never responds" lights the path to the bailiff and lists every message', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
  await canvasReady(page);
  await page.getByRole('tab', { name: 'Proefrun' }).click();
  await page.getByLabel('Reageert nooit').check();
  await page.getByRole('button', { name: 'Proefrun starten' }).click();

  // The path grows while the run goes on: sample how many steps are lit.
  const status = page.getByTestId('dry-run-status');
  await status.waitFor();
  const lit = new Set<number>();
  // The canvas follows the run: the step it is at is brought into view.
  const inView = async () => {
    const [pane, node] = await Promise.all([page.locator('.react-flow').boundingBox(), page.locator('.step-node.mark-current').first().boundingBox()]);
    return !!pane && !!node && node.x + node.width / 2 > pane.x && node.x + node.width / 2 < pane.x + pane.width && node.y + node.height / 2 > pane.y && node.y + node.height / 2 < pane.y + pane.height;
  };
  const seen: boolean[] = [];
  while ((await status.getAttribute('data-status')) === 'running') {
    lit.add(await page.locator('.step-node.mark-visited, .step-node.mark-current').count());
    if ((await page.locator('.step-node.mark-current').count()) > 0) seen.push(await inView());
    await page.waitForTimeout(250);
  }
  expect(await status.getAttribute('data-status')).toBe('finished');
  expect(await status.innerText()).toContain('Ontruimd');
  expect(lit.size).toBeGreaterThan(4);

  const path = await page.getByTestId('dry-run-path').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  for (const step of ['reminder-letter', 'whatsapp-link', 'phone-call', 'home-visit', 'debt-help-referral', 'municipality-signal', 'fourteen-day-letter', 'collection-costs', 'bailiff-claim', 'court-judgment', 'eviction-notice', 'end-evicted'])
    expect(path).toContain(step);
  expect(path.indexOf('bailiff-claim')).toBeGreaterThan(path.indexOf('municipality-signal'));
  // Each step shows the day it was left: the wait after the letter ends days after the letter went.
  const dateAt = (step: string) => page.locator(`[data-testid="dry-run-path"] li[data-step="${step}"]`).first().getByTestId('dry-run-date').innerText();
  expect(await dateAt('wait-after-reminder')).not.toBe(await dateAt('reminder-letter'));
  // Panned along: the run's later steps (the bailiff, far down the ladder) were in view while it was there.
  expect(seen.length).toBeGreaterThan(3);
  expect(seen.slice(-3).every(Boolean)).toBe(true);
  // On the canvas: the bailiff lit, the arrangement (never agreed) not.
  expect(await page.locator('.react-flow__node[data-id="bailiff-claim"] .step-node.mark-visited').count()).toBe(1);
  expect(await page.locator('.react-flow__node[data-id="arrangement"] .step-node.mark-dim').count()).toBe(1);
  expect(await page.locator('.react-flow__edge.edge-lit').count()).toBeGreaterThan(10);

  // Every message it would send, with its rendered text.
  const messages = page.getByTestId('dry-run-messages').locator('li');
  expect(await messages.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(['reminder-letter', 'whatsapp-link', 'fourteen-day-letter']);
  expect(await page.getByText('3 berichten die verstuurd zouden worden').isVisible()).toBe(true);
  await messages.nth(2).locator('summary').click();
  const body = await messages.nth(2).locator('.message-body').innerText();
  expect(body).toContain('Beste Proefhuurder (fictief)');
  expect(body).toContain('Betaal het bedrag binnen 14 dagen');
  await page.context().close();

  // The fictional case is nobody's work: staff cannot open it, pay on it or work its tasks.
  const dry = (await h.pool.query<{ case_id: string }>(`SELECT case_id FROM dry_runs ORDER BY started_at DESC LIMIT 1`)).rows[0]!;
  const tom = await h.as('tom');
  expect((await tom.get(`/api/cases/${dry.case_id}`)).status).toBe(404);
  expect((await tom.post(`/api/cases/${dry.case_id}/payments`, { reason: 'overboeking gezien in de bank', reference: 'DRY-1', amountCents: 100 })).status).toBe(404);
  const task = (await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 LIMIT 1`, [dry.case_id])).rows[0];
  if (task) expect((await tom.post(`/api/tasks/${task.id}/complete`, { outcome: 'reached', fields: {} })).status).toBe(404);
}, 180_000);
