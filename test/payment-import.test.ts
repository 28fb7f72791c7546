// The bank statement import: each line is matched to the open case whose tenancy reference it
// carries, balances drop, lines without a case are reported, a file with a bad line is refused
// whole, and importing the same statement again changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { workingStart } from './support/clock.ts';
import { atStep, messages } from './support/cases.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api;
let mark: Api;
let priya: Api;
let fleur: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, priya, fleur] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('priya'), h.as('fleur')]);
});
afterAll(async () => h?.stop());

type Opened = { id: string; reference: string };
const opened: Opened[] = [];

/** A case in real time, parked in its first wait, so only the import moves its balance. */
async function parkedCase(arrearsCents = 80_000): Promise<Opened> {
  const c = await h.openCase(sanne, { arrearsCents });
  await atStep(h, c.id, 'wait-after-reminder');
  opened.push(c);
  return c;
}
afterAll(async () => {
  for (const c of opened) await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' }).catch(() => undefined);
});

function importCsv(csv: string, filename = `afschrift-${randomUUID().slice(0, 8)}.csv`, api: Api = fleur) {
  return api.call('POST', `/api/payments/import?filename=${encodeURIComponent(filename)}`, csv, { 'content-type': 'text/csv' });
}

async function balance(caseId: string) {
  const row = await h.pool.query<{ balance_cents: number }>(`SELECT balance_cents FROM cases WHERE id = $1`, [caseId]);
  return row.rows[0]!.balance_cents;
}
async function payments(caseId: string) {
  const r = await h.pool.query<{ amount_cents: number; received_at: Date; source: string; applied: boolean }>(
    `SELECT amount_cents, received_at, source, applied_at IS NOT NULL AS applied FROM payments WHERE case_id = $1 ORDER BY received_at, amount_cents`,
    [caseId],
  );
  return r.rows.map((p) => ({ amountCents: p.amount_cents, day: p.received_at.toISOString().slice(0, 10), source: p.source, applied: p.applied }));
}
/**
 * Where a statement day falls on a test case's clock: its noon, moved as far as the case's
 * clock runs ahead of the calendar (it starts on a working morning: on a weekend, Monday's).
 */
function onCaseClock(day: string): string {
  const ahead = Date.parse(workingStart()) - Date.now();
  return new Date(Date.parse(`${day}T12:00:00Z`) + ahead).toISOString().slice(0, 10);
}
async function balanceBecomes(caseId: string, cents: number) {
  return await waitFor(`balance of ${caseId} at ${cents}`, async () => ((await balance(caseId)) === cents ? true : undefined));
}
async function importsNamed(filename: string) {
  return Number((await h.pool.query<{ n: string }>(`SELECT count(*) AS n FROM payment_imports WHERE filename = $1`, [filename])).rows[0]!.n);
}

describe('matching lines to cases', () => {
  test('lines carrying a tenancy reference, alone or inside a description, lower the balance of that case; other lines are reported', async () => {
    const [a, b, c] = [await parkedCase(), await parkedCase(), await parkedCase(300_000)];
    const csv = [
      'date,amount,reference',
      `2026-11-23,125.50,${a.reference}`,
      `2026-11-23,200.00,"Huur november ${b.reference.toLowerCase()}, met excuses"`,
      `2026-11-24,"1,000.00",Huurachterstand: ${c.reference}`,
      '2026-11-24,50.00,ONBEKEND-123',
      '2026-11-25,75.00,huur november',
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ alreadyImported: false, lines: 5, matched: 3, applied: 3, duplicates: 0 });
    expect(res.body.unmatched).toEqual([
      { line: 5, paymentId: expect.any(String), reference: 'ONBEKEND-123', amountCents: 5_000, date: '2026-11-24', reason: 'no open case carries this reference', candidates: [] },
      { line: 6, paymentId: expect.any(String), reference: 'huur november', amountCents: 7_500, date: '2026-11-25', reason: 'no open case carries this reference', candidates: [] },
    ]);

    await balanceBecomes(a.id, 80_000 - 12_550);
    await balanceBecomes(b.id, 80_000 - 20_000);
    await balanceBecomes(c.id, 300_000 - 100_000);
    expect(await payments(a.id)).toEqual([{ amountCents: 12_550, day: onCaseClock('2026-11-23'), source: 'import', applied: true }]);
    expect(await payments(b.id)).toEqual([{ amountCents: 20_000, day: onCaseClock('2026-11-23'), source: 'import', applied: true }]);

    // Staff see the payment on the case, and the workflow agrees with the read model.
    const detail = await sanne.get(`/api/cases/${a.id}`);
    expect(detail.body.case.balanceCents).toBe(67_450);
    expect(detail.body.live.balanceCents).toBe(67_450);
    expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'payment').map((e: { data: { amountCents: number } }) => e.data.amountCents)).toEqual([12_550]);
  });

  test('a payment for a tenancy whose case is closed is reported, not applied', async () => {
    const c = await parkedCase();
    expect((await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Dossier gesloten' })).status).toBe(200);
    await waitFor('the case closed', async () => (await h.pool.query(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0]?.status === 'closed');
    const res = await importCsv(`reference,amount,date\n${c.reference},10.00,2026-11-23\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 0, applied: 0 });
    expect(res.body.unmatched).toEqual([expect.objectContaining({ line: 2, reference: c.reference, reason: 'no open case carries this reference' })]);
    expect(await payments(c.id)).toEqual([]);
  });

  test('a line naming two open cases is reported for a person to book, not given to the first one', async () => {
    const [rent, garage] = [await parkedCase(), await parkedCase()];
    const res = await importCsv(`date,amount,reference\n2026-11-23,150.00,Huur ${rent.reference} en garage ${garage.reference}\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 0, applied: 0 });
    expect(res.body.unmatched).toEqual([
      expect.objectContaining({ line: 2, amountCents: 15_000, reason: `names more than one open case (${rent.reference}, ${garage.reference}); match it by hand`, candidates: [rent.id, garage.id] }),
    ]);
    expect(await payments(rent.id)).toEqual([]);
    expect(await payments(garage.id)).toEqual([]);
  });

  test('a line that says what the tenant\'s letter says ("Gebruik kenmerk …." copied into the description) lowers the balance of that case', async () => {
    const c = await parkedCase();
    // The reminder letter asks for the tenancy reference as "kenmerk", at the end of a sentence.
    const letter = (await messages(h, c.id)).find((m) => m.channel === 'letter')!;
    const phrase = /Gebruik (kenmerk \S+)/.exec(letter.body)![1]!;
    expect(phrase).toBe(`kenmerk ${c.reference}.`);
    const res = await importCsv(['Datum;Bedrag;Omschrijving', `23-11-2026;125,00;Huur november ${phrase}`].join('\n'));
    expect(res.body).toMatchObject({ matched: 1, applied: 1, unmatched: [] });
    await balanceBecomes(c.id, 67_500);
  });

  test('two equal payments on one day in one statement are two payments', async () => {
    const c = await parkedCase();
    const res = await importCsv(`date,amount,reference\n2026-11-23,50.00,${c.reference}\n2026-11-23,50.00,${c.reference}\n`);
    expect(res.body).toMatchObject({ matched: 2, applied: 2 });
    await balanceBecomes(c.id, 70_000);
    expect((await payments(c.id)).map((p) => p.amountCents)).toEqual([5_000, 5_000]);
  });
});

describe('importing again changes nothing', () => {
  test('the same file twice: the second import says so, and balances and payments stay as they were', async () => {
    const [a, b] = [await parkedCase(), await parkedCase()];
    const csv = `datum,bedrag,kenmerk\n2026-11-23,100.00,${a.reference}\n2026-11-23,250.00,${b.reference}\n2026-11-23,9.99,NIEMAND\n`;
    const first = await importCsv(csv, 'november.csv');
    expect(first.body).toMatchObject({ alreadyImported: false, matched: 2, applied: 2 });
    await balanceBecomes(a.id, 70_000);
    await balanceBecomes(b.id, 55_000);

    const second = await importCsv(csv, 'november-nog-een-keer.csv');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ alreadyImported: true, importId: first.body.importId, applied: 0, matched: 2 });
    expect(second.body.unmatched).toEqual(first.body.unmatched);
    // Give a wrongly re-sent payment the time to land before checking nothing changed.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await balance(a.id)).toBe(70_000);
    expect(await balance(b.id)).toBe(55_000);
    expect(await payments(a.id)).toHaveLength(1);
    expect(await payments(b.id)).toHaveLength(1);
    expect((await sanne.get(`/api/cases/${a.id}`)).body.live.payments).toBe(1);
  });

  test('a later statement that repeats earlier lines applies only the new ones', async () => {
    const c = await parkedCase();
    const first = await importCsv(`date,amount,reference\n2026-11-23,100.00,${c.reference}\n`);
    expect(first.body).toMatchObject({ applied: 1 });
    await balanceBecomes(c.id, 70_000);

    const overlapping = await importCsv(`date,amount,reference\n2026-11-23,100.00,${c.reference}\n2026-11-30,40.00,${c.reference}\n`);
    expect(overlapping.body).toMatchObject({ alreadyImported: false, matched: 2, applied: 1, duplicates: 1 });
    await balanceBecomes(c.id, 66_000);
    expect((await payments(c.id)).map((p) => [p.day, p.amountCents])).toEqual([
      [onCaseClock('2026-11-23'), 10_000],
      [onCaseClock('2026-11-30'), 4_000],
    ]);
  });
});

describe('money going out', () => {
  test('an ING export with Af/Bij and "Bedrag (EUR)": outgoing lines are ignored and reported, incoming ones applied', async () => {
    const c = await parkedCase();
    const csv = [
      '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen"',
      `"20261123";"J. de Vries";"NL01BANK0123456789";"NL02BANK9876543210";"OV";"Bij";"125,00";"Overschrijving";"Huur ${c.reference} november"`,
      `"20261123";"Energieleverancier";"NL01BANK0123456789";"NL03BANK1111111111";"IC";"Af";"80,00";"Incasso";"Termijn energie"`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lines: 1, matched: 1, applied: 1, unmatched: [], ignored: [{ line: 3, reason: 'money going out, not a payment received' }] });
    await balanceBecomes(c.id, 67_500);
  });

  test('a negative amount is money going out: ignored and reported, the rest applied', async () => {
    const c = await parkedCase();
    const res = await importCsv(`date,amount,reference\n2026-11-23,-12.50,${c.reference}\n2026-11-24,5.00,${c.reference}\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 1, applied: 1, ignored: [{ line: 2, reason: 'money going out, not a payment received' }] });
    await balanceBecomes(c.id, 79_500);
  });
});

describe('a file with a bad line is refused whole', () => {
  test.each([
    ['an amount that is not an amount', (ref: string) => `2026-11-23,twaalf,${ref}`, 'line 3: amount "twaalf" is not an amount such as 125,50'],
    ['an amount of zero', (ref: string) => `2026-11-23,0.00,${ref}`, 'line 3: amount 0.00 is zero, not a payment received'],
    ['a date that does not exist', (ref: string) => `2026-02-30,12.50,${ref}`, 'line 3: date "2026-02-30" is not a date such as 2026-11-23 or 23-11-2026'],
    ['a missing column', () => '2026-11-23,12.50', 'line 3: the reference is empty'],
  ])('%s: 400 naming the line, nothing applied', async (_what, badLine, message) => {
    const c = await parkedCase();
    const filename = `fout-${randomUUID().slice(0, 8)}.csv`;
    const csv = `date,amount,reference\n2026-11-23,100.00,${c.reference}\n${badLine(c.reference)}\n2026-11-24,5.00,${c.reference}\n`;
    const res = await importCsv(csv, filename);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.message).toContain('the bank statement was not imported');
    expect(res.body.error.details).toEqual([{ field: 'body', line: 3, message }]);
    expect(await importsNamed(filename)).toBe(0);
    expect(await payments(c.id)).toEqual([]);
    expect(await balance(c.id)).toBe(80_000);
  });

  test('a header without a date column is refused naming what is missing', async () => {
    const c = await parkedCase();
    const res = await importCsv(`amount,reference\n100.00,${c.reference}\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('the header line lacks the column date (datum)');
    expect(await payments(c.id)).toEqual([]);
  });

  test('every bad line is named, not just the first', async () => {
    const res = await importCsv('date,amount,reference\n2026-11-23,abc,X-1\n2026-11-31,10.00,X-2\n');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      'line 2: amount "abc" is not an amount such as 125,50',
      'line 3: date "2026-11-31" is not a date such as 2026-11-23 or 23-11-2026',
    ]);
  });

  test('a statement sent as JSON instead of CSV is refused with what to send', async () => {
    const res = await fleur.post('/api/payments/import', { csv: 'date,amount,reference' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('send the bank statement as the request body: CSV with Content-Type text/csv, CAMT.053 with application/xml, MT940 with application/octet-stream');
  });

  test('only finance imports statements: a controller and a caseworker may not', async () => {
    expect((await importCsv('date,amount,reference\n2026-11-23,10.00,X-1\n', 'controle.csv', sanne)).status).toBe(403);
    const res = await importCsv('date,amount,reference\n2026-11-23,10.00,X-1\n', 'controle.csv', priya);
    expect(res.status).toBe(403);
    expect(await importsNamed('controle.csv')).toBe(0);
  });
});

describe('Dutch bank exports', () => {
  test('a semicolon-separated export with Datum;Bedrag;Kenmerk, decimal commas and day-month-year dates', async () => {
    const [a, b] = [await parkedCase(300_000), await parkedCase()];
    const csv = ['Datum;Bedrag;Kenmerk', `23-11-2026;12,50;${a.reference}`, `24-11-2026;€ 1.234,56;${a.reference}`, `1-12-2026;"300,00";Huur ${b.reference}`].join('\r\n');
    const res = await importCsv(csv, 'rabo-export.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ lines: 3, matched: 3, applied: 3, unmatched: [] });
    await balanceBecomes(a.id, 300_000 - 1_250 - 123_456);
    await balanceBecomes(b.id, 80_000 - 30_000);
    expect((await payments(a.id)).map((p) => [p.day, p.amountCents])).toEqual([
      [onCaseClock('2026-11-23'), 1_250],
      [onCaseClock('2026-11-24'), 123_456],
    ]);
    expect((await payments(b.id)).map((p) => p.day)).toEqual([onCaseClock('2026-12-01')]);
  });

  test('a Dutch export with a byte-order mark and the Omschrijving column', async () => {
    const c = await parkedCase();
    const res = await importCsv(`\uFEFFBoekdatum;Omschrijving;Bedrag\n23-11-2026;Huur ${c.reference} nov;45,00\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ matched: 1, applied: 1 });
    await balanceBecomes(c.id, 75_500);
  });
});
