// The pay-by date a 14-day letter prints (art. 6:96(6) BW): the tenant has 14 days counted
// from the day after they receive the letter, so "within 14 days of this letter" would be
// invalid and a concrete date must be given. We cannot know the day of receipt, so we assume
// the latest ordinary one: the post delivers on the second working day after the letter's
// print batch is made. Days are midnight-UTC moments of their dates, as in calendar.ts.
import { amsterdamDate, amsterdamMoment, DAY, isDutchWorkingDay, nextDutchWorkingDay } from './calendar.ts';

/** Working days (Mon–Fri, no public holiday) from the print batch to the letter on the mat. */
export const DELIVERY_WORKING_DAYS = 2;
/** The term of art. 6:96(6) BW, counted from the day after receipt. */
export const PAYMENT_TERM_DAYS = 14;

export type FourteenDayDeadline = { delivered: number; payBy: number };

/**
 * The assumed day of receipt and the last day to pay, for a letter in the print batch of
 * `batchDay`. The last day is receipt + 14 days (day 1 is the day after receipt). Should that
 * day be a Saturday, Sunday or public holiday, the Algemene termijnenwet (art. 1 and 3) moves
 * it to the next day that is none: that only ever gives the tenant more time, never less.
 */
export function fourteenDayDeadline(batchDay: number): FourteenDayDeadline {
  let delivered = batchDay;
  for (let i = 0; i < DELIVERY_WORKING_DAYS; i++) delivered = nextDutchWorkingDay(delivered);
  let payBy = delivered + PAYMENT_TERM_DAYS * DAY;
  while (!termDay(payBy)) payBy += DAY;
  return { delivered, payBy };
}

/**
 * A day a statutory term may end on: not a Saturday, Sunday or general holiday of the
 * Algemene termijnenwet, which counts 5 May every year (calendar.ts counts it only in lustrum
 * years, as the office calendar does).
 */
function termDay(day: number): boolean {
  const d = new Date(day);
  const fifthOfMay = d.getUTCMonth() === 4 && d.getUTCDate() === 5;
  return isDutchWorkingDay(day) && !fifthOfMay;
}

/**
 * The first moment collection costs may be charged for a 14-day letter the case sent at
 * `sentMs`: the Amsterdam midnight after the pay-by date its print could carry. A letter goes
 * into its own day's batch, or the next day's when that one was already made, so the later of
 * the two is taken: the costs never come before the date the tenant read.
 */
export function costsAllowedFrom(sentMs: number): number {
  const { day } = amsterdamDate(sentMs);
  return amsterdamMoment(fourteenDayDeadline(day + DAY).payBy + DAY, 0);
}
