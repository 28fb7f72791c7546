// A 12-month arrangement with weekly instalments is the longest case the product expects.
// With a low history threshold it continues as new several times mid-arrangement; the
// case must not notice: every reminder once, payments deduplicated across runs.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { businessNow } from '../workflows/case-view.ts';
import { agreedArrangement } from './support/definitions.ts';
import { closedWith, complete, messages, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

const HISTORY_LIMIT = 300;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ historyLimit: HISTORY_LIMIT });
});
afterAll(async () => h?.stop());

function weeklyArrangement(id: string): DefinitionInput {
  return {
    id,
    name: 'Wekelijkse regeling (test)',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'agree' } },
      // The test pays each instalment once it sees its reminder; the next reminder comes a week
      // later at the soonest, so a week is the room it has (1.4 s at the time scale below). A
      // busy machine that is late now and then costs a "missed" message, never the arrangement.
      ...agreedArrangement({ maxInstalments: 60, gracePeriod: 'P5D', allowedMisses: 12 }),
      { id: 'done', name: 'Regeling voldaan', kind: 'end', outcome: 'arrangement-completed' },
      { id: 'stopped', name: 'Gestopt', kind: 'end', outcome: 'cancelled' },
    ],
  };
}

test('a 12-month weekly arrangement continues as new several times and finishes with every reminder sent once', async () => {
  const eva = await h.as('eva');
  const sanne = await h.as('sanne');
  const definitionId = `weekly-${randomUUID().slice(0, 8)}`;
  const published = await eva.post('/api/definitions/publish', { definition: weeklyArrangement(definitionId), note: 'test' });
  expect(published.status).toBe(201);

  const c = await h.openCase(sanne, { definitionId, arrearsCents: 52 * 5_000, timeScale: daysPerSecond(5) });
  const task = await openTask(h, c.id, 'agree');
  const view = await h.state(c.id);
  const firstDue = new Date(businessNow(view) + 5 * 86_400_000).toISOString().slice(0, 10);
  await complete(sanne, task.id, 'arrangement-agreed', { instalmentCents: 5_000, instalments: 52, interval: 'P1W', firstDueDate: firstDue });

  for (let week = 1; week <= 51; week++) {
    await waitFor(`reminder ${week}`, async () => (await messages(h, c.id)).filter((m) => m.purpose === 'arrangement-reminder').length >= week || undefined, 30_000, 25);
    // With the 51st instalment the tenant pays the last one too, so the balance clears and no 52nd reminder is due.
    const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${c.id}-week-${week}`, amountCents: week === 51 ? 10_000 : 5_000 });
    expect(paid.status).toBe(200);
    if (week === 40) {
      // The bank reports week 3 again after several continue-as-new runs: it is recognised.
      const again = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${c.id}-week-3`, amountCents: 5_000 });
      expect(again.body).toMatchObject({ duplicate: true });
    }
  }
  const closed = await closedWith(h, c.id, 60_000);
  expect(closed).toMatchObject({ outcome: 'arrangement-completed', balance_cents: 0 });

  const sent = await messages(h, c.id);
  // One reminder per instalment, in order, none twice: 51, or 52 when the last one went out
  // before the final double payment arrived.
  const instalments = sent.filter((m) => m.purpose === 'arrangement-reminder').map((m) => Number(m.key.split(':').pop()));
  expect(instalments.length === 51 || instalments.length === 52).toBe(true);
  expect(instalments).toEqual(instalments.map((_, i) => i));
  // Each instalment's reminder (and any "missed" message) exactly once across all the runs.
  expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);
  const missedEvents = (await h.pool.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'arrangement-missed'`, [c.id])).rows[0].n;
  // A "missed" message waits for the message hours; only the balance clearing (the last
  // payment) wakes it unsent, so at most the last miss can lack its message.
  const missedMessages = sent.filter((m) => m.purpose === 'arrangement-missed').length;
  expect(missedMessages).toBeLessThanOrEqual(missedEvents);
  expect(missedEvents - missedMessages).toBeLessThanOrEqual(1);

  const runs: Array<{ runId: string; status: string }> = [];
  for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${c.workflowId}'` })) runs.push({ runId: w.runId, status: w.status.name });
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(runs.filter((r) => r.status === 'CONTINUED_AS_NEW').length).toBe(runs.length - 1);
  let total = 0;
  const histories = [];
  for (const run of runs) {
    const history = await h.temporal.workflow.getHandle(c.workflowId, run.runId).fetchHistory();
    histories.push({ workflowId: `${c.workflowId}/${run.runId}`, history });
    const events = history.events?.length ?? 0;
    total += events;
    // A run continues as new at its next idle point after the threshold, so it ends a little past it.
    expect(events).toBeLessThan(HISTORY_LIMIT + 150);
  }
  // Each payment races the arrangement's own writes; every run must replay the same way, or a
  // worker restart would leave the case stuck on a nondeterminism error.
  const failures: string[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: { code: inject('workflowBundle') } }, histories)) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
  expect(failures).toEqual([]);
  console.log(`12-month weekly arrangement: ${total} history events over ${runs.length} runs (threshold ${HISTORY_LIMIT})`);
});
