// The Dutch working calendar and the clock of Europe/Amsterdam, as pure functions of a moment
// in milliseconds. The workflow sandbox uses them, so they read no timezone database and no
// Intl: Amsterdam's offset follows the EU summer-time rule, the public holidays are computed
// for each year (Easter by the Gregorian computus), and a day is the midnight-UTC moment of
// its calendar date.

const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type DutchHoliday =
  | 'new-years-day'
  | 'easter-monday'
  | 'kings-day'
  | 'liberation-day'
  | 'ascension-day'
  | 'whit-monday'
  | 'christmas-day'
  | 'boxing-day';

const utcDay = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return utcDay(year, Math.floor(n / 31), (n % 31) + 1);
}

/**
 * The public holidays on which letters are not delivered and the office is closed. Good Friday
 * is not one; Liberation Day only in lustrum years (divisible by 5), as most collective labour
 * agreements of the sector have it.
 */
export function dutchHolidays(year: number): Array<{ id: DutchHoliday; day: number }> {
  const easter = easterSunday(year);
  const kingsDay = utcDay(year, 4, 27);
  return [
    { id: 'new-years-day', day: utcDay(year, 1, 1) },
    { id: 'easter-monday', day: easter + DAY },
    // When 27 April is a Sunday, King's Day is the Saturday before.
    { id: 'kings-day', day: new Date(kingsDay).getUTCDay() === 0 ? kingsDay - DAY : kingsDay },
    ...(year % 5 === 0 ? [{ id: 'liberation-day' as const, day: utcDay(year, 5, 5) }] : []),
    { id: 'ascension-day', day: easter + 39 * DAY },
    { id: 'whit-monday', day: easter + 50 * DAY },
    { id: 'christmas-day', day: utcDay(year, 12, 25) },
    { id: 'boxing-day', day: utcDay(year, 12, 26) },
  ];
}

/** The holiday on a day (midnight UTC of its date), or null. */
export function dutchHolidayOn(day: number): DutchHoliday | null {
  return dutchHolidays(new Date(day).getUTCFullYear()).find((h) => h.day === day)?.id ?? null;
}

/** Monday to Friday and not a public holiday: a working day, and a day the post is delivered. */
export function isDutchWorkingDay(day: number): boolean {
  const weekday = new Date(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && dutchHolidayOn(day) === null;
}

/** The first working day after `day`. */
export function nextDutchWorkingDay(day: number): number {
  let next = day + DAY;
  while (!isDutchWorkingDay(next)) next += DAY;
  return next;
}

// --- Europe/Amsterdam ---------------------------------------------------------------------

/** 01:00 UTC on the last Sunday of a month: when EU summer time starts (March) or ends (October). */
function lastSundayOneUtc(year: number, month: number): number {
  const last = utcDay(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY + HOUR;
}

/** Amsterdam's offset from UTC at a moment: +2 h in summer time, +1 h otherwise. */
export function amsterdamOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayOneUtc(year, 3) && ms < lastSundayOneUtc(year, 10) ? 2 * HOUR : HOUR;
}

/** The Amsterdam calendar date of a moment (midnight UTC of that date) and the time of day there in ms. */
export function amsterdamDate(ms: number): { day: number; timeOfDay: number } {
  const local = ms + amsterdamOffset(ms);
  const day = Math.floor(local / DAY) * DAY;
  return { day, timeOfDay: local - day };
}

/**
 * The moment a wall-clock time in Amsterdam happens on a date. A time the spring change skips
 * (02:00–03:00) is taken an hour later; one the autumn change repeats, the second time.
 */
export function amsterdamMoment(day: number, timeOfDay: number): number {
  const local = day + timeOfDay;
  const winter = local - HOUR;
  if (amsterdamOffset(winter) === HOUR) return winter;
  const summer = local - 2 * HOUR;
  return amsterdamOffset(summer) === 2 * HOUR ? summer : winter;
}
