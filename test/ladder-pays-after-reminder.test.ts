// "December" (Platform31 case 1): a reminder is enough; he pays within days. The case
// leaves the ladder at once and runs the aftercare path, closing as paid.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { atStep, closedWith, complete, messages, openTask, stepsTaken } from './support/cases.ts';
import { daysPerSecond, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

test('a tenant who pays after the first reminder leaves the ladder and gets an aftercare call', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { arrearsCents: 65_000, timeScale: daysPerSecond(2) });
  await atStep(h, c.id, 'wait-after-reminder');
  expect((await messages(h, c.id)).map((m) => [m.step_id, m.channel, m.status])).toEqual([['reminder-letter', 'letter', 'awaiting-print']]);

  const paid = await h.pay(c.id, { reference: `BANK-${c.reference}-1`, amountCents: 65_000 });
  expect(paid.status).toBe(200);
  expect(paid.body.balanceCents).toBe(0);

  const call = await openTask(h, c.id, 'aftercare-call');
  await complete(sanne, call.id, 'talked', { note: 'Gaat goed, betaalt voortaan via automatische incasso.' });
  const closed = await closedWith(h, c.id);
  expect(closed).toMatchObject({ outcome: 'paid', balance_cents: 0 });

  const steps = await stepsTaken(h, c.id);
  expect(steps).toEqual(['start', 'reminder-letter', 'wait-after-reminder', 'paid', 'aftercare-wait', 'aftercare-call', 'end-paid']);
  // No further message after the payment: no WhatsApp, no call task on the ladder.
  expect((await messages(h, c.id)).length).toBe(1);
});
