// "Now" for a case, in SQL. A case runs on business time, which under a time scale (demos,
// tests) runs ahead of the calendar: due dates, review dates and task deadlines are business
// times, so "overdue" compares them with the case's own now, not with now(). A case's business
// clock starts at its opening (the workflow anchors it there) and keeps running while paused.
import { roles } from '../../definition/catalog.ts';

/** The business time now of the case aliased `c` (a row of cases). */
export const caseNowSql = `(c.opened_at + (now() - c.opened_at) * c.time_scale)`;

/** Whether cases.waiting_on names a person (a staff role), not the tenant, a partner or the engine. */
export const waitingOnPersonSql = `c.waiting_on = ANY(ARRAY[${roles.ids.map((r) => `'${r}'`).join(',')}])`;

/** Cases staff see: dry runs (the designer's simulations) are never counted. */
export const realCasesSql = `NOT c.dry_run`;
