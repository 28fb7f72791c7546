// Money as finance expects it: the balance never goes below zero. What a tenant pays beyond
// it is a credit on the case, shown on the case page and in the case list, with a task for
// finance to refund it or settle it against the next rent; the dashboard's arrears are not
// lowered by credits.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { atStep, timeline } from './support/cases.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';
import { euroText } from './support/staff-pages.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  // Its own database: the dashboard's totals below count every case in it.
  h = await startHarness({ ownDatabase: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const creditTask = async (caseId: string) =>
  await waitFor('the credit task', async () => (await h.pool.query<{ id: string; role: string; roles: string[]; title: string }>(`SELECT id, role, roles, title FROM tasks WHERE case_id = $1 AND kind = 'credit-settlement' AND status = 'open'`, [caseId])).rows[0]);

test('a payment of €80 on a balance of €60 clears it, leaves €20 credit and a task for finance; the balance and its search attribute stay at zero', async () => {
  const [sanne, fleur] = await Promise.all([h.as('sanne'), h.as('fleur')]);
  const c = await h.openCase(sanne, { arrearsCents: 6_000 });
  await atStep(h, c.id, 'wait-after-reminder');
  const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `OVER-${randomUUID().slice(0, 6)}`, amountCents: 8_000 });
  expect(paid.status).toBe(200);
  expect(paid.body.balanceCents).toBe(0);

  const row = await waitFor('the credit on the case', async () => {
    const r = (await h.pool.query(`SELECT balance_cents, credit_cents FROM cases WHERE id = $1`, [c.id])).rows[0];
    return r.credit_cents === 2_000 ? r : undefined;
  });
  expect(row.balance_cents).toBe(0);
  const payment = (await h.pool.query(`SELECT balance_after_cents FROM payments WHERE case_id = $1`, [c.id])).rows[0];
  expect(payment.balance_after_cents).toBe(0);
  const described = await h.temporal.workflow.getHandle(c.workflowId).describe();
  expect(described.searchAttributes.CaseBalance).toEqual([0]);

  // The API shows it on the case and in the list.
  const detail = await sanne.get(`/api/cases/${c.id}`);
  expect(detail.body.case).toMatchObject({ balanceCents: 0, creditCents: 2_000 });
  const list = await sanne.get(`/api/cases?q=${encodeURIComponent(c.reference)}`);
  expect(list.body.cases.find((x: { id: string }) => x.id === c.id)).toMatchObject({ creditCents: 2_000 });
  expect((await timeline(h, c.id)).find((e) => e.type === 'credit')?.data).toMatchObject({ creditCents: 2_000 });

  // Finance settles it; a caseworker may not.
  const task = await creditTask(c.id);
  expect(task.roles).toEqual(['finance']);
  const refused = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'refunded' });
  expect(refused.status).toBe(403);
  const inbox = await fleur.get('/api/tasks?view=mine');
  expect(inbox.body.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
  const done = await fleur.post(`/api/tasks/${task.id}/complete`, { outcome: 'refunded', fields: { note: 'Teruggestort op de bekende rekening.' } });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ outcome: 'refunded', creditCents: 0 });
  expect((await h.pool.query(`SELECT credit_cents FROM cases WHERE id = $1`, [c.id])).rows[0].credit_cents).toBe(0);
  expect((await timeline(h, c.id)).find((e) => e.type === 'credit-settled')?.data).toMatchObject({ outcome: 'refunded', creditCents: 2_000 });
  const again = await fleur.post(`/api/tasks/${task.id}/complete`, { outcome: 'settled' });
  expect(again.status).toBe(409);
});

test('a bank statement that pays too much does the same, and the dashboard counts no credit against the arrears', async () => {
  const sanne = await h.as('sanne');
  const omar = await h.as('omar');
  const over = await h.openCase(sanne, { arrearsCents: 5_000 });
  await h.openCase(sanne, { arrearsCents: 30_000 });
  await atStep(h, over.id, 'wait-after-reminder');
  const csv = `reference,amount,date\n${over.reference},75.00,2026-11-23\n`;
  const res = await (await h.as('fleur')).call('POST', `/api/payments/import?filename=over-${randomUUID().slice(0, 6)}.csv`, csv, { 'content-type': 'text/csv' });
  expect(res.status).toBe(200);
  await creditTask(over.id);
  const row = (await h.pool.query(`SELECT balance_cents, credit_cents FROM cases WHERE id = $1`, [over.id])).rows[0];
  expect(row).toEqual({ balance_cents: 0, credit_cents: 2_500 });
  const dashboard = await omar.get('/api/ops/dashboard');
  expect(dashboard.status).toBe(200);
  const balances = (await h.pool.query<{ sum: string }>(`SELECT sum(balance_cents) AS sum FROM cases WHERE status <> 'closed' AND NOT dry_run`)).rows[0]!.sum;
  expect(dashboard.body.totals.arrearsCents).toBe(Number(balances));
  expect(dashboard.body.totals.arrearsCents).toBeGreaterThanOrEqual(30_000);
});

test('the case page and the case list show the credit', async () => {
  const sanne = await h.as('sanne');
  const name = `Tegoed ${randomUUID().slice(0, 4)}`;
  const c = await h.openCase(sanne, { arrearsCents: 4_000, tenant: { name, phone: '+31611112222' } });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `PAGE-${randomUUID().slice(0, 6)}`, amountCents: 5_250 });
  await creditTask(c.id);
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases/${c.id}`);
  await expect.poll(async () => await page.getByTestId('credit').textContent()).toMatch(euroText('12,50'));
  await expect.poll(async () => await page.getByTestId('balance').textContent()).toMatch(euroText('0,00'));
  await page.goto(`${h.baseUrl}/cases?q=${encodeURIComponent(name)}`);
  await expect.poll(async () => await page.locator('tr', { hasText: name }).getByTestId('credit').textContent()).toMatch(euroText('12,50'));
  await page.context().close();
});

test('a payment sent again after its case closed (its first answer lost) is answered as the duplicate it is; a new one is refused', async () => {
  const [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
  const c = await h.openCase(sanne, { arrearsCents: 6_000 });
  await atStep(h, c.id, 'wait-after-reminder');
  const reference = `LOST-${randomUUID().slice(0, 6)}`;
  const first = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 1_000 });
  expect(first.body).toMatchObject({ duplicate: false, balanceCents: 5_000 });
  expect((await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test: de zaak sluit' })).status).toBe(200);
  await waitFor('the case closed', async () => (await h.pool.query(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0].status === 'closed');
  const again = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 1_000 });
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body).toMatchObject({ reference, duplicate: true, balanceCents: 5_000 });
  const other = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${reference}-2`, amountCents: 1_000 });
  expect(other.status).toBe(409);
  expect(other.body.error.message).toBe(`case ${c.id} is closed (cancelled)`);
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM payments WHERE case_id = $1 AND applied_at IS NOT NULL`, [c.id])).rows[0].n).toBe(1);
});
