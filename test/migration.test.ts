// Moving running cases to a new version of their definition: only while they wait, with the
// time already waited kept; a case that cannot move is told why and stays where it is.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { businessNow } from '../workflows/case-view.ts';
import { atStep, closedWith, complete, openTask, stepsTaken, timeline } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const DAY = 86_400_000;

function version(id: string, withWhatsApp: boolean): DefinitionInput {
  const afterWait = withWhatsApp ? 'whatsapp' : 'end';
  return {
    id,
    name: 'Migratietest',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'letter' } },
      { id: 'letter', name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'wait', failed: 'wait' } },
      { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P10D', next: { elapsed: afterWait } },
      ...(withWhatsApp
        ? [{ id: 'whatsapp', name: 'WhatsApp', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'end', failed: 'end' } } as const]
        : []),
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

test('a waiting case moves to version 2 and takes its new WhatsApp step, keeping the time it already waited; a case at a task stays on version 1', async () => {
  const [eva, sanne, omar] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('omar')]);
  const id = `migratie-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: version(id, false), note: 'v1' })).status).toBe(201);

  const waiting = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(2) });
  const busy = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(2) });
  await complete(sanne, (await openTask(h, waiting.id, 'call')).id, 'done');
  await openTask(h, busy.id, 'call');
  await atStep(h, waiting.id, 'wait');

  expect((await eva.post('/api/definitions/publish', { definition: version(id, true), note: 'v2: WhatsApp na het wachten' })).status).toBe(201);
  const view = await h.state(waiting.id);
  const entered = Date.parse(view.currentStep!.enteredAt);
  await waitFor('4 days into the wait', async () => businessNow(view) - entered >= 4 * DAY || undefined, 10_000, 10);

  const moved = await omar.post(`/api/cases/${waiting.id}/migrate`, { toVersion: 2 });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ fromVersion: 1, toVersion: 2, fromStep: 'wait', toStep: 'wait' });
  // What was waited until the move (the case's own time of it, in its timeline) plus what
  // remains is the full 10 days: not less, and not the 14 a restarted wait would give. (A
  // little more: the timer starts once the step's entry is written, a moment after entering.)
  const at = (await h.pool.query<{ at: Date }>(`SELECT at FROM case_events WHERE case_id = $1 AND type = 'migrated'`, [waiting.id])).rows[0]!.at;
  const waited = at.getTime() - entered;
  expect(waited / DAY).toBeGreaterThanOrEqual(4);
  expect((waited + moved.body.remainingMs) / DAY).toBeGreaterThan(9.95);
  expect((waited + moved.body.remainingMs) / DAY).toBeLessThan(10.5);

  const refused = await omar.post(`/api/cases/${busy.id}/migrate`, { toVersion: 2 });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('not in a wait');
  expect(refused.body.error.message).toContain('"call"');

  await closedWith(h, waiting.id);
  expect(await stepsTaken(h, waiting.id)).toEqual(['start', 'call', 'letter', 'wait', 'whatsapp', 'end']);
  const events = await timeline(h, waiting.id);
  const waitStart = events.find((e) => e.type === 'step' && e.step_id === 'wait')!.at.getTime();
  const waitEnd = events.find((e) => e.type === 'step' && e.step_id === 'whatsapp')!.at.getTime();
  // The whole wait lasted its 10 days, not 4 + a fresh 10.
  expect((waitEnd - waitStart) / DAY).toBeGreaterThan(9.3);
  expect((waitEnd - waitStart) / DAY).toBeLessThan(11);
  const row = await h.pool.query(`SELECT definition_version FROM cases WHERE id = $1`, [waiting.id]);
  expect(row.rows[0].definition_version).toBe(2);
  const audit = await h.pool.query(`SELECT action, details FROM audit_log WHERE case_id = $1 AND action = 'case.migrated'`, [waiting.id]);
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0].details).toMatchObject({ fromVersion: 1, toVersion: 2 });

  // The case that could not move runs on version 1: no WhatsApp after its wait.
  await complete(sanne, (await openTask(h, busy.id, 'call')).id, 'done');
  await closedWith(h, busy.id);
  expect(await stepsTaken(h, busy.id)).toEqual(['start', 'call', 'letter', 'wait', 'end']);
  expect((await h.pool.query(`SELECT definition_version FROM cases WHERE id = $1`, [busy.id])).rows[0].definition_version).toBe(1);
});
