// Issue 14, point 1: the daily intake of the rent ledger's arrears list. A list of a few
// thousand lines (mostly tenancies without arrears, as a ledger's export is): new arrears over
// the threshold open a case, arrears under it do not, an open case's growing arrears are added
// as rent due, a ledger at zero while the case shows arrears becomes a task for a person, and
// bad lines are reported by number with what is wrong, none of them half done. The same file
// twice changes nothing. A Temporal Schedule takes the list from a folder, as its own workflow.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { ensureIntakeSchedule } from '../server/intake/schedule.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'arrears-intake-'));
let h: Harness;
let fleur: Api;
const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
const ref = (n: number | string) => `LG-${tag}-${n}`;
const existing: Record<'growing' | 'cleared' | 'same', { id: string }> = {} as never;

beforeAll(async () => {
  // Its own database: the runs and the opened cases are counted.
  h = await startHarness({ ownDatabase: true, intake: { source: { dir: folder, definitionId: 'standard-ladder' } } });
  fleur = await h.as('fleur');
  const sanne = await h.as('sanne');
  for (const key of ['growing', 'cleared', 'same'] as const)
    existing[key] = await h.openCase(sanne, { arrearsCents: 60_000, tenancy: { reference: ref(key), street: 'Ledgerlaan 1', postalCode: '3511 AA', city: 'Utrecht', minorsInHousehold: false } });
});
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const HEADER = 'huurcontract;naam;email;telefoon;straat;postcode;plaats;achterstand;oudste_vervaldatum;huur;minderjarigen;segment';
const row = (reference: string, arrears: string, due: string, extra: Partial<{ postcode: string; minors: string; name: string }> = {}) =>
  [reference, extra.name ?? 'A. Huurder', '', '0612345678', 'Dorpsstraat 4', extra.postcode ?? '3512 BC', 'Utrecht', arrears, due, '725,00', extra.minors ?? 'nee', ''].join(';');

const upload = (csv: string, filename = 'grootboek.csv') => fleur.call('POST', `/api/intake/arrears?filename=${filename}`, csv, { 'content-type': 'text/csv' });
const finished = async (runId: string) =>
  await waitFor('the intake run is done', async () => {
    const r = await fleur.get(`/api/intake/runs/${runId}?limit=1000&outcome=invalid`);
    return r.body.run.status === 'done' ? r.body : undefined;
  }, 300_000, 500);
const caseOf = async (reference: string) =>
  (await h.pool.query<{ id: string; balance_cents: number; status: string }>(`SELECT c.id, c.balance_cents, c.status FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE y.reference = $1`, [reference])).rows;

test('a ledger list of 3,000 lines: new arrears open cases, growing arrears are rent due, a cleared ledger is a task, bad lines are named; twice changes nothing', async () => {
  const lines: string[] = [HEADER];
  for (let i = 0; i < 2_950; i++) lines.push(row(ref(`paid-${i}`), '0,00', ''));
  for (let i = 0; i < 12; i++) lines.push(row(ref(`new-${i}`), '1.450,00', day(-40)));
  for (let i = 0; i < 25; i++) lines.push(row(ref(`today-${i}`), '725,00', day(0)));
  lines.push(row(ref('growing'), '1.325,00', day(-40)));
  lines.push(row(ref('cleared'), '0,00', ''));
  lines.push(row(ref('same'), '600,00', day(-40)));
  const firstBad = lines.length + 1;
  lines.push(row(ref('bad-postcode'), '100,00', day(-40), { postcode: '12345' }));
  lines.push(row(ref('bad-amount'), '12,3x', day(-40)));
  lines.push(row(ref('no-due-date'), '100,00', ''));
  lines.push(row(ref('new-0'), '99,00', day(-40)));
  lines.push(row(ref('bad-minors'), '100,00', day(-40), { minors: 'misschien' }));
  const csv = lines.join('\n');

  const res = await upload(csv);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toMatchObject({ alreadyImported: false, run: { source: 'upload', definitionId: 'standard-ladder', totalLines: lines.length - 1 } });
  const runId = res.body.run.id as string;
  // The run is its own workflow in Temporal.
  expect((await h.temporal.workflow.getHandle(`intake-${runId}`).describe()).type).toBe('arrearsIntake');

  const report = await finished(runId);
  expect(report.run.counts).toEqual({ 'no-arrears': 2_950, opened: 12, 'below-threshold': 25, 'rent-due': 1, 'ledger-cleared': 1, unchanged: 1, invalid: 5 });
  expect(report.run.doneLines).toBe(lines.length - 1);
  expect(report.lines.map((l: { line: number; message: string }) => [l.line, l.message])).toEqual([
    [firstBad, expect.stringContaining('postalCode: a Dutch postal code looks like 1234 AB')],
    [firstBad + 1, 'achterstand "12,3x" is not an amount such as 1.234,56'],
    [firstBad + 2, 'oldestDueDate: oldestDueDate is required when there are arrears'],
    [firstBad + 3, `the tenancy ${ref('new-0')} is listed before, on line ${2 + 2_950}`],
    [firstBad + 4, 'minderjarigen "misschien" is ja, nee or onbekend'],
  ]);

  // New arrears: one open case each, with the ledger's arrears; under the threshold (not yet overdue) none.
  const opened = await caseOf(ref('new-3'));
  expect(opened).toEqual([{ id: expect.any(String), balance_cents: 145_000, status: expect.not.stringMatching(/^closed$/) }]);
  expect(await caseOf(ref('today-0'))).toEqual([]);
  expect(await caseOf(ref('bad-postcode'))).toEqual([]);
  const below = await fleur.get(`/api/intake/runs/${runId}?outcome=below-threshold&limit=1`);
  expect(below.body.lines[0].message).toBe('overdue 0 day(s), the threshold is 1');

  // Growing arrears: the growth is rent due on the case, on its timeline as such.
  await waitFor('the rent due on the balance', async () => ((await caseOf(ref('growing')))[0]!.balance_cents === 132_500 ? true : undefined));
  const growing = await (await h.as('sanne')).get(`/api/cases/${existing.growing.id}`);
  expect(growing.body.timeline.find((e: { type: string }) => e.type === 'rent-due').data).toMatchObject({ amountCents: 72_500, ledgerArrearsCents: 132_500 });
  expect(growing.body.payments).toEqual([]);
  // The case page shows what the ledger said, beside the case's own balance.
  expect(growing.body.tenancy.ledger).toEqual({ arrearsCents: 132_500, asOf: report.run.asOf });
  // A ledger at zero: the case stays as it is, and a person gets a task to check it.
  expect((await caseOf(ref('cleared')))[0]).toMatchObject({ balance_cents: 60_000 });
  const check = await h.pool.query(`SELECT kind, status, role FROM tasks WHERE case_id = $1 AND kind = 'ledger-check'`, [existing.cleared.id]);
  expect(check.rows).toEqual([{ kind: 'ledger-check', status: 'open', role: 'caseworker' }]);
  expect((await caseOf(ref('same')))[0]).toMatchObject({ balance_cents: 60_000 });

  // The same file again: the same run, nothing new.
  const cases = (await h.pool.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n;
  const again = await upload(csv);
  expect(again.status).toBe(202);
  expect(again.body).toMatchObject({ alreadyImported: true, run: { id: runId } });
  // The same lines in another file (a day later, another name): the open cases are told nothing new.
  const next = await upload(`${csv}\n`, 'grootboek-2.csv');
  expect(next.status, JSON.stringify(next.body)).toBe(202);
  const second = await finished(next.body.run.id);
  // The zero ledger is reported again, and its check is not asked twice (one task, below).
  expect(second.run.counts).toEqual({ 'no-arrears': 2_950, 'below-threshold': 25, unchanged: 14, 'ledger-cleared': 1, invalid: 5 });
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n).toBe(cases);
  expect((await caseOf(ref('growing')))[0]!.balance_cents).toBe(132_500);
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'ledger-check'`)).rows[0].n).toBe(1);
  // Contact data is kept only while a line waits: none is left in the run's lines.
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM intake_lines WHERE data IS NOT NULL`)).rows[0].n).toBe(0);
  const audit = await h.pool.query(`SELECT action FROM audit_log WHERE entity = 'intake-run' AND entity_id = $1 ORDER BY id`, [runId]);
  expect(audit.rows.map((r) => r.action)).toEqual(['intake.run', 'intake.finished']);
}, 600_000);

test('a pushed JSON list is checked the same way, and only finance and the collection manager may send one', async () => {
  const push = await fleur.post(`/api/intake/arrears`, {
    asOf: day(0),
    lines: [
      { tenancyReference: ref('json-1'), name: 'B. Huurder', street: 'Kade 2', postalCode: '3513AA', city: 'Utrecht', arrearsCents: 80_000, oldestDueDate: day(-35), minorsInHousehold: true },
      { tenancyReference: ref('json-2'), name: 'C. Huurder', street: 'Kade 3', postalCode: '3513 AA', city: 'Utrecht', arrearsCents: -5 },
      'not a line',
    ],
  });
  expect(push.status, JSON.stringify(push.body)).toBe(202);
  const report = await finished(push.body.run.id);
  expect(report.run).toMatchObject({ source: 'push', counts: { opened: 1, invalid: 2 } });
  expect(report.lines.map((l: { line: number; message: string }) => [l.line, l.message])).toEqual([
    [2, 'arrearsCents: arrearsCents cannot be negative (a credit is no arrears)'],
    [3, 'a line is an object with tenancyReference, name, address and arrearsCents'],
  ]);
  expect((await caseOf(ref('json-1')))[0]).toMatchObject({ balance_cents: 80_000 });
  const refused = await fleur.post('/api/intake/arrears', { lines: [] });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toContain('lines: lines is empty');
  expect((await (await h.as('sanne')).post('/api/intake/arrears', { lines: [{}] })).status).toBe(403);
  expect((await (await h.as('johan')).get('/api/intake/runs')).status).toBe(200);
});

test('the daily Schedule takes the new list from the folder as its own workflow, listed by `temporal schedule list`', async () => {
  writeFileSync(join(folder, '2026-12-06-achterstanden.csv'), [HEADER, row(ref('folder-1'), '300,00', day(-20))].join('\n'));
  const scheduleId = `arrears-intake-${tag}`;
  await ensureIntakeSchedule(h.temporal, { taskQueue: h.taskQueue, scheduleId });
  await h.temporal.schedule.getHandle(scheduleId).trigger();
  const run = await waitFor('the folder run is done', async () => {
    const runs = (await fleur.get('/api/intake/runs')).body.runs as Array<{ filename: string; status: string; counts: Record<string, number>; source: string }>;
    return runs.find((r) => r.filename === '2026-12-06-achterstanden.csv' && r.status === 'done');
  }, 120_000, 500);
  expect(run).toMatchObject({ source: 'folder', counts: { opened: 1 } });
  expect(await caseOf(ref('folder-1'))).toHaveLength(1);

  const cli = await ensureTemporalCli(() => undefined);
  const listed = await run_(cli, ['schedule', 'list', '--address', inject('temporalAddress'), '--namespace', 'default']);
  expect(listed).toContain(scheduleId);
  // Triggered again with nothing new in the folder: nothing is taken twice.
  await h.temporal.schedule.getHandle(scheduleId).trigger();
  await waitFor('the second scheduled run', async () => ((await h.temporal.schedule.getHandle(scheduleId).describe()).info.recentActions.length >= 2 ? true : undefined), 60_000, 500);
  expect(((await fleur.get('/api/intake/runs')).body.runs as unknown[]).length).toBe(4);
  await h.temporal.schedule.getHandle(scheduleId).delete();
});

test('in the browser: finance uploads the list, follows the run to its end and reads the bad line', async () => {
  browser = await launchBrowser();
  const page = await signedInPage(browser, h.baseUrl, 'fleur');
  await page.goto(`${h.baseUrl}/cases`);
  await page.getByRole('link', { name: 'Achterstandslijst uit de huuradministratie inlezen' }).click();
  const csv = [HEADER, row(ref('browser-1'), '900,00', day(-30)), row(ref('browser-2'), 'veel', day(-30))].join('\n');
  await page.getByLabel('Bestand').setInputFiles({ name: 'grootboek-browser.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const run = page.getByTestId('intake-run');
  await run.getByText('2 van 2 regels · klaar').waitFor({ timeout: 60_000 });
  expect(await run.locator('dl').textContent()).toMatch(/Zaak geopend\s*1.*Fout in de regel\s*1/);
  await run.getByTestId('intake-lines').getByText(`Regel 3 · ${ref('browser-2')} · achterstand "veel" is not an amount such as 1.234,56`).waitFor();
  await run.getByLabel('Toon regels').selectOption('opened');
  await run.getByRole('link', { name: 'naar de zaak' }).click();
  await page.getByText(ref('browser-1')).first().waitFor();
  await page.context().close();
});

const run_ = async (cli: string, args: string[]) => (await run(cli, args)).stdout;
