// Issue 14, point 2 (the work queue): statement lines that match no open case, or more than
// one, wait for finance, who book each on a case by hand or set it aside with a reason. Booking
// a line remembers the payer's account for that tenancy, so the next transfer from it matches
// by itself; an account that pays for two tenancies is left to a person again. Each line is
// decided once, the same statement twice queues nothing new, and every decision is audited.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let fleur: Api;
const refs: string[] = [];
const cases: string[] = [];
beforeAll(async () => {
  // Its own database: the queue is global, and another file's statements would show in it.
  h = await startHarness({ ownDatabase: true });
  fleur = await h.as('fleur');
  const sanne = await h.as('sanne');
  for (const n of [1, 2, 3]) {
    const reference = `WQ-${n}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    const c = await h.openCase(sanne, { arrearsCents: 60_000, tenancy: { reference, street: `Kerkstraat ${n}`, postalCode: '3512 AB', city: 'Utrecht', minorsInHousehold: false } });
    refs.push(reference);
    cases.push(c.id);
  }
});
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const ACCOUNT = 'NL69 INGB 0123 4567 89';
const OTHER = 'NL44RABO0123456789';
const csv = (rows: Array<[string, string, string, string]>) => ['Datum;Naam / Omschrijving;Tegenrekening;Bedrag (EUR);Af Bij;Mededelingen', ...rows.map(([date, account, cents, text]) => `${date};J. de Vries;${account};${cents};Bij;${text}`)].join('\n');
const send = (body: string) => fleur.call('POST', '/api/payments/import?filename=ing-december.csv', body, { 'content-type': 'text/csv' });
const balance = async (i: number) => (await h.pool.query<{ balance_cents: number }>(`SELECT balance_cents FROM cases WHERE id = $1`, [cases[i]])).rows[0]!.balance_cents;
const queue = async (status = 'open') => (await fleur.get(`/api/statement-lines?status=${status}`)).body.lines as Array<Record<string, any>>;

test('finance books the lines no case was found for by hand, once each; the account is remembered, so its next transfer matches by itself', async () => {
  const statement = csv([
    ['01-12-2026', 'NL02ABNA0123456789', '100,00', `Huur ${refs[0]}`],
    ['01-12-2026', ACCOUNT, '250,00', 'huur december'],
    ['02-12-2026', 'NL02ABNA0123456789', '75,00', `${refs[0]} en ${refs[1]}`],
    ['02-12-2026', OTHER, '20,00', 'terugbetaling te veel betaald'],
  ]);
  const imported = await send(statement);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body).toMatchObject({ matched: 1, applied: 1, totals: { receivedCents: 44_500, matchedCents: 10_000, unmatchedCents: 34_500 } });

  const open = await queue();
  expect(open.map((l) => [l.line, l.amountCents, l.iban, l.reason])).toEqual([
    [3, 25_000, 'NL69INGB0123456789', 'no open case carries this reference'],
    [4, 7_500, 'NL02ABNA0123456789', expect.stringMatching(/^names more than one open case/)],
    [5, 2_000, OTHER, 'no open case carries this reference'],
  ]);
  // The ambiguous line names the cases it could be, with their balances, for the person deciding.
  expect(open[1]!.candidates.map((c: { reference: string }) => c.reference).sort()).toEqual([refs[0], refs[1]].sort());

  // Booked by the tenancy reference: the payment reaches the case, the account is remembered.
  const [unknown, ambiguous, refund] = open as [Record<string, any>, Record<string, any>, Record<string, any>];
  const booked = await fleur.post(`/api/statement-lines/${unknown.id}/match`, { reference: refs[1], note: 'de Vries betaalt voor zijn moeder' });
  expect(booked.status, JSON.stringify(booked.body)).toBe(200);
  expect(booked.body.line).toMatchObject({ status: 'matched', caseReference: refs[1], resolvedBy: { displayName: expect.any(String) } });
  await waitFor('the booked payment applied', async () => ((await balance(1)) === 35_000 ? true : undefined));
  // A second person deciding the same line is told it is done; nothing is booked twice.
  const twice = await fleur.post(`/api/statement-lines/${unknown.id}/match`, { caseId: cases[2] });
  expect(twice.status).toBe(409);
  expect(twice.body.error.message).toContain(`matched to ${refs[1]} already`);
  expect(await balance(2)).toBe(60_000);

  // The ambiguous line by one of its cases; the refund set aside, with a reason required.
  expect((await fleur.post(`/api/statement-lines/${ambiguous.id}/match`, { caseId: cases[0], rememberAccount: false })).status).toBe(200);
  const noReason = await fleur.post(`/api/statement-lines/${refund.id}/set-aside`, { note: '' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.message).toMatch(/note/);
  expect((await fleur.post(`/api/statement-lines/${refund.id}/set-aside`, { note: 'terugstorten aan afzender' })).body.line).toMatchObject({ status: 'set-aside', note: 'terugstorten aan afzender' });
  await waitFor('both payments of case 1 applied', async () => ((await balance(0)) === 42_500 ? true : undefined));
  expect(await queue()).toEqual([]);

  // The same statement again: already imported, nothing queued again or booked twice.
  expect((await send(statement)).body).toMatchObject({ alreadyImported: true, applied: 0 });
  expect(await queue()).toEqual([]);
  expect(await balance(1)).toBe(35_000);

  // The next day the same account pays without a usable reference: it matches case 2 by itself.
  // The account of the ambiguous line was not remembered, so its next transfer waits for a person.
  const next = await send(
    csv([
      ['03-12-2026', ACCOUNT, '50,00', 'december deel 2'],
      ['03-12-2026', 'NL02ABNA0123456789', '10,00', 'rest'],
    ]),
  );
  expect(next.body).toMatchObject({ matched: 1, applied: 1 });
  await waitFor('the remembered account matched', async () => ((await balance(1)) === 30_000 ? true : undefined));
  expect((await queue()).map((l) => l.description)).toEqual(['rest']);

  // Each decision is in the audit log, with who made it.
  const audit = await h.pool.query(`SELECT action, case_id FROM audit_log WHERE action IN ('payments.match-by-hand', 'payments.set-aside') ORDER BY id`);
  expect(audit.rows.map((r) => [r.action, r.case_id])).toEqual([
    ['payments.match-by-hand', cases[1]],
    ['payments.match-by-hand', cases[0]],
    ['payments.set-aside', null],
  ]);
});

test('an account that pays for two tenancies is left to a person again; a line cannot go to a closed case, and only finance sees the queue', async () => {
  // A transfer from an unknown account, booked by hand on case 3: its next transfer goes there by itself.
  expect((await send(csv([['04-12-2026', OTHER, '30,00', 'voor de garage']]))).body).toMatchObject({ matched: 0 });
  const garage = (await queue()).find((l) => l.description === 'voor de garage')!;
  expect((await fleur.post(`/api/statement-lines/${garage.id}/match`, { caseId: cases[2] })).status).toBe(200);
  expect((await send(csv([['05-12-2026', OTHER, '8,00', 'garage januari']]))).body).toMatchObject({ matched: 1 });
  await waitFor('both garage payments applied', async () => ((await balance(2)) === 56_200 ? true : undefined));

  // The same account pays for case 2 as well (a line naming both, booked by hand on case 2).
  expect((await send(csv([['06-12-2026', OTHER, '9,00', `${refs[1]} ${refs[2]}`]]))).body).toMatchObject({ matched: 0 });
  const both = (await queue()).find((l) => l.description === `${refs[1]} ${refs[2]}`)!;
  expect((await fleur.post(`/api/statement-lines/${both.id}/match`, { caseId: cases[1] })).status).toBe(200);
  // Now a transfer from it without a reference could be either: a person decides.
  const split = await send(csv([['07-12-2026', OTHER, '11,00', 'huur']]));
  expect(split.body.matched).toBe(0);
  expect(split.body.unmatched[0].reason).toMatch(/^the payer's account pays for more than one open case/);
  expect([...split.body.unmatched[0].candidates].sort()).toEqual([cases[1], cases[2]].sort());

  // A closed case takes no payment from the queue; the line stays open for another decision.
  const huur = (await queue()).find((l) => l.description === 'huur')!;
  await h.pool.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [cases[0]]);
  const closed = await fleur.post(`/api/statement-lines/${huur.id}/match`, { caseId: cases[0] });
  expect(closed.status).toBe(409);
  expect(closed.body.error.message).toMatch(/is closed/);
  expect((await queue()).some((l) => l.id === huur.id)).toBe(true);
  // Neither or both of case and reference named: a clear refusal.
  expect((await fleur.post(`/api/statement-lines/${huur.id}/match`, {})).body.error.message).toMatch(/either caseId or reference/);
  expect((await fleur.post(`/api/statement-lines/${huur.id}/match`, { reference: 'GEEN-CONTRACT' })).status).toBe(404);

  const sanne = await h.as('sanne');
  expect((await sanne.get('/api/statement-lines')).status).toBe(403);
  expect((await sanne.post(`/api/statement-lines/${huur.id}/set-aside`, { note: 'niet van mij' })).status).toBe(403);
});

test('in the browser: finance reads a statement, sees its totals before booking, books it, and matches the leftover line by hand', async () => {
  browser = await launchBrowser();
  const page = await signedInPage(browser, h.baseUrl, 'fleur');
  await page.goto(`${h.baseUrl}/cases`);
  await page.getByRole('link', { name: 'Bankafschriften inlezen en betalingen koppelen' }).click();
  // Case 2 was paid from two accounts now; a line naming it and a line naming nothing.
  const before = await balance(1);
  const statement = csv([
    ['12-12-2026', 'NL91ABNA0417164300', '12,34', `Huur ${refs[1]}`],
    ['12-12-2026', 'NL91ABNA0417164300', '5,00', 'van de buurvrouw'],
  ]);
  await page.getByLabel('Bestand').setInputFiles({ name: 'ing-12-december.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
  const report = page.getByTestId('statement-report');
  await report.getByText('Voorbeeld: CSV, 2 ontvangsten. Er is nog niets geboekt.').waitFor();
  expect(await report.textContent()).toMatch(/Ontvangen\s*€\s*17,34.*Bij een zaak\s*€\s*12,34.*Met de hand koppelen\s*€\s*5,00/);
  expect(await balance(1)).toBe(before);

  await report.getByRole('button', { name: 'Boeken' }).click();
  await page.getByText('1 betaling geboekt; 1 regel(s) wachten hieronder.').waitFor();
  await waitFor('the booked payment applied', async () => ((await balance(1)) === before - 1_234 ? true : undefined));

  const line = page.getByTestId('statement-line').filter({ hasText: 'van de buurvrouw' });
  await line.getByLabel('Huurcontract (kenmerk)').fill(refs[1]!);
  await line.getByRole('button', { name: 'Boek op dit contract' }).click();
  await page.getByText(new RegExp(`€\\s5,00 geboekt op ${refs[1]}\\.`)).waitFor();
  await waitFor('the hand-matched payment applied', async () => ((await balance(1)) === before - 1_734 ? true : undefined));
  await page.getByLabel('Toon').selectOption('matched');
  await page.getByTestId('statement-line').filter({ hasText: 'van de buurvrouw' }).getByText(new RegExp(`Geboekt op ${refs[1]} door Fleur`)).waitFor();
  await page.context().close();
});
