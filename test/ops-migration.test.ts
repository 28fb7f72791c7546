// Issue 5, done-when 3, the preview and bulk side (the engine's own move is tested in
// migration.test.ts): cases waiting in version 1 move to version 2, which inserts a WhatsApp
// step after the wait, and then take that step; a case at a task and a case at a wait that
// version 2 no longer has are reported with the reason and stay on version 1. The move is
// made in the web app; every case gets an audit entry.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { atStep, closedWith, openTask, stepsTaken } from './support/cases.ts';
import { daysPerSecond, startHarness, type Api, type Harness } from './support/harness.ts';
import { openMany } from './support/ops.ts';

let h: Harness;
let browser: Browser;
let eva: Api;
let sanne: Api;
let omar: Api;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  [eva, sanne, omar] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('omar')]);
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** Large arrears start with a call, small ones wait in a step version 2 drops, the rest get a letter and wait. */
function version(id: string, v: 1 | 2): DefinitionInput {
  return {
    id,
    name: 'Migratie in bulk',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'route' } },
      {
        id: 'route',
        name: 'Hoe groot?',
        kind: 'decision',
        branches: [
          { id: 'large', label: 'Groot', when: { on: 'balance', op: 'gte', cents: 100_000 } },
          { id: 'small', label: 'Klein', when: { on: 'balance', op: 'lte', cents: 20_000 } },
        ],
        next: { large: 'call', small: v === 1 ? 'old-wait' : 'letter', otherwise: 'letter' },
      },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'letter' } },
      { id: 'letter', name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'wait', failed: 'wait' } },
      { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P10D', next: { elapsed: v === 2 ? 'whatsapp' : 'end' } },
      ...(v === 1 ? [{ id: 'old-wait', name: 'Oude wachtstap', kind: 'wait', duration: 'P10D', next: { elapsed: 'end' } } as const] : []),
      ...(v === 2
        ? [{ id: 'whatsapp', name: 'WhatsApp', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'end', failed: 'end' } } as const]
        : []),
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

test('cases waiting in version 1 move to version 2 from the web app and take its new WhatsApp step; a case at a task and one at a dropped wait are reported and stay on version 1', async () => {
  const id = `bulkmigratie-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: version(id, 1), note: 'v1' })).status).toBe(201);
  // Ten days of waiting last 40 s here: time enough to preview and move, short enough to see the new step.
  const scale = daysPerSecond(0.25);
  const waiting = await openMany(h, sanne, 4, () => ({ definitionId: id, timeScale: scale }), 4);
  const [atTask] = await openMany(h, sanne, 1, () => ({ definitionId: id, timeScale: scale, arrearsCents: 150_000 }));
  const [atDroppedWait] = await openMany(h, sanne, 1, () => ({ definitionId: id, timeScale: scale, arrearsCents: 15_000 }));
  for (const c of waiting) await atStep(h, c.id, 'wait');
  await openTask(h, atTask!.id, 'call');
  await atStep(h, atDroppedWait!.id, 'old-wait');
  expect((await eva.post('/api/definitions/publish', { definition: version(id, 2), note: 'v2: WhatsApp na het wachten' })).status).toBe(201);

  // The preview asks every running case of version 1 and applies the workflow's own rule.
  const preview = await omar.post('/api/ops/migrations/preview', { definitionId: id, fromVersion: 1, toVersion: 2 });
  expect(preview.status).toBe(200);
  expect(preview.body.summary).toEqual({ total: 6, movable: 4, notMovable: 2 });
  expect(preview.body.defaultMapping).toEqual({ wait: 'wait', 'old-wait': null });
  const verdict = (caseId: string) => preview.body.cases.find((c: { caseId: string }) => c.caseId === caseId);
  for (const c of waiting) expect(verdict(c.id)).toMatchObject({ ok: true, stepId: 'wait', toStep: 'wait' });
  expect(verdict(atTask!.id)).toMatchObject({ ok: false, stepId: 'call', reason: expect.stringContaining('not in a wait') });
  expect(verdict(atDroppedWait!.id)).toMatchObject({ ok: false, stepId: 'old-wait', reason: expect.stringContaining('does not exist in version 2') });

  // Bad input is refused whole, naming what is wrong.
  const badMapping = await omar.post('/api/ops/migrations/preview', { definitionId: id, fromVersion: 1, toVersion: 2, stepMapping: { 'old-wait': 'nowhere' } });
  expect(badMapping.status).toBe(400);
  expect(badMapping.body.error.message).toContain('version 2 has no step "nowhere"');
  expect((await omar.post('/api/ops/migrations/preview', { definitionId: id, fromVersion: 2, toVersion: 1 })).status).toBe(400);

  // In the web app: choose the versions, preview, and move the cases that can.
  const page = await signedInPage(browser, h.baseUrl, 'omar');
  // The designer's publish dialog links here with the process named.
  await page.goto(`${h.baseUrl}/ops/migration?definition=${encodeURIComponent(id)}`);
  await expect.poll(() => page.getByTestId('migration-definition').inputValue()).toBe(id);
  await expect.poll(() => page.getByTestId('migration-to').inputValue()).toBe('2');
  await page.getByTestId('migration-from').selectOption('1');
  const mapping = page.getByTestId('step-mapping');
  await expect.poll(() => mapping.locator('tr[data-step="old-wait"] select option:checked').innerText()).toContain('bestaat niet meer');
  await page.getByTestId('migration-preview').click();
  const table = page.getByTestId('migration-preview-table');
  await expect.poll(() => table.locator('tr[data-movable="true"]').count(), { timeout: 20_000 }).toBe(4);
  expect(await table.locator(`tr[data-case="${atTask!.id}"]`).innerText()).toContain('not in a wait');
  expect(await table.locator(`tr[data-case="${atDroppedWait!.id}"]`).innerText()).toContain('does not exist in version 2');
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/ops-migration.png', fullPage: true });
  await page.getByTestId('migration-move').click();
  await expect.poll(() => page.getByTestId('bulk-results').innerText(), { timeout: 30_000 }).toContain('4 zaken verwerkt');

  // The moved cases run version 2: after the rest of their wait, the WhatsApp step.
  for (const c of waiting) {
    await closedWith(h, c.id, 90_000);
    expect(await stepsTaken(h, c.id)).toEqual(['start', 'route', 'letter', 'wait', 'whatsapp', 'end']);
    expect((await h.pool.query(`SELECT definition_version FROM cases WHERE id = $1`, [c.id])).rows[0].definition_version).toBe(2);
  }
  // The others stay on version 1: the dropped wait ends as version 1 says, the task still waits.
  await closedWith(h, atDroppedWait!.id, 90_000);
  expect(await stepsTaken(h, atDroppedWait!.id)).toEqual(['start', 'route', 'old-wait', 'end']);
  const stayed = await h.pool.query(`SELECT id, definition_version, current_step FROM cases WHERE id = ANY($1::uuid[])`, [[atTask!.id, atDroppedWait!.id]]);
  expect(stayed.rows.every((r) => r.definition_version === 1)).toBe(true);

  // An audit entry per moved case: the bulk move's and the engine's own.
  const audit = await h.pool.query<{ case_id: string; action: string; details: Record<string, unknown> }>(
    `SELECT case_id, action, details FROM audit_log WHERE case_id = ANY($1::uuid[]) AND action IN ('ops.bulk-migrate', 'case.migrated')`,
    [waiting.map((c) => c.id)],
  );
  for (const c of waiting) {
    expect(audit.rows.filter((r) => r.case_id === c.id && r.action === 'ops.bulk-migrate')).toHaveLength(1);
    expect(audit.rows.filter((r) => r.case_id === c.id && r.action === 'case.migrated')).toHaveLength(1);
  }
  expect(audit.rows.find((r) => r.action === 'ops.bulk-migrate')!.details).toMatchObject({ result: 'done', fromVersion: 1, toVersion: 2 });
});

test('a bulk move names each case it could not move, with the reason, and moves the rest', async () => {
  const id = `bulkmigratie-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: version(id, 1), note: 'v1' })).status).toBe(201);
  const scale = daysPerSecond(0.05);
  const [waiting] = await openMany(h, sanne, 1, () => ({ definitionId: id, timeScale: scale }));
  const [atTask] = await openMany(h, sanne, 1, () => ({ definitionId: id, timeScale: scale, arrearsCents: 150_000 }));
  await atStep(h, waiting!.id, 'wait');
  await openTask(h, atTask!.id, 'call');
  expect((await eva.post('/api/definitions/publish', { definition: version(id, 2), note: 'v2' })).status).toBe(201);

  const moved = await omar.post('/api/ops/migrations', { definitionId: id, fromVersion: 1, toVersion: 2, caseIds: [waiting!.id, atTask!.id] });
  expect(moved.status).toBe(200);
  expect(moved.body.summary).toEqual({ done: 1, refused: 1 });
  expect(moved.body.results[0]).toMatchObject({ caseId: waiting!.id, ok: true, result: { fromVersion: 1, toVersion: 2, toStep: 'wait' } });
  expect(moved.body.results[1]).toMatchObject({ caseId: atTask!.id, ok: false, code: 'conflict', error: expect.stringContaining('not in a wait') });
  const refusedAudit = await h.pool.query(`SELECT details FROM audit_log WHERE case_id = $1 AND action = 'ops.bulk-migrate'`, [atTask!.id]);
  expect(refusedAudit.rows[0].details).toMatchObject({ result: 'refused', code: 'conflict' });
  expect((await h.pool.query(`SELECT definition_version FROM cases WHERE id = $1`, [atTask!.id])).rows[0].definition_version).toBe(1);
  // A caseworker may not move cases.
  expect((await sanne.post('/api/ops/migrations', { definitionId: id, fromVersion: 1, toVersion: 2, caseIds: [waiting!.id] })).status).toBe(403);
});
