// The legal rules are checked at publish time over every path, and again at run time before
// an adverse step, against what the case actually recorded. A call task that only expired was
// never a contact attempt: the bailiff step is held for a team lead until the missing
// precondition is on record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closedWith, complete, openTask, timeline } from './support/cases.ts';
import { expiringCallToBailiff } from './support/definitions.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());


test('a bailiff step whose contact attempt never happened is held at run time until a person records it', async () => {
  const [eva, sanne, mark] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('mark')]);
  const id = `runtime-${randomUUID().slice(0, 8)}`;
  // Were a failed reminder to lead on to the call, the bailiff could be reached without a
  // written reminder: refused at publish time. Ending there instead, the version publishes.
  const skipping = expiringCallToBailiff(id);
  (skipping.steps[1] as { next: Record<string, string> }).next = { sent: 'call', failed: 'call' };
  const published = await eva.post('/api/definitions/publish', { definition: skipping });
  expect(published.status).toBe(400);
  expect(published.body.error.message).toContain('legal rule 1');
  const fixed = expiringCallToBailiff(id);
  expect((await eva.post('/api/definitions/publish', { definition: fixed })).status).toBe(201);

  const c = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(4) });
  // Nobody calls: the call task expires into "not reached".
  const review = await openTask(h, c.id, 'bailiff', 30_000);
  expect(review.role).toBe('team-lead');
  const row = await h.pool.query(`SELECT status, current_step FROM cases WHERE id = $1`, [c.id]);
  expect(row.rows[0]).toMatchObject({ status: 'blocked', current_step: 'bailiff' });
  const state = await h.state(c.id);
  expect(state.blocked).toMatchObject({ stepId: 'bailiff', rule: 'bailiff-preconditions', missing: ['contact-attempt'] });
  const handovers = await h.pool.query(`SELECT partner FROM handovers WHERE case_id = $1`, [c.id]);
  expect(handovers.rows.map((r) => r.partner)).toEqual(['debt-help']);

  // Re-checking without the missing fact holds the case again.
  await complete(mark, review.id, 'recheck');
  const again = await waitFor('a second review task', async () => {
    const r = await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND step_id = 'bailiff' AND status = 'open' AND id <> $2`, [c.id, review.id]);
    return r.rows[0];
  });

  // The caseworker reaches the tenant after all and records the contact; now it may go on.
  expect((await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde zelf terug.' })).status).toBe(200);
  await complete(mark, again.id, 'recheck');
  const closed = await closedWith(h, c.id);
  expect(closed.outcome).toBe('handed-over');
  const events = await timeline(h, c.id);
  expect(events.filter((e) => e.type === 'legal-block')).toHaveLength(2);
  expect(events.filter((e) => e.type === 'legal-block-lifted').map((e) => e.data.decision)).toEqual(['recheck', 'recheck']);
  const bailiff = events.findIndex((e) => e.type === 'handover' && e.data.partner === 'bailiff');
  const contact = events.findIndex((e) => e.type === 'contact');
  expect(contact).toBeGreaterThan(0);
  expect(bailiff).toBeGreaterThan(contact);
});
