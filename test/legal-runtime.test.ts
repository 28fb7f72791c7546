// The legal rules are checked at publish time over every path, and again at run time before
// every step whose kind has requirements, against what the case actually recorded. A task
// that only expired was never done by a person: a call is no contact attempt, an assessment
// no assessment, a judgment no judgment. The step is held for a team lead until the missing
// fact is on record, or the case is stopped.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closedWith, complete, openTask, timeline } from './support/cases.ts';
import type { DefinitionInput } from '../definition/schema.ts';
import { expiringCallToBailiff, preconditionsThen, unrecordedJudgment } from './support/definitions.ts';
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

test('a household with minors whose assessment only ran out of time is held before the summons until a team lead records the assessment', async () => {
  const [eva, sanne, mark] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('mark')]);
  const id = `rule8-${randomUUID().slice(0, 8)}`;
  const definition: DefinitionInput = {
    id,
    name: 'Kinderen in huis',
    steps: [
      ...preconditionsThen('minors-check'),
      {
        id: 'minors-check',
        name: 'Kinderen in huis?',
        kind: 'decision',
        branches: [{ id: 'minors', label: 'Minderjarigen (of onbekend)', when: { on: 'minors', present: true } }],
        next: { minors: 'assess', otherwise: 'bailiff' },
      },
      {
        id: 'assess',
        name: 'Gezinssituatie beoordelen',
        kind: 'task',
        task: 'assessment',
        role: 'team-lead',
        // At publish time this outcome records the assessment; picked by the deadline, nobody assessed anything.
        deadline: { within: 'P2D', onExpiry: [{ action: 'outcome', outcome: 'proceed' }] },
        outcomes: [{ id: 'proceed', label: 'Doorgaan', meaning: 'household-assessed', fields: [] }],
        next: { proceed: 'bailiff' },
      },
      { id: 'bailiff', name: 'Dagvaarding via deurwaarder', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'handed-over', refused: 'handed-over' } },
      { id: 'handed-over', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
  expect((await eva.post('/api/definitions/publish', { definition })).status).toBe(201);
  // Without the decision, or with an assessment that records nothing, the version is refused at publish time.
  const unguarded = structuredClone(definition);
  (unguarded.steps.find((s) => s.id === 'debt-help') as { next: Record<string, string> }).next = { accepted: 'bailiff', refused: 'bailiff' };
  unguarded.steps = unguarded.steps.filter((s) => s.id !== 'minors-check' && s.id !== 'assess');
  const refused = await eva.post('/api/definitions/publish', { definition: unguarded });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toContain('legal rule 8');

  const c = await h.openCase(sanne, {
    definitionId: id,
    timeScale: daysPerSecond(4),
    tenancy: { reference: `K-${randomUUID().slice(0, 8)}`, street: 'Speelstraat 3', postalCode: '3511 AB', city: 'Utrecht', minorsInHousehold: true },
  });
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
  const review = await openTask(h, c.id, 'bailiff', 30_000);
  expect(review.role).toBe('team-lead');
  const state = await h.state(c.id);
  expect(state.minors).toBe(true);
  expect(state.blocked).toMatchObject({ stepId: 'bailiff', rule: 'household-assessment', missing: ['household-assessed'] });
  expect((await h.pool.query(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0].status).toBe('blocked');
  const partners = async () => (await h.pool.query(`SELECT partner FROM handovers WHERE case_id = $1 ORDER BY business_at`, [c.id])).rows.map((r) => r.partner);
  expect(await partners()).toEqual(['debt-help']);

  // The review itself is where the team lead records the assessment; a reason is required.
  const bare = await mark.post(`/api/tasks/${review.id}/complete`, { outcome: 'household-assessed', fields: {} });
  expect(bare.status).toBe(400);
  expect(bare.body.error.message).toContain('assessment');
  await complete(mark, review.id, 'household-assessed', { assessment: 'Wijkteam betrokken; de kinderen kunnen bij oma terecht.' });
  const closed = await closedWith(h, c.id);
  expect(closed.outcome).toBe('handed-over');
  expect(await partners()).toEqual(['debt-help', 'bailiff']);
  const events = await timeline(h, c.id);
  expect(events.find((e) => e.type === 'legal-block')!.data.violations).toEqual([{ rule: 'household-assessment', missing: ['household-assessed'] }]);
  expect(events.filter((e) => e.type === 'legal-block-lifted').map((e) => e.data.decision)).toEqual(['household-assessed']);
});

test('an eviction whose judgment was never recorded by a person is held before the case ends as evicted, naming the rule', async () => {
  const [eva, sanne, mark] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('mark')]);
  const id = `evict-${randomUUID().slice(0, 8)}`;
  const definition = unrecordedJudgment(id);
  expect((await eva.post('/api/definitions/publish', { definition })).status).toBe(201);
  const c = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(4) });
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
  const review = await openTask(h, c.id, 'evicted', 30_000);
  expect(review.role).toBe('team-lead');
  const state = await h.state(c.id);
  expect(state.phase).not.toBe('closed');
  expect(state.blocked).toMatchObject({ stepId: 'evicted', rule: 'eviction-judgment', missing: ['court-judgment'] });
  expect((await h.pool.query(`SELECT status, outcome FROM cases WHERE id = $1`, [c.id])).rows[0]).toEqual({ status: 'blocked', outcome: null });
  const block = (await timeline(h, c.id)).find((e) => e.type === 'legal-block')!;
  expect(block.step_id).toBe('evicted');
  expect(block.data.violations).toEqual([{ rule: 'eviction-judgment', missing: ['court-judgment'] }]);

  await complete(mark, review.id, 'stop', { reason: 'Geen vonnis in het dossier; niet ontruimen.' });
  const closed = await closedWith(h, c.id);
  expect(closed.outcome).toBe('cancelled');
});
