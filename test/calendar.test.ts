// The Dutch working calendar the engine counts working days and message hours by: public
// holidays computed per year, Amsterdam's clock by the EU summer-time rule, and when a
// message on each channel may reach a tenant. Pure functions; dates here are fixed.
import { describe, expect, test } from 'vitest';
import { amsterdamDate, amsterdamMoment, amsterdamOffset, dutchHolidayOn, dutchHolidays, easterSunday, isDutchWorkingDay } from '../definition/calendar.ts';
import { addDuration } from '../definition/duration.ts';
import { DEFAULT_MESSAGE_HOURS, nextMessageMoment, parseMessageHours } from '../definition/message-hours.ts';

const at = (iso: string) => Date.parse(iso);
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = (ymd: string) => at(`${ymd}T00:00:00Z`);
const HOUR = 3_600_000;

describe('Dutch public holidays', () => {
  test.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is on %s', (year, expected) => {
    expect(date(easterSunday(year))).toBe(expected);
  });

  test('2026: the holidays hang off Easter and the calendar', () => {
    expect(dutchHolidays(2026).map((h) => [h.id, date(h.day)])).toEqual([
      ['new-years-day', '2026-01-01'],
      ['easter-monday', '2026-04-06'],
      ['kings-day', '2026-04-27'],
      ['ascension-day', '2026-05-14'],
      ['whit-monday', '2026-05-25'],
      ['christmas-day', '2026-12-25'],
      ['boxing-day', '2026-12-26'],
    ]);
  });

  test('King’s Day moves to the Saturday when 27 April is a Sunday', () => {
    expect(dutchHolidayOn(day('2025-04-26'))).toBe('kings-day');
    expect(dutchHolidayOn(day('2025-04-27'))).toBeNull();
    expect(dutchHolidayOn(day('2031-04-26'))).toBe('kings-day');
    expect(dutchHolidayOn(day('2027-04-27'))).toBe('kings-day');
  });

  test('Liberation Day is a holiday in lustrum years only', () => {
    expect(dutchHolidayOn(day('2025-05-05'))).toBe('liberation-day');
    expect(dutchHolidayOn(day('2026-05-05'))).toBeNull();
    expect(dutchHolidayOn(day('2030-05-05'))).toBe('liberation-day');
    expect(isDutchWorkingDay(day('2026-05-05'))).toBe(true);
    expect(isDutchWorkingDay(day('2030-05-06'))).toBe(true);
  });

  test('Ascension Day and Whit Monday follow Easter (2027: 6 May and 17 May); Good Friday is a working day', () => {
    expect(dutchHolidayOn(day('2027-05-06'))).toBe('ascension-day');
    expect(dutchHolidayOn(day('2027-05-17'))).toBe('whit-monday');
    expect(dutchHolidayOn(day('2027-03-29'))).toBe('easter-monday');
    expect(isDutchWorkingDay(day('2027-03-26'))).toBe(true);
  });

  test('a working day is Monday to Friday and no holiday', () => {
    expect(isDutchWorkingDay(day('2026-12-02'))).toBe(true);
    expect(isDutchWorkingDay(day('2026-12-05'))).toBe(false);
    expect(isDutchWorkingDay(day('2026-12-06'))).toBe(false);
    expect(isDutchWorkingDay(day('2026-12-25'))).toBe(false);
    expect(isDutchWorkingDay(day('2027-01-01'))).toBe(false);
  });
});

describe('Amsterdam time', () => {
  test('summer time runs from the last Sunday of March to the last Sunday of October, 01:00 UTC', () => {
    expect(amsterdamOffset(at('2026-03-29T00:59:59Z'))).toBe(HOUR);
    expect(amsterdamOffset(at('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(amsterdamOffset(at('2026-10-25T00:59:59Z'))).toBe(2 * HOUR);
    expect(amsterdamOffset(at('2026-10-25T01:00:00Z'))).toBe(HOUR);
    expect(amsterdamOffset(at('2027-03-28T01:00:00Z'))).toBe(2 * HOUR);
    expect(amsterdamOffset(at('2027-01-15T12:00:00Z'))).toBe(HOUR);
  });

  test('the date and time of day there, and back', () => {
    expect(amsterdamDate(at('2026-12-01T23:30:00Z'))).toEqual({ day: day('2026-12-02'), timeOfDay: 0.5 * HOUR });
    expect(amsterdamDate(at('2026-07-01T22:15:00Z'))).toEqual({ day: day('2026-07-02'), timeOfDay: 0.25 * HOUR });
    expect(amsterdamMoment(day('2026-12-02'), 9 * HOUR)).toBe(at('2026-12-02T08:00:00Z'));
    expect(amsterdamMoment(day('2026-07-02'), 9 * HOUR)).toBe(at('2026-07-02T07:00:00Z'));
    // 02:30 does not happen on the morning summer time starts: it is taken as 03:30.
    expect(amsterdamMoment(day('2026-03-29'), 2.5 * HOUR)).toBe(at('2026-03-29T01:30:00Z'));
  });
});

describe('working-day durations', () => {
  test('a working-day wait over Easter Monday lasts a day longer', () => {
    const thursday = at('2027-03-25T09:00:00Z');
    expect(addDuration(thursday, 'P2D', true)).toBe(at('2027-03-30T09:00:00Z'));
    // As counted before holidays were known (running cases keep it).
    expect(addDuration(thursday, 'P2D', true, 'weekdays')).toBe(at('2027-03-29T09:00:00Z'));
  });

  test('Christmas, Boxing Day, New Year’s Day and the weekends after them are skipped', () => {
    expect(date(addDuration(at('2026-12-24T10:00:00Z'), 'P1D', true))).toBe('2026-12-28');
    expect(date(addDuration(at('2026-12-23T10:00:00Z'), 'P5D', true))).toBe('2026-12-31');
    expect(date(addDuration(at('2026-12-23T10:00:00Z'), 'P6D', true))).toBe('2027-01-04');
  });

  test('King’s Day on a Tuesday (2027) and Ascension Day are skipped', () => {
    expect(date(addDuration(at('2027-04-26T10:00:00Z'), 'P1D', true))).toBe('2027-04-28');
    expect(date(addDuration(at('2027-05-05T10:00:00Z'), 'P1D', true))).toBe('2027-05-07');
  });

  test('a day counts by its Amsterdam date: 00:30 on Monday there is still Sunday in UTC', () => {
    const fridayNight = at('2026-11-20T23:30:00Z'); // Saturday 00:30 in Amsterdam
    expect(addDuration(fridayNight, 'P1D', true)).toBe(at('2026-11-22T23:30:00Z'));
    expect(addDuration(fridayNight, 'P1D', true, 'weekdays')).toBe(at('2026-11-23T23:30:00Z'));
  });

  test('calendar days are not affected', () => {
    expect(addDuration(at('2027-03-25T09:00:00Z'), 'P5D')).toBe(at('2027-03-30T09:00:00Z'));
  });
});

describe('message hours', () => {
  const hours = DEFAULT_MESSAGE_HOURS;
  const next = (channel: 'letter' | 'email' | 'whatsapp' | 'sms', iso: string) => new Date(nextMessageMoment(channel, at(iso), hours)).toISOString();

  test('within the hours on a working day a message goes at once', () => {
    expect(next('whatsapp', '2026-12-02T10:00:00Z')).toBe('2026-12-02T10:00:00.000Z');
    expect(next('sms', '2026-12-02T08:00:00Z')).toBe('2026-12-02T08:00:00.000Z'); // 09:00 sharp
    expect(next('email', '2026-12-02T18:59:59Z')).toBe('2026-12-02T18:59:59.000Z'); // 19:59:59
  });

  test('at night a WhatsApp waits for 09:00 the next working day', () => {
    expect(next('whatsapp', '2026-12-01T22:30:00Z')).toBe('2026-12-02T08:00:00.000Z'); // Tue 23:30 → Wed 09:00
    expect(next('whatsapp', '2026-12-02T05:00:00Z')).toBe('2026-12-02T08:00:00.000Z'); // Wed 06:00 → 09:00
    expect(next('sms', '2026-12-02T19:00:00Z')).toBe('2026-12-03T08:00:00.000Z'); // Wed 20:00 → Thu 09:00
  });

  test('on Friday evening, the weekend and holidays it waits for the next working morning', () => {
    expect(next('email', '2026-12-04T19:30:00Z')).toBe('2026-12-07T08:00:00.000Z'); // Fri 20:30 → Mon
    expect(next('whatsapp', '2026-12-24T20:00:00Z')).toBe('2026-12-28T08:00:00.000Z'); // Christmas Eve night → Mon 28th
    expect(next('email', '2026-04-27T08:00:00Z')).toBe('2026-04-28T07:00:00.000Z'); // King's Day → Tue 09:00 summer time
    // Across the change to summer time: Saturday night in winter, Monday morning in summer.
    expect(next('whatsapp', '2026-03-28T21:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
  });

  test('a letter goes on any postal day, at any hour; otherwise from the start of the next one', () => {
    expect(next('letter', '2026-12-02T22:00:00Z')).toBe('2026-12-02T22:00:00.000Z'); // Wed 23:00
    expect(next('letter', '2026-04-25T10:00:00Z')).toBe('2026-04-27T22:00:00.000Z'); // Sat, Mon is King's Day → Tue 00:00
    expect(next('letter', '2026-12-25T10:00:00Z')).toBe('2026-12-27T23:00:00.000Z'); // Christmas → Mon 28th 00:00
  });

  test('other hours are honoured', () => {
    const office = parseMessageHours('08:30-17:00')!;
    expect(new Date(nextMessageMoment('sms', at('2026-12-02T07:00:00Z'), office)).toISOString()).toBe('2026-12-02T07:30:00.000Z');
    expect(new Date(nextMessageMoment('sms', at('2026-12-02T16:00:00Z'), office)).toISOString()).toBe('2026-12-03T07:30:00.000Z');
  });

  test.each([
    ['09:00-20:00', { from: '09:00', to: '20:00' }],
    [' 08:30 - 21:15 ', { from: '08:30', to: '21:15' }],
    ['00:00-24:00', { from: '00:00', to: '24:00' }],
    ['9-20', null],
    ['09:00', null],
    ['20:00-09:00', null],
    ['09:00-09:00', null],
    ['09:00-24:30', null],
    ['09:60-20:00', null],
  ])('MESSAGE_HOURS %j is %j', (text, expected) => {
    expect(parseMessageHours(text)).toEqual(expected);
  });
});
