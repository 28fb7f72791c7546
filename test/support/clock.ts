// Where a test case's business clock starts. Messages to tenants wait for the message hours
// on working days (definition/message-hours.ts), so a case started at night, at the weekend
// or on a holiday would hold its first letter for hours or days: a suite that passes only in
// office hours. Test cases start on the case clock at the next working moment instead: now,
// on a working day between 09:00 and 18:00 in Amsterdam; else 09:30 on the next working day.
import { amsterdamDate, amsterdamMoment, isDutchWorkingDay, nextDutchWorkingDay } from '../../definition/calendar.ts';

const HOUR = 3_600_000;

export function workingMoment(nowMs = Date.now()): number {
  const { day, timeOfDay } = amsterdamDate(nowMs);
  if (isDutchWorkingDay(day) && timeOfDay >= 9 * HOUR && timeOfDay < 18 * HOUR) return nowMs;
  const next = isDutchWorkingDay(day) && timeOfDay < 9 * HOUR ? day : nextDutchWorkingDay(day);
  return amsterdamMoment(next, 9.5 * HOUR);
}

/** The business start a test case is opened with (the API takes it outside production only). */
export const workingStart = (nowMs = Date.now()) => new Date(workingMoment(nowMs)).toISOString();
