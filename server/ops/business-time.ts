// "Now" for a case, in SQL. A case runs on business time, which under a time scale (demos,
// tests) runs ahead of the calendar: due dates, review dates, task deadlines and payment dates
// are business times, so "overdue" compares them with the case's own now, not with now(). The
// clock is the workflow's (its anchor may lie anywhere, see workflows/case-input.ts); every
// timeline event carries that clock's time and when it was written, so the case's now is
// counted on from its latest event at its time scale (kept on the case as clock_at and
// clock_recorded_at by a trigger on case_events, migration 011). It keeps running while the
// case is paused. One expression for every list, count and check, so they all agree.
import { roles } from '../../definition/catalog.ts';

/** The business time now of the case aliased `c` (a row of cases); before its first event, counted from its opening. */
export const caseNowSql = `COALESCE(c.clock_at + (now() - c.clock_recorded_at) * c.time_scale, c.opened_at + (now() - c.opened_at) * c.time_scale)`;

/**
 * Where a calendar moment (SQL of a timestamptz, at most now) falls on the clock of case `c`:
 * the case's now less the time since, at the case's scale. On a case that runs faster than the
 * calendar a moment before its opening is taken as its opening, which is where its clock began.
 */
export const caseMomentSql = (calendar: string) =>
  `(${caseNowSql} - (now() - CASE WHEN c.time_scale > 1 THEN GREATEST(${calendar}, c.opened_at) ELSE ${calendar} END) * c.time_scale)`;

/** Whether cases.waiting_on names a person (a staff role), not the tenant, a partner or the engine. */
export const waitingOnPersonSql = `c.waiting_on = ANY(ARRAY[${roles.ids.map((r) => `'${r}'`).join(',')}])`;

/** Cases staff see: dry runs (the designer's simulations) are never counted. */
export const realCasesSql = `NOT c.dry_run`;
