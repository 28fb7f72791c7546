// Issue 11, point 1: money a person types in is controlled. A manual payment needs a reason;
// above the threshold (€250 by default) it waits, unseen by the case, until a second person
// approves it; the registrant cannot approve their own; a rejection says why and the reference
// stays used; only finance imports statements; the case page shows who registered what.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_PAYMENT_APPROVAL_CENTS } from '../definition/payment-control.ts';
import { parseEnv } from '../server/env.ts';
import { caseStateQuery } from '../workflows/messages.ts';
import { atStep } from './support/cases.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let sanne: Api;
let mark: Api;
let johan: Api;
let fleur: Api;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  [sanne, mark, johan, fleur] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('johan'), h.as('fleur')]);
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const REASON = 'overboeking gezien in de bank';
const userId = async (username: string) => (await h.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]!.id;
const balanceOf = async (caseId: string) => (await h.state(caseId)).balanceCents;
const paymentRow = async (reference: string) =>
  (await h.pool.query(`SELECT amount_cents, reason, registered_by, approved_by, applied_at IS NOT NULL AS applied FROM payments WHERE reference = $1`, [reference])).rows[0];
const auditOf = async (caseId: string) =>
  (await h.pool.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE case_id = $1 AND action LIKE 'payment.%' ORDER BY id`, [caseId])).rows;

/** A case of €800 parked at the wait after its reminder. */
async function parkedCase() {
  const c = await h.openCase(sanne);
  await atStep(h, c.id, 'wait-after-reminder');
  return c;
}
const ref = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

describe('a manual payment', () => {
  test('needs a reason; up to the threshold it is applied at once and kept with who registered it and why', async () => {
    const c = await parkedCase();
    const noReason = await sanne.post(`/api/cases/${c.id}/payments`, { reference: ref('KAS'), amountCents: 10_000 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ field: 'body.reason', message: 'reason is required' }]);
    const short = await sanne.post(`/api/cases/${c.id}/payments`, { reference: ref('KAS'), amountCents: 10_000, reason: 'x' });
    expect(short.body.error.details[0].field).toBe('body.reason');

    const reference = ref('KAS');
    // Exactly the threshold is not above it.
    const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reference, amountCents: DEFAULT_PAYMENT_APPROVAL_CENTS, reason: 'contant aan de balie' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'registered', duplicate: false, balanceCents: 80_000 - DEFAULT_PAYMENT_APPROVAL_CENTS });
    expect(await paymentRow(reference)).toEqual({ amount_cents: DEFAULT_PAYMENT_APPROVAL_CENTS, reason: 'contant aan de balie', registered_by: await userId('sanne'), approved_by: null, applied: true });
    expect(await auditOf(c.id)).toEqual([{ action: 'payment.register', actor: await userId('sanne') }]);
  });

  test('above the threshold it waits unseen by the case until a second person approves; the registrant cannot approve it, and an approval retried counts once', async () => {
    const c = await parkedCase();
    const reference = ref('BANK');
    const registered = await mark.post(`/api/cases/${c.id}/payments`, { reference, amountCents: 30_000, reason: REASON });
    expect(registered.status).toBe(202);
    expect(registered.body).toMatchObject({ status: 'awaiting-approval', request: { reference, amountCents: 30_000, status: 'pending', requestedByName: 'Mark Visser', reason: REASON } });
    const id = registered.body.request.id;
    // Registered again (a double click, a retry): the same request, nothing new.
    const again = await mark.post(`/api/cases/${c.id}/payments`, { reference, amountCents: 30_000, reason: REASON });
    expect(again.status).toBe(202);
    expect(again.body.request.id).toBe(id);
    // The case knows nothing of it; no payment is recorded yet.
    expect(await balanceOf(c.id)).toBe(80_000);
    expect(await paymentRow(reference)).toBeUndefined();

    // Finance, team leads and the collection manager see it waiting; a caseworker may not approve.
    const waiting = await fleur.get('/api/payment-requests');
    expect(waiting.body.requests.map((r: { id: string }) => r.id)).toContain(id);
    expect((await sanne.get('/api/payment-requests')).status).toBe(403);
    expect((await sanne.post(`/api/payment-requests/${id}/approve`, {})).status).toBe(403);
    // Mark is a team lead, an approver, but he registered it.
    const own = await mark.post(`/api/payment-requests/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(`four-eyes rule: you registered payment "${reference}"; a different person must approve or reject it`);
    expect(await balanceOf(c.id)).toBe(80_000);

    const approved = await johan.post(`/api/payment-requests/${id}/approve`, { note: 'gezien op het afschrift' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'registered', duplicate: false, balanceCents: 50_000, request: { status: 'approved', decidedByName: 'Johan Smit' } });
    // The approver's retry (a lost answer) sends it again, and the case counts it once.
    const retried = await johan.post(`/api/payment-requests/${id}/approve`, {});
    expect(retried.body).toMatchObject({ duplicate: true, balanceCents: 50_000 });
    const late = await fleur.post(`/api/payment-requests/${id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('already approved by Johan Smit');
    expect(await balanceOf(c.id)).toBe(50_000);

    expect(await paymentRow(reference)).toEqual({ amount_cents: 30_000, reason: REASON, registered_by: await userId('mark'), approved_by: await userId('johan'), applied: true });
    expect(await auditOf(c.id)).toEqual([
      { action: 'payment.request', actor: await userId('mark') },
      { action: 'payment.approve', actor: await userId('johan') },
    ]);
    expect((await fleur.get('/api/payment-requests')).body.requests.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  test('a rejected payment never reaches the case, the rejection says why, and its reference cannot be registered again', async () => {
    const c = await parkedCase();
    const reference = ref('BANK');
    const registered = await sanne.post(`/api/cases/${c.id}/payments`, { reference, amountCents: 50_000, reason: REASON });
    const id = registered.body.request.id;
    const bare = await fleur.post(`/api/payment-requests/${id}/reject`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.details[0].field).toBe('body.note');
    const rejected = await fleur.post(`/api/payment-requests/${id}/reject`, { note: 'niet terug te vinden op het afschrift' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request).toMatchObject({ status: 'rejected', decidedByName: 'Fleur Hendriks', decisionNote: 'niet terug te vinden op het afschrift' });
    expect((await johan.post(`/api/payment-requests/${id}/approve`, {})).status).toBe(409);
    const retry = await sanne.post(`/api/cases/${c.id}/payments`, { reference, amountCents: 50_000, reason: REASON });
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toBe(`payment "${reference}" was rejected by Fleur Hendriks: niet terug te vinden op het afschrift`);
    expect(await balanceOf(c.id)).toBe(80_000);
    expect(await paymentRow(reference)).toBeUndefined();
    // The case page lists it with the rejection.
    const detail = await sanne.get(`/api/cases/${c.id}`);
    expect(detail.body.paymentRequests).toMatchObject([{ reference, status: 'rejected', decidedByName: 'Fleur Hendriks' }]);
  });

  test('an unknown or malformed request id is named', async () => {
    expect((await fleur.post(`/api/payment-requests/${randomUUID()}/approve`, {})).status).toBe(404);
    const bad = await fleur.post('/api/payment-requests/nope/approve', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('path.id');
    expect((await fleur.get('/api/payment-requests?status=maybe')).body.error.details[0].field).toBe('query.status');
  });

  test('the threshold is configurable and defaults to €250', () => {
    expect(parseEnv({}).PAYMENT_APPROVAL_THRESHOLD_CENTS).toBe(25_000);
    expect(parseEnv({ PAYMENT_APPROVAL_THRESHOLD_CENTS: '0' }).PAYMENT_APPROVAL_THRESHOLD_CENTS).toBe(0);
    expect(() => parseEnv({ PAYMENT_APPROVAL_THRESHOLD_CENTS: 'veel' })).toThrow(/PAYMENT_APPROVAL_THRESHOLD_CENTS/);
  });
});

describe('on the case page', () => {
  test('a caseworker registers a large payment with its reason and is told it waits; finance approves it there; each payment says who registered and approved it', async () => {
    const c = await parkedCase();
    const page = await signedInPage(browser, h.baseUrl, 'sanne');
    await page.goto(`${h.baseUrl}/cases/${c.id}`);
    await page.getByRole('button', { name: 'Betaling registreren' }).click();
    await page.getByLabel('Bedrag').fill('300,00');
    await page.getByLabel('Reden').fill(REASON);
    await page.getByRole('button', { name: 'Betaling vastleggen' }).click();
    await page.getByText('wacht op goedkeuring door een tweede persoon').waitFor();
    await page.context().close();
    expect(await balanceOf(c.id)).toBe(80_000);

    const finance = await signedInPage(browser, h.baseUrl, 'fleur');
    await finance.goto(`${h.baseUrl}/cases/${c.id}`);
    const waiting = finance.getByRole('region', { name: 'Betalingen ter goedkeuring' });
    await waiting.getByText(REASON).waitFor();
    await waiting.getByRole('button', { name: 'Goedkeuren' }).click();
    await waitFor('the payment applied', async () => (await balanceOf(c.id)) === 50_000);
    await finance.getByText('Geregistreerd door Sanne Jansen, goedgekeurd door Fleur Hendriks').waitFor();
    await finance.context().close();
  });
});

test('the workflow never saw the waiting payment: its state has no trace of a rejected one', async () => {
  const c = await parkedCase();
  const reference = ref('BANK');
  const r = await sanne.post(`/api/cases/${c.id}/payments`, { reference, amountCents: 70_000, reason: REASON });
  await fleur.post(`/api/payment-requests/${r.body.request.id}/reject`, { note: 'dubbel ingevoerd' });
  const handle = h.temporal.workflow.getHandle(c.workflowId);
  const state = await handle.query(caseStateQuery);
  expect(JSON.stringify(state)).not.toContain(reference);
});
