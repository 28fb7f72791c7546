// Issue 14, item 4, "what works": the outcome analytics over a known population written
// straight into the read model (test/support/analytics-population.ts says what each group of
// cases did), checked figure by figure through the API: per step, per channel, arrangements by
// length and amount, version against version, the 95% intervals, and no ranking under 30 cases.
// The intervals were worked out independently of the code under test (Wilson; Newcombe).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DefinitionSchema } from '../definition/schema.ts';
import { difference, MIN_CASES, rate, ranks, wilson } from '../server/analytics/intervals.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { analyticsLadder, insertPopulation, versionOnePopulation, versionTwoPopulation } from './support/analytics-population.ts';
import { startHarness, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let eva: Api;
const definitionId = `wat-werkt-${randomUUID().slice(0, 8)}`;
const january = 'from=2026-01-01&to=2026-02-01';

beforeAll(async () => {
  // Its own database: the figures count every case of the version, and no workflow is needed.
  h = await startHarness({ ownDatabase: true, withWorker: false });
  await insertVersion(h.pool, DefinitionSchema.parse(analyticsLadder(definitionId, false)), 'test', 'version 1');
  await insertVersion(h.pool, DefinitionSchema.parse(analyticsLadder(definitionId, true)), 'test', 'version 2');
  await insertPopulation(h.pool, definitionId, [...versionOnePopulation(), ...versionTwoPopulation()]);
  eva = await h.as('eva');
}, 60_000);
afterAll(async () => h?.stop());

const r = (k: number, n: number, value: number | null, low: number | null, high: number | null) => ({ k, n, rate: value, low, high, tooFew: n < 30 });

describe('rates and their intervals', () => {
  test('Wilson 95% intervals match the published values, also at 0% and 100%', () => {
    expect(rate(20, 40)).toEqual(r(20, 40, 0.5, 0.352, 0.648));
    expect(rate(0, 10)).toEqual(r(0, 10, 0, 0, 0.2775));
    expect(rate(5, 5)).toEqual(r(5, 5, 1, 0.5655, 1));
    expect(rate(0, 0)).toEqual({ k: 0, n: 0, rate: null, low: null, high: null, tooFew: true });
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });

  test('a difference of shares carries Newcombe\'s interval and a verdict only on 30 cases or more each', () => {
    expect(difference(rate(20, 40), rate(30, 40))).toEqual({ estimate: 0.25, low: 0.0379, high: 0.4333, tooFew: false, verdict: 'higher' });
    expect(difference(rate(8, 28), rate(0, 10))).toEqual({ estimate: -0.2857, low: -0.4706, high: 0.0221, tooFew: true, verdict: null });
  });

  test('ranks leave out what rests on fewer than 30 cases, and ties share a rank', () => {
    expect(MIN_CASES).toBe(30);
    expect(ranks([rate(20, 40), rate(28, 29), rate(30, 40), rate(20, 40)], (x) => x)).toEqual([2, null, 1, 2]);
  });
});

describe('one version: what works per step, per channel and per arrangement', () => {
  test('per step: passed, paid in full, arrangement and contact within 7/14/30 days, median days to payment, rank only from 30 cases', async () => {
    const res = await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=1&${january}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const o = res.body;
    // December's case, the open one and the dry run are not counted.
    expect(o.overall).toEqual({
      cases: 40,
      tooFew: false,
      paidInFull30: r(20, 40, 0.5, 0.352, 0.648),
      paidInFull60: r(20, 40, 0.5, 0.352, 0.648),
      arrangement: r(10, 40, 0.25, 0.1419, 0.4019),
      contact30: r(18, 40, 0.45, 0.3071, 0.6017),
      medianDaysToPayment: 20,
      outcomes: { paid: 25, 'handed-over': 15 },
    });
    const step = (id: string) => o.steps.find((s: { stepId: string }) => s.stepId === id);
    expect(o.steps.map((s: { stepId: string }) => s.stepId)).toEqual(['start', 'letter', 'call', 'plan', 'visit', 'paid', 'handed']);
    expect(step('letter')).toEqual({
      stepId: 'letter',
      name: 'Herinnering',
      kind: 'communicate',
      passed: 40,
      tooFew: false,
      paidInFull: { d7: r(12, 40, 0.3, 0.1807, 0.4543), d14: r(12, 40, 0.3, 0.1807, 0.4543), d30: r(20, 40, 0.5, 0.352, 0.648) },
      arrangement: { d7: r(0, 40, 0, 0, 0.0876), d14: r(10, 40, 0.25, 0.1419, 0.4019), d30: r(10, 40, 0.25, 0.1419, 0.4019) },
      contact: { d7: r(0, 40, 0, 0, 0.0876), d14: r(18, 40, 0.45, 0.3071, 0.6017), d30: r(18, 40, 0.45, 0.3071, 0.6017) },
      paidAfter: 25,
      medianDaysToPayment: 20,
      rank: 1,
    });
    // 28 cases were called: shown with their figures, marked too few, never ranked.
    expect(step('call')).toMatchObject({
      passed: 28,
      tooFew: true,
      paidInFull: { d7: r(0, 28, 0, 0, 0.1206), d14: r(8, 28, 0.2857, 0.1525, 0.4706), d30: r(8, 28, 0.2857, 0.1525, 0.4706) },
      arrangement: { d7: r(10, 28, 0.3571, 0.2071, 0.5417) },
      contact: { d7: r(18, 28, 0.6429, 0.4583, 0.7929) },
      medianDaysToPayment: 10,
      rank: null,
    });
    expect(step('start')).toMatchObject({ passed: 40, rank: 1, paidInFull: { d30: r(20, 40, 0.5, 0.352, 0.648) } });
    expect([step('plan').passed, step('visit').passed, step('paid').passed, step('handed').passed]).toEqual([10, 10, 25, 15]);
    expect(o.steps.filter((s: { rank: number | null }) => s.rank !== null).map((s: { stepId: string }) => s.stepId)).toEqual(['start', 'letter']);
  });

  test('per channel: the share answered within 14 days (a payment or contact), a call or visit by reaching the tenant', async () => {
    const o = (await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=1&${january}`)).body;
    expect(o.channels).toEqual([
      { channel: 'letter', sent: 0, response: { k: 0, n: 0, rate: null, low: null, high: null, tooFew: true }, rank: null },
      { channel: 'email', sent: 40, response: r(30, 40, 0.75, 0.5981, 0.8581), rank: 1 },
      { channel: 'whatsapp', sent: 0, response: { k: 0, n: 0, rate: null, low: null, high: null, tooFew: true }, rank: null },
      { channel: 'sms', sent: 0, response: { k: 0, n: 0, rate: null, low: null, high: null, tooFew: true }, rank: null },
      { channel: 'call', sent: 28, response: r(18, 28, 0.6429, 0.4583, 0.7929), rank: null },
      { channel: 'visit', sent: 10, response: r(0, 10, 0, 0, 0.2775), rank: null },
    ]);
  });

  test('arrangements kept and broken by length and by amount', async () => {
    const o = (await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=1&${january}`)).body;
    const none = { k: 0, n: 0, rate: null, low: null, high: null, tooFew: true };
    expect(o.arrangements.byLength).toEqual([
      { band: 0, from: null, to: 4, kept: 5, broken: 0, other: 0, keptRate: r(5, 5, 1, 0.5655, 1) },
      { band: 1, from: 4, to: 7, kept: 0, broken: 0, other: 0, keptRate: none },
      { band: 2, from: 7, to: 13, kept: 0, broken: 5, other: 0, keptRate: r(0, 5, 0, 0, 0.4345) },
      { band: 3, from: 13, to: null, kept: 0, broken: 0, other: 0, keptRate: none },
    ]);
    expect(o.arrangements.byAmount.map((b: { kept: number; broken: number }) => [b.kept, b.broken])).toEqual([
      [0, 0],
      [5, 0],
      [0, 5],
      [0, 0],
    ]);
  });

  test('without a period every closed real case counts; the period is checked', async () => {
    const all = (await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=1`)).body;
    expect(all.overall.cases).toBe(41);
    const bad = await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=1&from=2026-02-01&to=2026-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'query.to', message: 'from must be before to' }]);
    expect((await eva.get(`/api/analytics/outcomes?definitionId=${definitionId}&version=9`)).status).toBe(404);
  });
});

describe('version against version', () => {
  test('cases that started in the same period: overall and per step, B minus A with its interval and verdict', async () => {
    const res = await eva.get(`/api/analytics/comparison?definitionId=${definitionId}&versionA=1&versionB=2&${january}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = res.body;
    expect(c.versions).toEqual({ a: 1, b: 2 });
    expect(c.cases).toEqual({ a: 40, b: 40 });
    expect(c.medianDaysToPayment).toEqual({ a: 20, b: 3 });
    expect(c.overall).toEqual([
      { metric: 'paidInFull30', a: r(20, 40, 0.5, 0.352, 0.648), b: r(30, 40, 0.75, 0.5981, 0.8581), difference: { estimate: 0.25, low: 0.0379, high: 0.4333, tooFew: false, verdict: 'higher' } },
      { metric: 'paidInFull60', a: r(20, 40, 0.5, 0.352, 0.648), b: r(30, 40, 0.75, 0.5981, 0.8581), difference: { estimate: 0.25, low: 0.0379, high: 0.4333, tooFew: false, verdict: 'higher' } },
      { metric: 'arrangement', a: r(10, 40, 0.25, 0.1419, 0.4019), b: r(0, 40, 0, 0, 0.0876), difference: { estimate: -0.25, low: -0.4019, high: -0.1108, tooFew: false, verdict: 'lower' } },
      { metric: 'contact30', a: r(18, 40, 0.45, 0.3071, 0.6017), b: r(0, 40, 0, 0, 0.0876), difference: { estimate: -0.45, low: -0.6017, high: -0.2823, tooFew: false, verdict: 'lower' } },
    ]);
    const step = (id: string) => c.steps.find((s: { stepId: string }) => s.stepId === id);
    expect(step('letter')).toEqual({ stepId: 'letter', name: 'Herinnering', inA: true, inB: true, a: r(20, 40, 0.5, 0.352, 0.648), b: r(30, 40, 0.75, 0.5981, 0.8581), difference: { estimate: 0.25, low: 0.0379, high: 0.4333, tooFew: false, verdict: 'higher' } });
    // Too few calls on both sides for a verdict: the difference is shown, nothing is concluded.
    expect(step('call')).toMatchObject({ a: { k: 8, n: 28 }, b: { k: 0, n: 10 }, difference: { estimate: -0.2857, low: -0.4706, high: 0.0221, tooFew: true, verdict: null } });
    expect(step('whatsapp')).toMatchObject({ inA: false, inB: true, a: null, b: { k: 30, n: 40 }, difference: null });
  });

  test('the same version twice is refused', async () => {
    const res = await eva.get(`/api/analytics/comparison?definitionId=${definitionId}&versionA=2&versionB=2`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('query.versionB');
  });
});

describe('export and access', () => {
  test('each table as CSV, Dutch with ; and a decimal comma, the interval and the too-few mark beside every share', async () => {
    const steps = await eva.get(`/api/analytics/outcomes.csv?definitionId=${definitionId}&version=1&${january}&table=steps`);
    expect(steps.status).toBe(200);
    expect(steps.headers.get('content-type')).toContain('text/csv');
    const lines = String(steps.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0]!.split(';');
    const letter = lines.find((l) => l.startsWith('letter;'))!.split(';');
    const at = (name: string) => letter[header.indexOf(name)];
    expect([at('gepasseerd'), at('volledig betaald 30 d %'), at('volledig betaald 30 d ondergrens %'), at('volledig betaald 30 d bovengrens %'), at('volledig betaald 30 d n')]).toEqual(['40', '50,0', '35,2', '64,8', '40']);
    expect(lines.find((l) => l.startsWith('call;'))!.split(';').at(-1)).toBe('te weinig');

    const channels = await eva.get(`/api/analytics/outcomes.csv?definitionId=${definitionId}&version=1&${january}&table=channels&lang=en`);
    expect(String(channels.body).split('\r\n')[2]).toBe('email,40,30,75.0,59.8,85.8,40,1,');
    const comparison = await eva.get(`/api/analytics/comparison.csv?definitionId=${definitionId}&versionA=1&versionB=2&${january}&lang=en`);
    expect(String(comparison.body).split('\r\n')[1]).toBe('overall,paidInFull30,50.0,35.2,64.8,40,75.0,59.8,85.8,40,25.0,3.8,43.3,higher,');
    expect((await eva.get(`/api/analytics/outcomes.csv?definitionId=${definitionId}&version=1&table=tenants`)).status).toBe(400);
  });

  test('policy owner, team lead, controller, collection manager and ops read the analytics; caseworker and finance do not', async () => {
    const path = `/api/analytics/versions`;
    for (const u of ['eva', 'mark', 'priya', 'johan', 'omar']) {
      const res = await (await h.as(u)).get(path);
      expect(res.status, u).toBe(200);
    }
    for (const u of ['sanne', 'fleur', 'admin']) expect((await (await h.as(u)).get(path)).status, u).toBe(403);
    const versions = (await eva.get(path)).body.versions.filter((v: { id: string }) => v.id === definitionId);
    expect(versions).toEqual([
      { id: definitionId, version: 2, name: 'Wat werkt ladder', closedCases: 40, firstOpened: '2026-01-01', lastOpened: '2026-01-28' },
      { id: definitionId, version: 1, name: 'Wat werkt ladder', closedCases: 41, firstOpened: '2025-12-20', lastOpened: '2026-01-12' },
    ]);
  });
});
