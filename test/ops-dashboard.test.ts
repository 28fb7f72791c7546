// The ops dashboard's figures for a known population on a database of its own: open cases and
// arrears, cases closed per week by outcome, arrangements on track, behind, completed and
// broken, open tasks per role, and the days from the first reminder to payment.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { businessNow } from '../workflows/case-view.ts';
import { agreedArrangement } from './support/definitions.ts';
import { closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ownDatabase: true });
});
afterAll(async () => h?.stop());

function letterCallArrangement(id: string): DefinitionInput {
  return {
    id,
    name: 'Brief, bellen, regeling',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'letter' } },
      { id: 'letter', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'agree', failed: 'agree' } },
      ...agreedArrangement({ maxInstalments: 12, gracePeriod: 'P2D', allowedMisses: 1 }),
      { id: 'done', name: 'Regeling voldaan', kind: 'end', outcome: 'arrangement-completed' },
      { id: 'stopped', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

test('the dashboard counts open cases, closures by outcome, arrangements on track, behind, completed and broken, and open tasks', async () => {
  const [eva, sanne, omar] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('omar')]);
  const definitionId = `dash-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: letterCallArrangement(definitionId) })).status).toBe(201);
  const open = (timeScale: number) => h.openCase(sanne, { definitionId, arrearsCents: 10_000, timeScale });
  const agree = async (api: Api, c: { id: string }, plan: { instalments: number; interval: 'P1W' | 'P1M'; firstDueInDays: number }) => {
    const task = await openTask(h, c.id, 'agree');
    const now = businessNow(await h.state(c.id));
    await complete(api, task.id, 'arrangement-agreed', {
      instalmentCents: 10_000 / plan.instalments,
      instalments: plan.instalments,
      interval: plan.interval,
      firstDueDate: new Date(now + plan.firstDueInDays * 86_400_000).toISOString().slice(0, 10),
    });
  };

  const [kept, broken, behind, onTrack, waiting] = await Promise.all([open(daysPerSecond(10)), open(daysPerSecond(10)), open(daysPerSecond(1)), open(daysPerSecond(1)), open(daysPerSecond(1))]);
  // Its first instalment falls due three real seconds on, so payments made as soon as it runs are in time even on a busy machine.
  await agree(sanne, kept, { instalments: 2, interval: 'P1W', firstDueInDays: 30 });
  await agree(sanne, broken, { instalments: 2, interval: 'P1W', firstDueInDays: 2 });
  await agree(sanne, behind, { instalments: 2, interval: 'P1M', firstDueInDays: 1 });
  await agree(sanne, onTrack, { instalments: 2, interval: 'P1M', firstDueInDays: 60 });
  // `waiting` stays at the call: an open task for the caseworkers.
  await openTask(h, waiting.id, 'agree');

  // The kept arrangement: both instalments paid as soon as it runs, so no busy machine can
  // make them late (the engine's own reminders and checks are other tests' business).
  await waitFor('the kept arrangement running', async () => (await h.state(kept.id)).arrangement !== null || undefined);
  for (let i = 1; i <= 2; i++) {
    expect((await sanne.post(`/api/cases/${kept.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${kept.reference}-${i}`, amountCents: 5_000 })).status).toBe(200);
  }
  expect(await closedWith(h, kept.id)).toMatchObject({ outcome: 'arrangement-completed' });
  expect(await closedWith(h, broken.id)).toMatchObject({ outcome: 'handed-over' });

  const board = await waitFor(
    'one arrangement behind',
    async () => {
      // Two years of weeks: the window ends at the latest week anything happened in, and cases at
      // ten days a second close weeks ahead of their opening on a busy machine; all must fit.
      const res = await omar.get('/api/ops/dashboard?weeks=104');
      expect(res.status).toBe(200);
      if (res.body.arrangements.behind !== 1) throw new Error(`arrangements ${JSON.stringify(res.body.arrangements)}`);
      return res.body;
    },
    30_000,
    500,
  );
  expect(board.arrangements).toEqual({ onTrack: 1, behind: 1, completed: 1, broken: 1 });
  expect(board.totals).toMatchObject({ openCases: 3, arrearsCents: 30_000, paused: 0, waitingOnPerson: 1 });
  const closed = (outcome: string) => board.weekly.reduce((n: number, w: { closed: Record<string, number> }) => n + (w.closed[outcome] ?? 0), 0);
  expect([closed('arrangement-completed'), closed('handed-over'), closed('paid')]).toEqual([1, 1, 0]);
  expect(board.weekly.reduce((n: number, w: { opened: number }) => n + w.opened, 0)).toBe(5);
  expect(board.tasksPerRole).toEqual([{ role: 'caseworker', open: 1, overdue: 0 }]);
  // Only the kept arrangement brought a balance to zero after its reminder.
  expect(board.reminderToPayment.cases).toBe(1);
  expect(board.reminderToPayment.averageDays).toBeGreaterThan(4);

  expect((await sanne.get('/api/ops/dashboard')).status).toBe(403);
});
