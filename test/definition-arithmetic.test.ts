// The small pure pieces the engine leans on: business durations (ISO and the Dutch form a
// policy owner types), working days, collection costs on the BIK scale, instalment plans
// and the form fields staff fill in. Dates here are fixed; 20 November 2026 is a Friday.
import { describe, expect, test } from 'vitest';
import { defaultPlan, planProblems, schedule, type Plan } from '../definition/arrangement.ts';
import { BIK_MAX_CENTS, BIK_MIN_CENTS, collectionCostsCents } from '../definition/costs.ts';
import { addDuration, formatDuration, isIsoDuration, minimumDays, parseDuration, parseHumanDuration } from '../definition/duration.ts';
import { checkFieldValues, outcomeFields } from '../definition/forms.ts';
import { ArrangementStepSchema, type Field } from '../definition/schema.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';

const at = (iso: string) => Date.parse(iso);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const FRIDAY = at('2026-11-20T09:00:00Z');

describe('ISO durations', () => {
  test('parses every part of a full duration', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
    expect(parseDuration('P14D')).toMatchObject({ days: 14, weeks: 0, months: 0 });
  });

  test.each(['', 'P', 'PT', 'P7', '7D', 'P7D ', '-P7D', 'P1.5D', 'P7DT', 'p7d'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
    expect(isIsoDuration(text)).toBe(false);
  });

  test('the shortest real length counts a month as 28 days and a year as 365', () => {
    expect(minimumDays('P1M')).toBe(28);
    expect(minimumDays('P1Y')).toBe(365);
    expect(minimumDays('P2W3D')).toBe(17);
    expect(minimumDays('PT12H')).toBe(0.5);
    expect(minimumDays('not a duration')).toBe(0);
  });

  test('calendar days run through the weekend', () => {
    expect(addDuration(FRIDAY, 'P5D')).toBe(at('2026-11-25T09:00:00Z'));
    expect(addDuration(FRIDAY, 'P1DT2H')).toBe(at('2026-11-21T11:00:00Z'));
  });

  test('working days skip Saturday and Sunday', () => {
    expect(addDuration(FRIDAY, 'P1D', true)).toBe(at('2026-11-23T09:00:00Z'));
    expect(addDuration(FRIDAY, 'P5D', true)).toBe(at('2026-11-27T09:00:00Z'));
    expect(addDuration(at('2026-11-18T09:00:00Z'), 'P3D', true)).toBe(at('2026-11-23T09:00:00Z'));
    // Started on a Saturday, the first working day is Monday.
    expect(addDuration(at('2026-11-21T09:00:00Z'), 'P1D', true)).toBe(at('2026-11-23T09:00:00Z'));
    expect(day(addDuration(FRIDAY, 'P10D', true))).toBe('2026-12-04');
  });

  test('a month from the 31st ends on the last day of a shorter month, leap years included', () => {
    expect(day(addDuration(at('2026-01-31T00:00:00Z'), 'P1M'))).toBe('2026-02-28');
    expect(day(addDuration(at('2028-01-31T00:00:00Z'), 'P1M'))).toBe('2028-02-29');
    expect(day(addDuration(at('2028-02-29T00:00:00Z'), 'P1Y'))).toBe('2029-02-28');
  });

  test('adding a malformed duration fails naming it', () => {
    expect(() => addDuration(FRIDAY, '7 dagen')).toThrow('"7 dagen" is not an ISO-8601 duration');
  });
});

describe('the Dutch form of a duration', () => {
  test.each([
    ['P14D', false, '14 dagen', '14 days'],
    ['P1D', false, '1 dag', '1 day'],
    ['P5D', true, '5 werkdagen', '5 working days'],
    ['P1D', true, '1 werkdag', '1 working day'],
    ['P1W', false, '1 week', '1 week'],
    ['P2W3D', false, '2 weken en 3 dagen', '2 weeks and 3 days'],
    ['P1M', false, '1 maand', '1 month'],
    ['P6M', false, '6 maanden', '6 months'],
    ['PT1H', false, '1 uur', '1 hour'],
  ] as const)('%s (working days: %s) reads "%s" and "%s"', (iso, working, nl, en) => {
    expect(formatDuration(iso, working)).toBe(nl);
    expect(formatDuration(iso, working, 'en')).toBe(en);
  });

  test.each([
    ['7 dagen', 'P7D', false],
    ['5 werkdagen', 'P5D', true],
    ['1 werkdag', 'P1D', true],
    ['2 weken en 3 dagen', 'P2W3D', false],
    ['1 maand', 'P1M', false],
    ['  14 DAGEN ', 'P14D', false],
    ['3 weeks', 'P3W', false],
    ['P14D', 'P14D', false],
  ] as const)('"%s" is understood as %s', (input, iso, workingDays) => {
    expect(parseHumanDuration(input)).toEqual({ iso, workingDays });
  });

  test('what a policy owner types comes back the same way in the designer', () => {
    for (const typed of ['7 dagen', '5 werkdagen', '2 weken en 3 dagen', '1 maand', '3 maanden']) {
      const parsed = parseHumanDuration(typed);
      if ('error' in parsed) throw new Error(parsed.error);
      expect(formatDuration(parsed.iso, parsed.workingDays)).toBe(typed);
    }
  });

  test.each([
    ['', 'Vul een duur in'],
    ['zeven dagen', '"zeven dagen" is geen duur'],
    ['3 lichtjaren', 'Onbekende eenheid "lichtjaren"'],
    ['5 werkdagen en 2 dagen', 'Combineer werkdagen niet met gewone dagen'],
    ['0 dagen', 'Een duur moet langer zijn dan nul'],
  ])('"%s" is refused with a Dutch explanation', (input, message) => {
    const parsed = parseHumanDuration(input);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});

describe('collection costs on the BIK scale', () => {
  const euro = (e: number) => Math.round(e * 100);
  test.each([
    [100, 40],
    [266, 40],
    [300, 45],
    [812.5, 121.88],
    [2_400, 360],
    [2_500, 375],
    [3_000, 425],
    [5_000, 625],
    [10_000, 875],
    [200_000, 2_775],
    [1_000_000, 6_775],
    [5_000_000, 6_775],
  ])('arrears of €%d cost €%d', (principal, expected) => {
    expect(collectionCostsCents(euro(principal))).toBe(euro(expected));
  });

  test('never less than €40 and never more than €6,775', () => {
    expect(BIK_MIN_CENTS).toBe(4_000);
    expect(BIK_MAX_CENTS).toBe(677_500);
    for (let cents = 1; cents < 300_000_000; cents = Math.ceil(cents * 1.7)) {
      const c = collectionCostsCents(cents);
      expect(c).toBeGreaterThanOrEqual(BIK_MIN_CENTS);
      expect(c).toBeLessThanOrEqual(BIK_MAX_CENTS);
      expect(Number.isInteger(c)).toBe(true);
    }
  });
});

describe('payment arrangements', () => {
  const step = ArrangementStepSchema.parse(standardLadder.steps.find((s) => s.kind === 'arrangement'));
  const today = at('2026-11-20T10:00:00Z');
  const plan = (p: Partial<Plan>): Plan => ({ instalmentCents: 10_000, instalments: 4, interval: 'P1M', firstDueDate: '2026-12-15', ...p });
  const dated = (p: Plan, balance: number) => schedule(p, balance).map((i) => [day(i.dueMs), i.amountCents]);

  test('equal monthly instalments, the last one takes what is left', () => {
    expect(dated(plan({ firstDueDate: '2026-01-15' }), 35_000)).toEqual([
      ['2026-01-15', 10_000],
      ['2026-02-15', 10_000],
      ['2026-03-15', 10_000],
      ['2026-04-15', 5_000],
    ]);
  });

  test('weekly and fortnightly instalments', () => {
    expect(dated(plan({ interval: 'P1W', instalments: 3, firstDueDate: '2026-11-23' }), 30_000).map(([d]) => d)).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(dated(plan({ interval: 'P2W', instalments: 3, firstDueDate: '2026-11-23' }), 30_000).map(([d]) => d)).toEqual(['2026-11-23', '2026-12-07', '2026-12-21']);
  });

  test('a plan that pays off early stops when the balance is paid', () => {
    expect(dated(plan({ instalments: 6, interval: 'P2W' }), 25_000).map(([, a]) => a)).toEqual([10_000, 10_000, 5_000]);
  });

  test('a plan that falls short puts the rest in the last instalment', () => {
    expect(dated(plan({ instalments: 2 }), 25_000).map(([, a]) => a)).toEqual([10_000, 15_000]);
  });

  // Found by this test: schedule() adds one month to the previous due date, so a plan on the
  // 31st drifts to the 28th for good after February (definition/arrangement.ts).
  test('a monthly plan agreed on the 31st stays on the last day of each month after February', () => {
    expect(dated(plan({ firstDueDate: '2026-01-31' }), 40_000).map(([d]) => d)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  test('a realistic plan has no problems', () => {
    expect(planProblems(plan({ instalmentCents: 7_500, instalments: 12 }), step, 80_000, today)).toEqual([]);
  });

  test('a plan below the minimum instalment, over the maximum count, or short of the balance is explained', () => {
    expect(planProblems(plan({ instalmentCents: 2_500, instalments: 12 }), step, 30_000, today)).toEqual(['the instalment of € 25,00 is below the minimum of € 50,00']);
    expect(planProblems(plan({ instalmentCents: 5_000, instalments: 13 }), step, 65_000, today)).toEqual(['13 instalments is more than the maximum of 12']);
    expect(planProblems(plan({ instalmentCents: 5_000, instalments: 12 }), step, 80_000, today)).toEqual(['12 × € 50,00 does not cover the balance of € 800,00']);
  });

  test('a first instalment in the past is refused', () => {
    expect(planProblems(plan({ firstDueDate: '2026-11-01' }), step, 30_000, today)).toEqual(['the first instalment date 2026-11-01 lies in the past']);
  });

  // Found by this test: Date.parse('2027-02-30T00:00:00Z') is 2 March in V8, not NaN, so the
  // "not a real date" check in planProblems never fires for a day past the end of a month.
  test('a first instalment on a date that does not exist is refused', () => {
    expect(planProblems(plan({ firstDueDate: '2027-02-30' }), step, 30_000, today)).toEqual(['2027-02-30 is not a real date']);
  });

  test('the plan the engine makes up when none was agreed always fits its own step', () => {
    for (const balance of [100, 5_000, 80_000, 123_457, 1_000_000]) {
      const made = defaultPlan(step, balance, today);
      expect(made.interval).toBe('P1M');
      expect(planProblems(made, step, balance, today), `balance ${balance}`).toEqual([]);
      expect(schedule(made, balance).reduce((sum, i) => sum + i.amountCents, 0)).toBe(balance);
    }
  });
});

describe('form fields staff fill in', () => {
  const judgmentDate: Field = { id: 'judgmentDate', label: 'Datum vonnis', type: 'date', required: true };
  const amount: Field = { id: 'amountCents', label: 'Bedrag', type: 'money', required: true };
  const choice: Field = { id: 'interval', label: 'Elke', type: 'choice', required: true, options: ['P1W', 'P1M'] };

  test('clean values pass and are returned', () => {
    expect(checkFieldValues([judgmentDate, amount], { judgmentDate: '2026-11-20', amountCents: 12_500 })).toEqual({ ok: true, values: { judgmentDate: '2026-11-20', amountCents: 12_500 } });
  });

  test('every wrong field is named with its label', () => {
    const result = checkFieldValues([judgmentDate, amount, choice], { judgmentDate: '20-11-2026', amountCents: 12.5, interval: 'P1D', extra: 1 });
    expect(result).toEqual({
      ok: false,
      errors: [
        'Datum vonnis (judgmentDate) must be a date written YYYY-MM-DD',
        'Bedrag (amountCents) must be whole cents',
        'Elke (interval) must be one of P1W, P1M',
        'there is no field "extra" for this outcome',
      ],
    });
  });

  test('a missing required field and a negative amount are refused', () => {
    expect(checkFieldValues([judgmentDate, amount], { amountCents: -5 })).toEqual({
      ok: false,
      errors: ['Datum vonnis (judgmentDate) is required', 'Bedrag (amountCents) cannot be negative'],
    });
  });

  // Found by this test: the date check relies on Date.parse, which rolls 31 February over to
  // 3 March instead of refusing it (definition/forms.ts), so a judgment dated on a day that
  // never existed is accepted.
  test('a date that does not exist is refused', () => {
    const result = checkFieldValues([judgmentDate], { judgmentDate: '2026-02-31' });
    expect(result).toEqual({ ok: false, errors: ['Datum vonnis (judgmentDate) is not a real date'] });
  });

  test('an outcome that agrees an arrangement asks for the plan as well', () => {
    const fields = outcomeFields({ id: 'arrangement-agreed', label: 'Regeling', arrangement: true, fields: [] });
    expect(fields.map((f) => f.id)).toEqual(['instalmentCents', 'instalments', 'interval', 'firstDueDate']);
    expect(fields.every((f) => f.required)).toBe(true);
  });
});
