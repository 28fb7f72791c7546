// Issue 5, done-when 2: in headless Chromium, ops filters the case list, bulk-pauses three
// cases with a reason, sees them paused in the heat view and in their timelines, and resumes
// them. Every case gets its own audit entry; the cases not chosen are untouched.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { atStep } from './support/cases.ts';
import { daysPerSecond, startHarness, type Api, type Harness } from './support/harness.ts';
import { openMany, publishLadderCopy } from './support/ops.ts';

let h: Harness;
let browser: Browser;
let definitionId: string;
const tag = randomUUID().slice(0, 6);
let chosen: Array<{ id: string; reference: string }>;
let others: Array<{ id: string; reference: string }>;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  const [eva, sanne] = await Promise.all([h.as('eva'), h.as('sanne')]);
  definitionId = await publishLadderCopy(eva, 'bulk');
  // A week's wait lasts an hour here: the cases stand still in the first wait.
  // Ops finds cases by reference, never by a tenant's name (need-to-know): each group has its own prefix.
  const open = (name: string, prefix: string) => (api: Api) =>
    openMany(
      h,
      api,
      3,
      (i) => ({
        definitionId,
        timeScale: daysPerSecond(0.002),
        tenancy: { reference: `${prefix}-${tag}-${i}`, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
        tenant: { name: `${name} ${tag}`, phone: '+31611111111' },
      }),
      3,
    );
  chosen = await open('Van Dijk', 'VD')(sanne);
  others = await open('De Boer', 'DB')(sanne);
  for (const c of [...chosen, ...others]) await atStep(h, c.id, 'wait-after-reminder');
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function search(page: Page, q: string, paused?: 'true' | 'false') {
  await page.goto(`${h.baseUrl}/ops/cases`);
  const filters = page.getByTestId('case-filters');
  await filters.getByLabel('Referentie', { exact: true }).fill(q);
  await filters.getByLabel('Proces').selectOption(definitionId);
  if (paused) await filters.getByLabel(/^Gepauzeerd/).selectOption(paused);
  await filters.getByRole('button', { name: 'Zoeken' }).click();
}

async function pausedOnHeatView(page: Page): Promise<number> {
  await page.goto(`${h.baseUrl}/ops/heat?definition=${definitionId}&version=1`);
  const badge = page.getByTestId('heat-wait-after-reminder');
  await badge.waitFor();
  return Number(await badge.getAttribute('data-paused'));
}

test('ops filters cases, bulk-pauses three with a reason, sees them paused in the heat view and their timelines, and resumes them', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'omar');
  const reason = `Schuldhulpverlening gestart (${tag})`;

  // Filter: only the three "Van Dijk" cases of this process, by their references.
  await search(page, `VD-${tag}`);
  const rows = page.getByTestId('case-table').locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(3);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).sort()).toEqual(chosen.map((c) => c.id).sort());

  // Select the three and pause them with a reason.
  await page.getByLabel('Alle zaken op deze pagina selecteren').check();
  await expect.poll(() => page.getByTestId('selection-count').innerText()).toBe('3 zaken geselecteerd');
  await page.getByRole('button', { name: 'Pauzeren' }).click();
  const dialog = page.getByTestId('bulk-dialog');
  await dialog.getByLabel('Reden').fill(reason);
  await dialog.getByRole('button', { name: '3 zaken pauzeren' }).click();
  await expect.poll(() => dialog.getByTestId('bulk-results').innerText(), { timeout: 30_000 }).toContain('3 zaken verwerkt');
  // The title still says what it was about, though the page has cleared its selection.
  expect(await dialog.getByRole('heading').innerText()).toBe('3 zaken pauzeren');
  await dialog.getByRole('button', { name: 'Sluiten' }).click();
  await expect.poll(() => rows.locator('.ops-pill.paused').count()).toBe(3);

  // The heat view counts them as paused at their step.
  await expect.poll(() => pausedOnHeatView(page), { timeout: 20_000 }).toBe(3);

  // Each timeline shows the pause with its reason.
  for (const c of chosen) {
    await page.goto(`${h.baseUrl}/ops/cases/${c.id}`);
    await expect.poll(() => page.getByTestId('case-facts').getAttribute('data-status')).toBe('paused');
    await expect.poll(() => page.getByTestId('timeline').locator('li[data-type="paused"]').innerText()).toContain(reason);
  }

  // Resume: filter the paused ones, select, resume.
  await search(page, `VD-${tag}`, 'true');
  await expect.poll(() => rows.count()).toBe(3);
  await page.getByLabel('Alle zaken op deze pagina selecteren').check();
  await page.getByRole('button', { name: 'Hervatten' }).click();
  await dialog.getByRole('button', { name: '3 zaken hervatten' }).click();
  await expect.poll(() => dialog.getByTestId('bulk-results').innerText(), { timeout: 30_000 }).toContain('3 zaken verwerkt');
  await dialog.getByRole('button', { name: 'Sluiten' }).click();

  await expect.poll(() => pausedOnHeatView(page), { timeout: 20_000 }).toBe(0);
  for (const c of chosen) {
    await page.goto(`${h.baseUrl}/ops/cases/${c.id}`);
    await expect.poll(() => page.getByTestId('case-facts').getAttribute('data-status')).toBe('active');
    await page.getByTestId('timeline').locator('li[data-type="resumed"]').waitFor();
  }

  // One audit entry per case and action, by omar; the others were never touched.
  const audit = await h.pool.query<{ case_id: string; action: string; details: { result: string; bulkId: string } }>(
    `SELECT case_id, action, details FROM audit_log WHERE action LIKE 'ops.bulk-%' AND case_id = ANY($1::uuid[]) ORDER BY id`,
    [[...chosen, ...others].map((c) => c.id)],
  );
  expect(audit.rows.filter((r) => r.action === 'ops.bulk-pause').map((r) => r.case_id).sort()).toEqual(chosen.map((c) => c.id).sort());
  expect(audit.rows.filter((r) => r.action === 'ops.bulk-resume').map((r) => r.case_id).sort()).toEqual(chosen.map((c) => c.id).sort());
  expect(audit.rows.every((r) => r.details.result === 'done')).toBe(true);
  const untouched = await h.pool.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[]) AND type IN ('paused', 'resumed')`, [others.map((c) => c.id)]);
  expect(untouched.rows[0].n).toBe(0);
});

test('a bulk request is checked whole before anything changes, and a refusal of one case is reported for that case only', async () => {
  const omar = await h.as('omar');
  const ids = chosen.map((c) => c.id);
  // No reason: nothing happens to any case.
  const noReason = await omar.post('/api/ops/cases/bulk', { action: 'pause', caseIds: ids, reviewDate: '2099-01-01' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.message).toContain('reason');
  // An unknown case among known ones: refused whole, naming it.
  const unknown = randomUUID();
  const withUnknown = await omar.post('/api/ops/cases/bulk', { action: 'pause', caseIds: [...ids, unknown], reason: 'Schuldhulp', reviewDate: '2099-01-01' });
  expect(withUnknown.status).toBe(400);
  expect(withUnknown.body.error.message).toContain(unknown);
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'paused'`, [ids])).rows[0].n).toBe(0);
  // Resuming cases that are not paused: each is refused with the workflow's reason.
  const resume = await omar.post('/api/ops/cases/bulk', { action: 'resume', caseIds: ids.slice(0, 2) });
  expect(resume.status).toBe(200);
  expect(resume.body.summary).toEqual({ done: 0, refused: 2 });
  expect(resume.body.results[0]).toMatchObject({ ok: false, code: 'conflict', error: expect.stringContaining('not paused') });
  // A caseworker may not act in bulk.
  expect((await (await h.as('sanne')).post('/api/ops/cases/bulk', { action: 'resume', caseIds: ids })).status).toBe(403);
});

test('the CSV export holds the filtered cases and is audited as a list read; names only for the roles that work cases', async () => {
  const url = `/api/ops/cases.csv?definitionId=${definitionId}&q=${encodeURIComponent(`De Boer ${tag}`)}`;
  const csvLines = (body: unknown) => String(body).replace(/^\uFEFF/, '').trim().split('\r\n');
  // Ops alone: ids, steps and amounts, no names; nor does a name find anything for them.
  const forOps = await (await h.as('omar')).call('GET', `/api/ops/cases.csv?definitionId=${definitionId}`);
  expect(forOps.status).toBe(200);
  expect(csvLines(forOps.body)[0]).toMatch(/^referentie;status;/);
  for (const c of others) expect(csvLines(forOps.body).some((l) => l.startsWith(`${c.reference};active;`))).toBe(true);
  expect(String(forOps.body)).not.toContain('De Boer');
  expect(csvLines((await (await h.as('omar')).call('GET', url)).body)).toHaveLength(1);
  // A team lead works cases: the names are in.
  const res = await (await h.as('mark')).call('GET', url);
  expect(res.status).toBe(200);
  const lines = csvLines(res.body);
  expect(lines[0]).toContain('referentie;huurder;status');
  expect(lines).toHaveLength(4);
  for (const c of others) expect(lines.some((l) => l.startsWith(`${c.reference};De Boer ${tag};active`))).toBe(true);
  const audit = await h.pool.query(`SELECT details FROM audit_log WHERE action = 'personal-data.list' AND entity = 'ops-case-export' ORDER BY id DESC LIMIT 1`);
  expect(audit.rows[0].details.caseIds.sort()).toEqual(others.map((c) => c.id).sort());
});
