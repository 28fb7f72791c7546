// Issue 14, point 5: prevention before arrears. A risk signal in the rent ledger's list (a
// reversed direct debit, paid late twice, benefit stopped) opens a prevention process, not an
// arrears case; the process sends its friendly message, never escalates and ends as completed.
// When the tenancy then falls into arrears, it gets one arrears case and the prevention process
// ends. A prevention definition may hold nothing adverse. A seasonal campaign is a Temporal
// Schedule that opens a prevention process for the tenancies that fell behind in a given month.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { kindOf } from '../definition/steps/index.ts';
import { preventionProcess } from '../definition/shipped/prevention.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { behindWindow } from '../server/prevention/campaign-run.ts';
import { amsterdamToday } from '../server/intake/submit.ts';
import { workingStart } from './support/clock.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let fleur: Api;
let sanne: Api;
const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
const ref = (n: string) => `PV-${tag}-${n}`;

beforeAll(async () => {
  // Its own database: the campaign looks at every tenancy.
  h = await startHarness({ ownDatabase: true });
  fleur = await h.as('fleur');
  sanne = await h.as('sanne');
});
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const HEADER = 'huurcontract;naam;email;telefoon;straat;postcode;plaats;achterstand;oudste_vervaldatum;huur;minderjarigen;signaal';
const row = (reference: string, arrears: string, due: string, signal: string) =>
  [reference, 'P. Reventie', 'p@example.nl', '0612345678', 'Dijkstraat 9', '3512 BC', 'Utrecht', arrears, due, '725,00', 'nee', signal].join(';');
const upload = async (csv: string, filename: string) => {
  const res = await fleur.call('POST', `/api/intake/arrears?filename=${filename}`, csv, { 'content-type': 'text/csv' });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return await waitFor('the intake run is done', async () => {
    const r = await fleur.get(`/api/intake/runs/${res.body.run.id}?limit=1000`);
    return r.body.run.status === 'done' ? r.body : undefined;
  }, 120_000, 300);
};
const casesOf = async (reference: string) =>
  (
    await h.pool.query<{ id: string; purpose: string; risk_signal: string | null; status: string; outcome: string | null; workflow_id: string }>(
      `SELECT c.id, c.purpose, c.risk_signal, c.status, c.outcome, c.workflow_id FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE y.reference = $1 ORDER BY c.opened_at`,
      [reference],
    )
  ).rows;
type Line = { tenancyReference: string; outcome: string; message: string | null; caseId: string | null };
let storno = '';
const lineOf = (report: { lines: Line[] }, reference: string) => report.lines.find((l) => l.tenancyReference === reference);

test('the shipped prevention process holds nothing adverse; one with collection costs is refused at its step, and a ladder cannot become one', async () => {
  for (const step of preventionProcess.steps) expect(kindOf(step as never).adverse(step as never), step.id).toBe(false);
  const eva = await h.as('eva');
  const withCosts = structuredClone(preventionProcess);
  withCosts.id = `preventie-${tag.toLowerCase()}`;
  withCosts.steps.splice(1, 0, { id: 'costs', name: 'Incassokosten', kind: 'collection-costs', next: { charged: 'friendly-message' } } as never);
  withCosts.steps[0]!.next = { next: 'costs' };
  const refused = await eva.post('/api/definitions/publish', { definition: withCosts });
  expect(refused.status).toBe(400);
  const problems = refused.body.error.details as Array<{ rule: string; stepId?: string; field: string; text: { nl: string } }>;
  expect(problems.find((p) => p.rule === 'prevention')).toMatchObject({ stepId: 'costs', field: 'body.definition.steps.1', text: { nl: expect.stringContaining('geen incassokosten') } });

  // A ladder's next version cannot turn into a prevention process (its running cases would change kind).
  const refusedTurn = await eva.post('/api/definitions/publish', { definition: { ...preventionProcess, id: 'standard-ladder' } });
  expect(refusedTurn.status).toBe(400);
  expect(JSON.stringify(refusedTurn.body)).toContain('cannot change that');
});

test('a reversed debit in the ledger opens a prevention process, not an arrears case; arrears over the threshold with the same signal open an arrears case; a wrong signal is named', async () => {
  const csv = [
    HEADER,
    row(ref('storno'), '0,00', '', 'storno'),
    row(ref('late'), '12,50', day(0), 'laat-betaald'),
    row(ref('arrears'), '1.450,00', day(-40), 'storno'),
    row(ref('bad'), '0,00', '', 'misschien'),
    row(ref('none'), '0,00', '', ''),
  ].join('\n');
  const report = await upload(csv, `preventie-${tag}.csv`);
  expect(report.run.counts).toEqual({ prevention: 2, opened: 1, invalid: 1, 'no-arrears': 1 });
  expect(lineOf(report, ref('bad'))?.message).toContain('signaal "misschien" is not a risk signal');

  const [prevention] = await casesOf(ref('storno'));
  storno = prevention!.id;
  expect(prevention).toMatchObject({ purpose: 'prevention', risk_signal: 'debit-reversed', status: 'active' });
  expect(prevention!.workflow_id).toMatch(/^prevention-tenancy-/);
  expect(await casesOf(ref('late'))).toMatchObject([{ purpose: 'prevention', risk_signal: 'paid-late' }]);
  expect(await casesOf(ref('arrears'))).toMatchObject([{ purpose: 'arrears' }]);
  // The prevention process starts at its friendly message (sent within the message hours of its clock).
  await waitFor('the prevention process enters its first step', async () => {
    const view = await h.state(prevention!.id);
    return view.steps.some((s) => s.stepId === 'friendly-message') ? true : undefined;
  }, 60_000, 200);
  // The case page says what it is.
  const page = (await sanne.get(`/api/cases/${prevention!.id}`)).body;
  expect(page.case).toMatchObject({ purpose: 'prevention', riskSignal: 'debit-reversed', definitionId: 'preventie' });

  // The next list: the tenancy is now in arrears. One arrears case; the prevention process ends.
  const next = await upload([HEADER, row(ref('storno'), '1.450,00', day(-40), 'storno'), row(ref('late'), '0,00', '', 'laat-betaald')].join('\n'), `preventie-2-${tag}.csv`);
  expect(lineOf(next, ref('storno'))).toMatchObject({ outcome: 'opened', message: expect.stringContaining('prevention process ended') });
  expect(lineOf(next, ref('late'))).toMatchObject({ outcome: 'unchanged', message: expect.stringContaining('already open') });
  const after = await waitFor('the prevention process is closed', async () => {
    const rows = await casesOf(ref('storno'));
    return rows.find((r) => r.purpose === 'prevention')?.status === 'closed' ? rows : undefined;
  }, 60_000, 200);
  expect(after.filter((r) => r.purpose === 'arrears' && r.status !== 'closed')).toHaveLength(1);
  expect(after.find((r) => r.purpose === 'prevention')).toMatchObject({ outcome: 'superseded' });
  // Prevention is before arrears, never beside them.
  const beside = await sanne.post('/api/cases', {
    tenancy: { reference: ref('storno'), street: 'Dijkstraat 9', postalCode: '3512 BC', city: 'Utrecht' },
    tenant: { name: 'P. Reventie' },
    arrearsCents: 0,
    riskSignal: 'opt-in',
    dueDate: day(0),
    definitionId: 'preventie',
  });
  expect(beside.status).toBe(409);
  expect(beside.body.error.message).toContain('open arrears case');
  const timeline = (await sanne.get(`/api/cases/${prevention!.id}`)).body.timeline as Array<{ type: string; data: { reason?: string } }>;
  expect(timeline.find((e) => e.type === 'cancelled')?.data.reason).toContain('achterstandszaak');
});

test('a prevention process sends its friendly message and its debit reminder, offers a call, and ends as completed without ever escalating', async () => {
  const opened = await h.openCase(sanne, { definitionId: 'preventie', arrearsCents: 0, riskSignal: 'benefit-stopped', timeScale: daysPerSecond(3), businessStart: workingStart() });
  const closed = await waitFor('the prevention process runs to its end', async () => {
    const c = (await sanne.get(`/api/cases/${opened.id}`)).body;
    return c.case.status === 'closed' ? c : undefined;
  }, 120_000, 300);
  expect(closed.case).toMatchObject({ purpose: 'prevention', outcome: 'completed', balanceCents: 0 });
  const messages = closed.messages as Array<{ channel: string; templateId: string; status: string; subject: string | null }>;
  expect(messages.map((m) => [m.channel, m.templateId, m.status])).toEqual([
    ['email', 'preventie-vriendelijk', 'sent'],
    ['sms', 'preventie-incasso', 'sent'],
  ]);
  // The call was offered to a caseworker; not answered within its five days it ends as not reached, never passed up.
  const tasks = closed.tasks as Array<{ role: string; status: string }>;
  expect(tasks.map((t) => t.role)).toEqual(['caseworker']);
  const kinds = new Set((closed.timeline as Array<{ type: string }>).map((e) => e.type));
  for (const adverse of ['legal-block', 'costs-charged', 'handover']) expect(kinds.has(adverse), adverse).toBe(false);
});

test('a seasonal campaign is a Temporal Schedule that opens a prevention process for the tenancies that fell behind in its month, once per run', async () => {
  const today = amsterdamToday();
  const month = Number(today.slice(5, 7));
  // Three months back: the last such month before today.
  const behindMonth = ((month + 8) % 12) + 1;
  const window = behindWindow(today, behindMonth);
  const johan = await h.as('johan');
  const fellBehind = await h.openCase(sanne, { dueDate: window.behindFrom, tenancy: { reference: ref('season'), street: 'Seizoenweg 1', postalCode: '3512 BC', city: 'Utrecht', minorsInHousehold: false } });
  const otherMonth = await h.openCase(sanne, { dueDate: day(-3), tenancy: { reference: ref('other'), street: 'Seizoenweg 2', postalCode: '3512 BC', city: 'Utrecht', minorsInHousehold: false } });
  for (const c of [fellBehind, otherMonth]) expect((await johan.post(`/api/cases/${c.id}/cancel`, { reason: 'betaald buiten het systeem om' })).status).toBe(200);

  const id = `winter-${tag.toLowerCase()}`;
  const bad = await johan.call('PUT', `/api/prevention/campaigns/${id}`, { name: 'Winterbelronde', definitionId: 'standard-ladder', runMonth: 12, runDay: 31, behindMonth });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('body.runDay');
  const ladder = await johan.call('PUT', `/api/prevention/campaigns/${id}`, { name: 'Winterbelronde', definitionId: 'standard-ladder', runMonth: 12, runDay: 1, behindMonth });
  expect(ladder.status).toBe(400);
  expect(ladder.body.error.details[0]).toMatchObject({ field: 'body.definitionId', message: expect.stringContaining('arrears process') });
  expect((await sanne.call('PUT', `/api/prevention/campaigns/${id}`, { name: 'x', definitionId: 'preventie', runMonth: 12, runDay: 1, behindMonth })).status).toBe(403);

  const saved = await johan.call('PUT', `/api/prevention/campaigns/${id}`, { name: 'Winterbelronde', definitionId: 'preventie', runMonth: 12, runDay: 1, behindMonth });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  const cli = await ensureTemporalCli(() => undefined);
  const listed = (await promisify(execFile)(cli, ['schedule', 'list', '--address', inject('temporalAddress'), '--namespace', 'default'])).stdout;
  expect(listed).toContain(`prevention-campaign-${id}`);

  expect((await johan.post(`/api/prevention/campaigns/${id}/run`, {})).status).toBe(202);
  const run = await waitFor('the campaign run is done', async () => {
    const c = ((await johan.get('/api/prevention/campaigns')).body.campaigns as Array<{ id: string; runs: Array<{ status: string; opened: number; behindFrom: string }> }>).find((x) => x.id === id);
    return c?.runs[0]?.status === 'done' ? c.runs[0] : undefined;
  }, 120_000, 300);
  expect(run).toMatchObject({ opened: 1, behindFrom: window.behindFrom });
  expect((await casesOf(ref('season'))).filter((c) => c.purpose === 'prevention')).toMatchObject([{ risk_signal: 'seasonal', status: 'active' }]);
  expect((await casesOf(ref('other'))).filter((c) => c.purpose === 'prevention')).toHaveLength(0);

  // Run again the same day: the same run, nobody opened twice.
  const handle = h.temporal.schedule.getHandle(`prevention-campaign-${id}`);
  const before = (await handle.describe()).info.recentActions.length;
  expect((await johan.post(`/api/prevention/campaigns/${id}/run`, {})).status).toBe(202);
  await waitFor('the second run', async () => ((await handle.describe()).info.recentActions.length > before ? true : undefined), 60_000, 300);
  await waitFor('the second run is through', async () => ((await handle.describe()).info.runningActions.length === 0 ? true : undefined), 60_000, 300);
  expect((await casesOf(ref('season'))).filter((c) => c.purpose === 'prevention')).toHaveLength(1);

  expect((await johan.call('DELETE', `/api/prevention/campaigns/${id}`)).status).toBe(204);
  await expect(handle.describe()).rejects.toThrow();
});

test('in the browser: the case list and the case page say it is a prevention process, and on which signal', async () => {
  browser = await launchBrowser();
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases/${storno}`);
  await page.getByTestId('purpose').getByText('Preventie: Automatische incasso gestorneerd').waitFor();
  await page.getByText('Opgevolgd door een achterstandszaak').first().waitFor();
  await page.goto(`${h.baseUrl}/cases?q=${ref('late')}`);
  await page.getByRole('row').filter({ hasText: ref('late') }).getByText('Preventie').waitFor();
});

test('in the browser: the policy owner sets up a seasonal campaign, is told what is wrong at its field, and runs it now', async () => {
  browser ??= await launchBrowser();
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer`);
  await page.getByRole('link', { name: 'Seizoensacties (preventie)' }).click();
  const id = `lente-${tag.toLowerCase()}`;
  await page.getByLabel('Code (kleine letters, bijvoorbeeld winter)').fill('Lente actie');
  await page.getByLabel('Naam', { exact: true }).fill('Lentebelronde');
  await expect.poll(async () => (await page.getByLabel('Preventieproces').locator('option').allTextContents()).join('|')).toContain('Preventie: achterstand voorkomen');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  // The server's refusal, under the field it is about.
  await page.locator('label', { hasText: 'Code' }).getByRole('alert').filter({ hasText: 'a campaign id uses lowercase letters, digits and dashes' }).waitFor();
  await page.getByLabel('Code (kleine letters, bijvoorbeeld winter)').fill(id);
  await page.getByLabel('Dag van de maand (1 tot en met 28)').fill('15');
  await page.getByLabel('Maand van uitvoeren').selectOption({ label: 'maart' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const card = page.getByTestId(`campaign-${id}`);
  await card.getByText('Elk jaar op 15 maart').waitFor();
  expect((await h.temporal.schedule.getHandle(`prevention-campaign-${id}`).describe()).spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 15 }] });
  await card.getByRole('button', { name: 'Nu uitvoeren' }).click();
  await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 60_000 }).toMatch(/Uitgevoerd .*preventieproces(sen)? geopend/);
  await card.getByRole('button', { name: 'Verwijderen' }).click();
  await card.waitFor({ state: 'detached' });
});
