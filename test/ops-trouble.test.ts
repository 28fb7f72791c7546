// The trouble list: a case whose message keeps failing (with Temporal's error and the retry
// count), a task past its deadline, a pause past its review date, and a step the legal check
// blocked at run time, each linking to the workflow in the Temporal Web UI; the failing case
// shows on the heat view and in the activity-failure metric, and leaves the list once the
// provider answers again.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { closedWith, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';
import { expiringCallToBailiff } from './support/definitions.ts';
import { LoopbackProvider } from './support/loopback.ts';
import { metricSum, parseMetrics, startOpsApp } from './support/ops.ts';

const UI = 'http://temporal-ui.example:8080';
const FAILING_PHONE = '+31699990000';
let h: Harness;
let provider: LoopbackProvider;
let app: Awaited<ReturnType<typeof startOpsApp>>;
let browser: Browser;
let eva: Api;
let sanne: Api;
let omar: Api;

beforeAll(async () => {
  provider = await new LoopbackProvider().start();
  h = await startHarness({ channels: { MAIL_FROM: 'test@example.nl', WHATSAPP_API_URL: provider.url, WHATSAPP_API_TOKEN: 'test-token' } });
  app = await startOpsApp(h, { temporalUiUrl: UI });
  browser = await launchBrowser();
  [eva, sanne, omar] = await Promise.all([app.as('eva'), app.as('sanne'), app.as('omar')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await h?.stop();
  await provider?.stop();
});

const publish = async (d: DefinitionInput) => {
  const r = await eva.post('/api/definitions/publish', { definition: d });
  if (r.status !== 201) throw new Error(`publish failed: ${JSON.stringify(r.body)}`);
};

function whatsappOnly(id: string): DefinitionInput {
  return {
    id,
    name: 'Alleen WhatsApp',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'whatsapp' } },
      { id: 'whatsapp', name: 'WhatsApp met betaallink', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'end', failed: 'end' } },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

function callWithDeadline(id: string): DefinitionInput {
  return {
    id,
    name: 'Bellen met termijn',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
      {
        id: 'call',
        name: 'Bellen',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        deadline: { within: 'P1D', onExpiry: [{ action: 'remind' }] },
        outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }],
        next: { done: 'end' },
      },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}


test('the trouble list shows a failing message with its error and retry count, an overdue task, a pause past review and a legal block, each linked to the Temporal Web UI', async () => {
  const suffix = randomUUID().slice(0, 6);
  const [waId, callId, legalId] = [`trouble-wa-${suffix}`, `trouble-call-${suffix}`, `trouble-legal-${suffix}`];
  await publish(whatsappOnly(waId));
  await publish(callWithDeadline(callId));
  await publish(expiringCallToBailiff(legalId));
  // The provider answers 503 seven times, then accepts: Temporal retries at 1, 2, 4, 8, 16, 32 s
  // (then a minute); "try again now" on the row cuts the wait short.
  provider.script(FAILING_PHONE, ...Array.from({ length: 7 }, () => ({ status: 503, body: { error: 'service unavailable' } })));
  const before = parseMetrics((await app.as('omar').then((a) => a.get<string>('/metrics'))).body);

  // On a working morning (Tuesday 9 March 2027, 10:00): run at night or at the weekend, the
  // WhatsApp would wait for the message hours instead of failing now.
  const failing = await h.openCase(sanne, { definitionId: waId, tenant: { name: 'Huurder Faalt', phone: FAILING_PHONE }, businessStart: '2027-03-09T10:00:00+01:00' });
  const overdue = await h.openCase(sanne, { definitionId: callId, timeScale: daysPerSecond(2) });
  const paused = await h.openCase(sanne, { definitionId: callId, timeScale: daysPerSecond(1) });
  const blocked = await h.openCase(sanne, { definitionId: legalId, timeScale: daysPerSecond(4) });
  await openTask(h, paused.id, 'call');
  // Today on the case's own clock (a day a second: ahead of the calendar); past once its day ends.
  const today = ((await omar.get(`/api/cases/${paused.id}`)).body.now as string).slice(0, 10);
  expect((await omar.post(`/api/cases/${paused.id}/pause`, { reason: 'Wacht op schuldhulp', reviewDate: today })).status).toBe(200);
  await openTask(h, blocked.id, 'bailiff', 30_000);

  type Trouble = {
    failing: { items: Array<{ caseId: string; activity: string; retries: number; error: string; temporalUrl: string; stepId: string; nextAttemptAt: string | null }> };
    overdueTasks: Array<{ caseId: string; stepId: string; overdueDays: number; temporalUrl: string }>;
    pausesPastReview: Array<{ caseId: string; reviewDate: string; temporalUrl: string }>;
    legalBlocks: Array<{ caseId: string; stepId: string; rules: Array<{ rule: string; missing: string[] }>; temporalUrl: string }>;
  };
  const link = (workflowId: string) => `${UI}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
  const seen = await waitFor(
    'all four kinds of trouble',
    async () => {
      const t = (await omar.get<Trouble>('/api/ops/trouble')).body;
      const f = t.failing.items.find((i) => i.caseId === failing.id);
      const o = t.overdueTasks.find((i) => i.caseId === overdue.id);
      const p = t.pausesPastReview.find((i) => i.caseId === paused.id);
      const l = t.legalBlocks.find((i) => i.caseId === blocked.id);
      return f && f.retries >= 2 && o && p && l ? { f, o, p, l } : undefined;
    },
    60_000,
    1_000,
  );
  expect(seen.f).toMatchObject({ activity: 'sendMessage', stepId: 'whatsapp', temporalUrl: link(failing.workflowId) });
  expect(seen.f.error).toContain('503');
  expect(seen.o).toMatchObject({ stepId: 'call', temporalUrl: link(overdue.workflowId) });
  expect(seen.o.overdueDays).toBeGreaterThan(0);
  expect(seen.p).toMatchObject({ reviewDate: today, temporalUrl: link(paused.workflowId) });
  expect(seen.l).toMatchObject({ stepId: 'bailiff', temporalUrl: link(blocked.workflowId) });
  expect(seen.l.rules[0]).toMatchObject({ rule: 'bailiff-preconditions', missing: ['contact-attempt'] });

  // The same failing case on the heat view of its version, and in the metrics.
  const heat = (await omar.get(`/api/ops/heat?definitionId=${waId}&version=1`)).body;
  expect(heat.steps.find((s: { stepId: string }) => s.stepId === 'whatsapp')).toMatchObject({ open: 1, failing: 1 });
  const after = parseMetrics((await omar.get<string>('/metrics')).body);
  expect(metricSum(after, 'arrears_activity_failures_total', { activity: 'sendMessage' }) - metricSum(before, 'arrears_activity_failures_total', { activity: 'sendMessage' })).toBeGreaterThanOrEqual(2);
  expect(metricSum(after, 'arrears_cases_failing_activity')).toBeGreaterThanOrEqual(1);

  // In the web app: every section lists its case, with a link to Temporal's page for it.
  const page = await signedInPage(browser, app.baseUrl, 'omar');
  await page.goto(`${app.baseUrl}/ops/trouble`);
  for (const [section, c] of [['failing', failing], ['overdue', overdue], ['pauses', paused], ['legal', blocked]] as const) {
    const row = page.getByTestId(`trouble-${section}`).locator(`tr[data-case="${c.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('a.temporal-link').getAttribute('href')).toBe(link(c.workflowId));
  }
  expect(Number(await page.getByTestId('trouble-failing').locator(`tr[data-case="${failing.id}"] [data-testid="retries"]`).innerText())).toBeGreaterThanOrEqual(2);
  // Every row has the balance; ops alone see the tenancy reference, not the tenant's name (need-to-know).
  const failingRow = await page.getByTestId('trouble-failing').locator(`tr[data-case="${failing.id}"]`).innerText();
  expect(failingRow).toMatch(/€\s?[\d.]+,\d\d/);
  expect(failingRow).not.toContain('Huurder Faalt');
  expect(failingRow).toContain('Bericht versturen');
  // Rows say what a person reads: the legal rule and what is missing in words, the step by its name, the balance.
  const legalRow = page.getByTestId('trouble-legal').locator(`tr[data-case="${blocked.id}"]`);
  expect(await legalRow.innerText()).toContain('Wettelijke regel 1: ontbreekt een poging tot persoonlijk contact (bellen of bezoek)');
  expect(await legalRow.innerText()).not.toContain('bailiff-preconditions');
  // The pause past its review date is resumed from its row, and leaves the list.
  const pauseRow = page.getByTestId('trouble-pauses').locator(`tr[data-case="${paused.id}"]`);
  expect(await pauseRow.innerText()).toMatch(/€\s?[\d.]+,\d\d/);
  await pauseRow.getByRole('button', { name: `Zaak ${paused.reference} hervatten` }).click();
  await pauseRow.waitFor({ state: 'detached', timeout: 30_000 });
  expect((await omar.get(`/api/cases/${paused.id}`)).body.case.status).not.toBe('paused');

  // A team lead gives the overdue task to a colleague from its row.
  const markPage = await signedInPage(browser, app.baseUrl, 'mark');
  await markPage.goto(`${app.baseUrl}/ops/trouble`);
  // A team lead works cases: the rows name the tenant too, recorded as a read of that list.
  await markPage.getByTestId('trouble-failing').locator(`tr[data-case="${failing.id}"]`).filter({ hasText: 'Huurder Faalt' }).waitFor();
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'personal-data.list' AND entity = 'ops-trouble' AND details->'caseIds' ? $1`, [failing.id])).rows[0].n).toBeGreaterThan(0);
  const overdueRow = markPage.getByTestId('trouble-overdue').locator(`tr[data-case="${overdue.id}"]`);
  await overdueRow.getByRole('combobox', { name: /toewijzen$/ }).selectOption({ label: 'Sanne Jansen' });
  const sanneId = (await h.pool.query(`SELECT id FROM users WHERE username = 'sanne'`)).rows[0].id;
  await waitFor('the task assigned', async () => ((await h.pool.query(`SELECT assignee FROM tasks WHERE case_id = $1 AND status = 'open'`, [overdue.id])).rows[0]?.assignee === sanneId ? true : undefined));
  await markPage.context().close();

  // "Try again now" on a failing message, while its next attempt is still far off: an attempt comes at once.
  const due = await waitFor(
    'a retry far enough off',
    async () => {
      const f = (await omar.get<Trouble>('/api/ops/trouble')).body.failing.items.find((i) => i.caseId === failing.id);
      const left = f?.nextAttemptAt ? Date.parse(f.nextAttemptAt) - Date.now() : 0;
      return f && f.retries >= 4 && left >= 10_000 ? f : undefined;
    },
    60_000,
    500,
  );
  const attempts = provider.to(FAILING_PHONE).length;
  await page.reload();
  await page.getByTestId('trouble-failing').locator(`tr[data-case="${failing.id}"]`).getByRole('button', { name: /nu opnieuw proberen/ }).click();
  await waitFor('an attempt before the scheduled one', async () => (provider.to(FAILING_PHONE).length > attempts ? true : undefined), Math.max(1_000, Date.parse(due.nextAttemptAt!) - Date.now() - 2_000));
  const retried = (await h.pool.query(`SELECT actor, before FROM audit_log WHERE action = 'activity.retry' AND case_id = $1`, [failing.id])).rows;
  expect(retried).toHaveLength(1);

  // Once the provider answers, the message goes out, the case moves on and leaves the list.
  await closedWith(h, failing.id, 90_000);
  const t = (await omar.get<Trouble>('/api/ops/trouble')).body;
  expect(t.failing.items.find((i) => i.caseId === failing.id)).toBeUndefined();
  expect(provider.to(FAILING_PHONE).length).toBeGreaterThanOrEqual(6);
  expect(provider.delivered.size).toBeGreaterThanOrEqual(1);
});
