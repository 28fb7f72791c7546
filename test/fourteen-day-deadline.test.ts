// The pay-by date of a 14-day letter: received on the second working day after its print
// batch, then 14 days counted from the day after receipt. Pure; the dates are fixed.
import { describe, expect, test } from 'vitest';
import { costsAllowedFrom, fourteenDayDeadline } from '../definition/fourteen-day-deadline.ts';

const day = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const deadline = (batch: string) => {
  const d = fourteenDayDeadline(day(batch));
  return { delivered: ymd(d.delivered), payBy: ymd(d.payBy) };
};

describe('the pay-by date of a 14-day letter', () => {
  test('a Thursday batch arrives on Monday; the 14 days run Tuesday to Monday two weeks on', () => {
    expect(deadline('2026-12-03')).toEqual({ delivered: '2026-12-07', payBy: '2026-12-21' });
  });

  test('the last day is receipt + 14 days, never the batch date + 14', () => {
    expect(deadline('2026-12-01')).toEqual({ delivered: '2026-12-03', payBy: '2026-12-17' });
  });

  test('a batch made on a Saturday counts its two working days from Monday', () => {
    expect(deadline('2026-12-05')).toEqual({ delivered: '2026-12-08', payBy: '2026-12-22' });
  });

  test('Christmas is no delivery day: a batch of 23 December arrives on 28 December', () => {
    expect(deadline('2026-12-23')).toEqual({ delivered: '2026-12-28', payBy: '2027-01-11' });
  });

  test('a last day on Ascension Day moves to the next working day (Algemene termijnenwet)', () => {
    expect(deadline('2027-04-20')).toEqual({ delivered: '2027-04-22', payBy: '2027-05-07' });
  });

  test('5 May ends no term, also outside lustrum years (Algemene termijnenwet art. 3)', () => {
    expect(deadline('2026-04-17')).toEqual({ delivered: '2026-04-21', payBy: '2026-05-06' });
  });

  test('King\u2019s Day is no delivery day', () => {
    // Friday 24 April 2026: Monday 27 April is King's Day, so Tuesday and Wednesday.
    expect(deadline('2026-04-24')).toEqual({ delivered: '2026-04-29', payBy: '2026-05-13' });
  });
});

describe('when collection costs may first be charged', () => {
  test('from the Amsterdam midnight after the later pay-by date of the letter’s own and the next day’s batch', () => {
    // Sent Tuesday 1 December 2026 at 10:00 in Amsterdam: the batch of 1 or of 2 December; 2 December's pays by 18 December.
    const sent = Date.parse('2026-12-01T09:00:00Z');
    expect(new Date(costsAllowedFrom(sent)).toISOString()).toBe('2026-12-18T23:00:00.000Z');
  });

  test('a letter sent late on a Thursday evening (Amsterdam) counts from Thursday, not from Friday in UTC', () => {
    const sent = Date.parse('2026-12-03T22:30:00Z'); // 23:30 in Amsterdam
    expect(ymd(fourteenDayDeadline(day('2026-12-04')).payBy)).toBe('2026-12-22');
    expect(new Date(costsAllowedFrom(sent)).toISOString()).toBe('2026-12-22T23:00:00.000Z');
  });
});
