// Policy holds on the real engine: a hold on eviction notices for households with minors stops
// such a case at its eviction step (a case without minors goes through), shows on the case,
// and lifts itself when its last day has passed in the case's business time; a hold ended
// early lets its cases go at once (and a held case can still be cancelled); bad input is
// refused naming the field. Its own database: holds apply to every case in it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { amsterdamDay, holdWindow } from '../definition/policy-holds.ts';
import { businessNow } from '../workflows/case-view.ts';
import { closedWith, complete, openTask, timeline } from './support/cases.ts';
import { caseToEviction, toEviction } from './support/policy-holds.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

const DAY = 86_400_000;
let h: Harness;
let eva: Api;
let johan: Api;
let sanne: Api;
let mark: Api;

beforeAll(async () => {
  h = await startHarness({ ownDatabase: true });
  [eva, johan, sanne, mark] = await Promise.all([h.as('eva'), h.as('johan'), h.as('sanne'), h.as('mark')]);
  for (const id of ['hold-minors', 'hold-ended']) expect((await eva.post('/api/definitions/publish', { definition: toEviction(id) })).status).toBe(201);
});
afterAll(async () => h?.stop());

/** The case's own view once it says it is held (polling the case, never the clock). */
const heldView = (caseId: string) => waitFor(`case ${caseId} held`, async () => ((await h.state(caseId)).policyHold ? await h.state(caseId) : undefined), 60_000);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('a policy hold at run time', () => {
  test('a hold on eviction notices for households with minors stops that case at the step and lifts itself at its end; a case without minors goes through', async () => {
    const today = amsterdamDay(Date.now());
    // Far off at first: the case is surely held whatever the machine's speed; its end is set near below.
    const created = await johan.post('/api/policy-holds', {
      name: 'Winterstop ontruimingen',
      reason: 'geen ontruimingen bij gezinnen met kinderen in de winter',
      startsOn: isoDay(Date.parse(today) - 30 * DAY),
      endsOn: isoDay(Date.parse(today) + 365 * DAY),
      stops: ['eviction-notice'],
      covers: 'minors',
      definitionId: 'hold-minors',
    });
    expect(created.status).toBe(201);
    const hold = created.body.hold;
    expect(hold).toMatchObject({ phase: 'active', stops: ['eviction-notice'], covers: 'minors', heldCases: 0 });

    const [withMinors, without] = await Promise.all([caseToEviction(h, 'hold-minors', true), caseToEviction(h, 'hold-minors', false)]);

    // Without minors: through the eviction notice to the end.
    expect((await closedWith(h, without.id)).outcome).toBe('evicted');
    expect((await timeline(h, without.id)).some((e) => e.type.startsWith('policy-hold'))).toBe(false);

    // With minors: at the eviction step, not run: no eviction handover, the view names the hold.
    const view = await heldView(withMinors.id);
    expect(view.currentStep).toMatchObject({ id: 'eviction', waitingOn: 'policy-hold' });
    expect(view.policyHold).toMatchObject({ holdId: hold.id, name: 'Winterstop ontruimingen', stepId: 'eviction', endsOn: hold.endsOn });
    expect(view.status).toBe('active');
    // The read model knows it once the case's write is in (the same write as its timeline entry): the hold's list counts it.
    await expect.poll(async () => (await johan.get(`/api/policy-holds/${hold.id}`)).body.hold.heldCases).toBe(1);
    const events = await timeline(h, withMinors.id);
    expect(events.filter((e) => e.type === 'handover' && e.data.purpose === 'eviction-notice')).toEqual([]);
    const held = events.filter((e) => e.type === 'policy-hold');
    expect(held).toHaveLength(1);
    expect(held[0]!).toMatchObject({ step_id: 'eviction', data: { holdId: hold.id, reason: 'geen ontruimingen bij gezinnen met kinderen in de winter', endsOn: hold.endsOn } });
    // The case list and the heat view say so too.
    expect((await h.pool.query(`SELECT waiting_on FROM cases WHERE id = $1`, [withMinors.id])).rows[0].waiting_on).toBe('policy-hold');
    const heat = await (await h.as('omar')).get('/api/ops/heat?definitionId=hold-minors&version=1');
    expect(heat.status).toBe(200);
    expect(heat.body.holds).toEqual([expect.objectContaining({ id: hold.id, name: 'Winterstop ontruimingen', steps: [{ stepId: 'eviction', heldCases: 1 }] })]);

    // The hold's end brought near, from the case's own clock now: two days on in its business time.
    const now = businessNow(await h.state(withMinors.id));
    const endsOn = amsterdamDay(now + 2 * DAY);
    const changed = await johan.call('PATCH', `/api/policy-holds/${hold.id}`, { endsOn });
    expect(changed.status).toBe(200);
    expect(changed.body.hold.revision).toBe(2);

    // The case goes on by itself once the last day has passed in its business time: the eviction notice is handed over.
    expect((await closedWith(h, withMinors.id)).outcome).toBe('evicted');
    const after = await timeline(h, withMinors.id);
    const lifted = after.find((e) => e.type === 'policy-hold-lifted')!;
    expect(lifted).toMatchObject({ step_id: 'eviction', data: { holdId: hold.id } });
    // Not before 00:00 Amsterdam after the (inclusive) last day.
    expect(lifted.at.getTime()).toBeGreaterThanOrEqual(holdWindow({ startsOn: endsOn, endsOn }).until);
    const order = (pred: (e: (typeof after)[number]) => boolean) => after.findIndex(pred);
    expect(order((e) => e.type === 'policy-hold-lifted')).toBeLessThan(order((e) => e.type === 'handover' && e.data.purpose === 'eviction-notice'));
    expect((await johan.get(`/api/policy-holds/${hold.id}`)).body.hold.heldCases).toBe(0);
  });

  test('a hold ended early lets its cases go at once; a held case can still be cancelled or paid off', async () => {
    const today = amsterdamDay(Date.now());
    const created = await eva.post('/api/policy-holds', {
      name: 'Stop deurwaarder',
      reason: 'nieuw beleid deurwaarders in voorbereiding',
      startsOn: isoDay(Date.parse(today) - 30 * DAY),
      endsOn: isoDay(Date.parse(today) + 365 * DAY),
      stops: ['bailiff'],
      covers: 'all',
      definitionId: 'hold-ended',
    });
    expect(created.status).toBe(201);
    const hold = created.body.hold;
    // 'bailiff' stops the claim already: the cases wait there, before the judgment.
    // A business day takes more than two real minutes here, so the case's own daily look cannot be what frees it:
    // the path to the claim has no wait of its own (the letter goes out in office hours, the tasks are done at once).
    const open = async () => {
      const c = await h.openCase(sanne, { definitionId: 'hold-ended', timeScale: 600 });
      await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
      await complete(mark, (await openTask(h, c.id, 'assess')).id, 'proceed');
      return c;
    };
    const [kept, cancelled, paid] = await Promise.all([open(), open(), open()]);
    for (const c of [kept, cancelled, paid]) expect((await heldView(c.id)).policyHold).toMatchObject({ holdId: hold.id, stepId: 'claim' });

    // Cancel works while held.
    expect((await mark.post(`/api/cases/${cancelled.id}/cancel`, { reason: 'Huurder is vertrokken' })).status).toBe(200);
    expect((await closedWith(h, cancelled.id)).outcome).toBe('cancelled');
    // Paying off works while held: the case leaves the step (this process has no aftercare) and never reaches the bailiff.
    const payment = await h.pay(paid.id, { reference: `HOLD-${paid.id.slice(0, 8)}`, amountCents: 80_000 });
    expect(payment.status).toBe(200);
    expect((await closedWith(h, paid.id)).outcome).toBe('paid');
    expect((await timeline(h, paid.id)).some((e) => e.type === 'handover' && e.data.partner === 'bailiff')).toBe(false);

    // The read model knows the kept case waits for the hold (the server finds whom to tell there).
    await expect.poll(async () => (await johan.get(`/api/policy-holds/${hold.id}`)).body.hold.heldCases).toBe(1);
    const ended = await johan.post(`/api/policy-holds/${hold.id}/end`, { note: 'Beleid is vastgesteld' });
    expect(ended.status).toBe(200);
    expect(ended.body.hold.phase).toBe('over');
    expect(ended.body.notified).toBe(1);
    // At once: the claim goes to the bailiff and the judgment task opens, long before the hold's own end.
    await openTask(h, kept.id, 'judgment', 60_000);
    const events = await timeline(h, kept.id);
    const lifted = events.find((e) => e.type === 'policy-hold-lifted')!;
    expect(lifted.data).toMatchObject({ holdId: hold.id, early: true });
    expect(lifted.at.getTime()).toBeLessThan(Date.parse(hold.endsOn) - 300 * DAY);
    expect(events.some((e) => e.type === 'handover' && e.data.purpose === 'court-claim')).toBe(true);
    expect((await h.state(kept.id)).policyHold).toBeNull();
    // Ending twice is a conflict; the audit log has who created and who ended it.
    expect((await johan.post(`/api/policy-holds/${hold.id}/end`, {})).status).toBe(409);
    const trail = await h.pool.query(`SELECT action, u.username FROM audit_log a JOIN users u ON u.id::text = a.actor WHERE entity = 'policy-hold' AND entity_id = $1 ORDER BY a.id`, [hold.id]);
    expect(trail.rows.map((r) => [r.action, r.username])).toEqual([
      ['policy-hold.create', 'eva'],
      ['policy-hold.end', 'johan'],
    ]);
    await mark.post(`/api/cases/${kept.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});

describe('the policy holds API', () => {
  const valid = { name: 'Kerststop', reason: 'geen ontruimingen rond de feestdagen', startsOn: '2026-12-15', endsOn: '2027-01-15', stops: ['eviction-notice'], covers: 'all' };
  const fields = (res: { body: { error: { details: Array<{ field: string }> } } }) => res.body.error.details.map((d) => d.field);

  test('bad input is refused naming the field; an end before the start is refused', async () => {
    const before = await johan.post('/api/policy-holds', { ...valid, endsOn: '2026-12-01' });
    expect(before.status).toBe(400);
    expect(fields(before)).toEqual(['body.endsOn']);
    expect(before.body.error.message).toContain('endsOn');

    const wrong = await johan.post('/api/policy-holds', { ...valid, name: undefined, stops: ['ontruiming'], covers: 'kinderen', startsOn: '2026-02-30' });
    expect(wrong.status).toBe(400);
    expect(fields(wrong)).toEqual(expect.arrayContaining(['body.name', 'body.stops.0', 'body.covers', 'body.startsOn']));

    expect(fields(await johan.post('/api/policy-holds', { ...valid, stops: [] }))).toEqual(['body.stops']);
    expect((await johan.post('/api/policy-holds', { ...valid, extra: 1 })).status).toBe(400);

    // A change is checked as the whole hold it makes: an end before the kept start names endsOn.
    const made = await johan.post('/api/policy-holds', valid);
    expect(made.status).toBe(201);
    const change = await johan.call('PATCH', `/api/policy-holds/${made.body.hold.id}`, { endsOn: '2026-12-10' });
    expect(change.status).toBe(400);
    expect(fields(change)).toEqual(['body.endsOn']);
    expect((await johan.call('PATCH', `/api/policy-holds/not-an-id`, { endsOn: '2027-01-20' })).status).toBe(400);
    expect((await johan.call('PATCH', `/api/policy-holds/${crypto.randomUUID()}`, { endsOn: '2027-01-20' })).status).toBe(404);
  });

  test('only the policy owner and the collection manager set holds; ops reads them', async () => {
    expect((await sanne.post('/api/policy-holds', valid)).status).toBe(403);
    const omar = await h.as('omar');
    expect((await omar.post('/api/policy-holds', valid)).status).toBe(403);
    const list = await omar.get('/api/policy-holds?scope=all');
    expect(list.status).toBe(200);
    expect(list.body.holds.some((x: { name: string }) => x.name === 'Kerststop')).toBe(true);
    expect((await sanne.get('/api/policy-holds')).status).toBe(403);
  });
});
