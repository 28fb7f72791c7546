// The legal rules are checked at publish time over every path, and again at run time before
// an adverse step, against what the case actually recorded. A call task that only expired was
// never a contact attempt: the bailiff step is held for a team lead until the missing
// precondition is on record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { closedWith, complete, openTask, timeline } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

function ladder(id: string): DefinitionInput {
  return {
    id,
    name: 'Korte ladder met verlopen belpoging',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder' } },
      { id: 'reminder', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', offersMunicipalitySignal: true, next: { sent: 'call', failed: 'call' } },
      {
        id: 'call',
        name: 'Bellen',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        deadline: { within: 'P2D', onExpiry: [{ action: 'outcome', outcome: 'not-reached' }] },
        outcomes: [{ id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', fields: [] }],
        next: { 'not-reached': 'debt-help' },
      },
      { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'bailiff', refused: 'bailiff' } },
      { id: 'bailiff', name: 'Deurwaarder', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'end', refused: 'end' } },
      { id: 'end', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

test('a bailiff step whose contact attempt never happened is held at run time until a person records it', async () => {
  const [eva, sanne, mark] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('mark')]);
  const id = `runtime-${randomUUID().slice(0, 8)}`;
  // The reminder's `failed` outcome skips the reminder; that path is refused at publish time
  // unless it too is covered, so the published version routes both outcomes through the call.
  const published = await eva.post('/api/definitions/publish', { definition: ladder(id) });
  expect(published.status).toBe(400);
  expect(published.body.error.message).toContain('legal rule 1');
  const fixed = ladder(id);
  (fixed.steps[1] as { next: Record<string, string> }).next = { sent: 'call', failed: 'end' };
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
