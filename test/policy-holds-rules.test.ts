// The policy holds' rules as pure functions (definition/policy-holds.ts): which steps a hold can
// stop, whom it covers, when it starts and lifts (Amsterdam dates, both inclusive, across the
// change to summer time), and which of several holds a case waits for.
import { describe, expect, test } from 'vitest';
import { amsterdamDay, coversHousehold, governingHold, holdCovers, holdPhase, holdTargetsOf, holdWindow, PolicyHoldInputSchema, type PolicyHold } from '../definition/policy-holds.ts';
import type { Step } from '../definition/schema.ts';

const hold = (over: Partial<PolicyHold> = {}): PolicyHold => ({
  id: 'h1',
  name: 'Winterstop',
  reason: 'geen ontruimingen in de winter',
  startsOn: '2026-12-15',
  endsOn: '2027-01-15',
  stops: ['eviction-notice'],
  covers: 'all',
  definitionId: null,
  endedAt: null,
  revision: 1,
  ...over,
});
const ask = (at: string, over: Partial<Parameters<typeof holdCovers>[1]> = {}) => ({ definitionId: 'standard-ladder', minors: null, targets: ['eviction-notice' as const, 'bailiff' as const], at: Date.parse(at), ...over });

describe('what a hold can stop', () => {
  test('an eviction notice answers to eviction-notice and bailiff; other steps to nothing or their own kind', () => {
    const handover = (partner: string, purpose?: string) => ({ id: 'x', name: 'x', kind: 'handover', partner, ...(purpose ? { purpose } : {}), next: {} }) as unknown as Step;
    expect(holdTargetsOf(handover('bailiff', 'eviction-notice'))).toEqual(['eviction-notice', 'bailiff']);
    expect(holdTargetsOf(handover('bailiff', 'court-claim'))).toEqual(['court-claim', 'bailiff']);
    expect(holdTargetsOf(handover('municipality-signal'))).toEqual(['municipality-signal']);
    expect(holdTargetsOf(handover('debt-help'))).toEqual([]);
    expect(holdTargetsOf({ id: 'c', name: 'c', kind: 'collection-costs', next: {} } as unknown as Step)).toEqual(['collection-costs']);
    expect(holdTargetsOf({ id: 'w', name: 'w', kind: 'wait', duration: 'P7D', endsOn: [], next: {} } as unknown as Step)).toEqual([]);
  });
});

describe('whom and when a hold covers', () => {
  test('households: all, known minors, minors or not known', () => {
    expect([true, false, null].map((m) => coversHousehold('all', m))).toEqual([true, true, true]);
    expect([true, false, null].map((m) => coversHousehold('minors', m))).toEqual([true, false, false]);
    expect([true, false, null].map((m) => coversHousehold('minors-or-unknown', m))).toEqual([true, false, true]);
  });

  test('from 00:00 Amsterdam on the first day through the last day, lifted at 00:00 after it', () => {
    const h = hold();
    expect(holdCovers(h, ask('2026-12-14T22:59:59Z'))).toBe(false);
    expect(holdCovers(h, ask('2026-12-14T23:00:00Z'))).toBe(true);
    expect(holdCovers(h, ask('2027-01-15T22:59:59Z'))).toBe(true);
    expect(holdCovers(h, ask('2027-01-15T23:00:00Z'))).toBe(false);
    // In summer time the day starts at 22:00 UTC.
    expect(holdWindow({ startsOn: '2027-03-29', endsOn: '2027-07-01' })).toEqual({ from: Date.parse('2027-03-28T22:00:00Z'), until: Date.parse('2027-07-01T22:00:00Z') });
    expect(amsterdamDay(Date.parse('2027-07-01T22:30:00Z'))).toBe('2027-07-02');
  });

  test('not another process, not another step, not once ended', () => {
    expect(holdCovers(hold({ definitionId: 'other' }), ask('2027-01-01T12:00:00Z'))).toBe(false);
    expect(holdCovers(hold(), ask('2027-01-01T12:00:00Z', { targets: ['court-claim', 'bailiff'] }))).toBe(false);
    expect(holdCovers(hold({ stops: ['bailiff'] }), ask('2027-01-01T12:00:00Z', { targets: ['court-claim', 'bailiff'] }))).toBe(true);
    expect(holdCovers(hold({ endedAt: '2026-12-20T10:00:00Z' }), ask('2027-01-01T12:00:00Z'))).toBe(false);
    expect(holdPhase(hold({ endedAt: '2026-12-20T10:00:00Z' }), Date.parse('2026-12-01T12:00:00Z'))).toBe('over');
    expect(holdPhase(hold(), Date.parse('2026-12-01T12:00:00Z'))).toBe('upcoming');
  });

  test('of two covering holds, the case waits for the one that lifts last', () => {
    const early = hold({ id: 'early', endsOn: '2026-12-31' });
    const late = hold({ id: 'late', endsOn: '2027-02-01' });
    expect(governingHold([early, late], ask('2026-12-20T12:00:00Z'))?.id).toBe('late');
    expect(governingHold([early], ask('2027-01-20T12:00:00Z'))).toBeNull();
  });
});

describe('input', () => {
  const valid = { name: 'Kerststop', reason: 'feestdagen', startsOn: '2026-12-15', endsOn: '2026-12-15', stops: ['bailiff'], covers: 'minors' };
  test('a one-day hold is fine; an end before the start, a day that does not exist, a step twice are not', () => {
    expect(PolicyHoldInputSchema.safeParse(valid).success).toBe(true);
    const paths = (input: unknown) => (PolicyHoldInputSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...valid, endsOn: '2026-12-14' })).toEqual(['endsOn']);
    expect(paths({ ...valid, startsOn: '2026-02-30' })).toEqual(['startsOn']);
    expect(paths({ ...valid, stops: ['bailiff', 'bailiff'] })).toEqual(['stops']);
  });
});
