// Which cases a member of staff may see: a member of one or more teams sees the cases of
// their teams' postcode areas, in every list and by id; staff in no team see every case.
// Lists add scopeSql to their WHERE; endpoints about one case, task or payment request pass
// through caseScopeGuard first, so a case outside one's areas is "not found", never named.
import type { NextFunction, Request, Response } from 'express';
import type { Queryable } from '../db/pool.ts';
import { notFound } from '../errors.ts';

/** The postcode ranges one may see; null: every case. */
export type CaseScope = { teams: string[]; areas: Array<{ from: number; to: number }> } | null;

export async function caseScopeOf(q: Queryable, userId: string): Promise<CaseScope> {
  const r = await q.query<{ team_id: string; from_area: number | null; to_area: number | null }>(
    `SELECT m.team_id, a.from_area, a.to_area FROM team_members m LEFT JOIN team_areas a ON a.team_id = m.team_id WHERE m.user_id = $1`,
    [userId],
  );
  if (r.rowCount === 0) return null;
  return {
    teams: [...new Set(r.rows.map((row) => row.team_id))],
    areas: r.rows.flatMap((row) => (row.from_area === null || row.to_area === null ? [] : [{ from: row.from_area, to: row.to_area }])),
  };
}

/** Whether a postcode (1234 AB) lies in the scope: a member of a team opens cases of their areas only. */
export function postcodeInScope(scope: CaseScope, postalCode: string): boolean {
  if (!scope) return true;
  const area = Number(postalCode.slice(0, 4));
  return scope.areas.some((a) => area >= a.from && area <= a.to);
}

/**
 * The condition "the case `alias` lies in the scope", for a WHERE; `args` gets its values.
 * A team without areas sees nothing until it is given some.
 */
export function scopeSql(scope: CaseScope, args: unknown[], alias = 'c'): string {
  if (!scope) return 'TRUE';
  args.push(scope.areas.map((a) => a.from), scope.areas.map((a) => a.to));
  const from = `$${args.length - 1}::int[]`;
  const to = `$${args.length}::int[]`;
  return `EXISTS (SELECT 1 FROM tenancies sy, unnest(${from}, ${to}) AS ar(f, t) WHERE sy.id = ${alias}.tenancy_id AND sy.postcode_area BETWEEN ar.f AND ar.t)`;
}

/** The case an id of this kind belongs to (a task's, a payment request's); null when none. */
const caseOf: Record<'case' | 'task' | 'payment-request', string> = {
  case: `SELECT id AS case_id FROM cases WHERE id = $1::uuid`,
  task: `SELECT case_id FROM tasks WHERE id = $1`,
  'payment-request': `SELECT case_id FROM payment_requests WHERE id = $1::uuid`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function inScope(q: Queryable, scope: CaseScope, caseId: string): Promise<boolean> {
  if (!scope) return true;
  const args: unknown[] = [caseId];
  const r = await q.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${scopeSql(scope, args)}`, args);
  return (r.rowCount ?? 0) > 0;
}

/**
 * For routes `/…/:id…` about one `kind`: a signed-in member of a team asking about a case
 * outside their areas gets the same 404 as for an id that does not exist. Ids that are not
 * well-formed pass on, for the route to name the field.
 */
export function caseScopeGuard(q: Queryable, kind: keyof typeof caseOf) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const id = String(req.params.id ?? '');
      if (!req.user || (kind !== 'task' && !UUID.test(id))) return next();
      const scope = await scopeOfRequest(q, req);
      if (!scope) return next();
      const found = await q.query<{ case_id: string }>(caseOf[kind], [id]);
      const caseId = found.rows[0]?.case_id;
      if (caseId && !(await inScope(q, scope, caseId))) return next(notFound(`${kind.replace('-', ' ')} ${id} not found`));
      next();
    } catch (err) {
      next(err);
    }
  };
}

const scopes = new WeakMap<Request, Promise<CaseScope>>();
/** The signed-in user's scope, looked up once per request. */
export function scopeOfRequest(q: Queryable, req: Request): Promise<CaseScope> {
  if (!req.user) return Promise.resolve(null);
  let scope = scopes.get(req);
  if (!scope) {
    scope = caseScopeOf(q, req.user.id);
    scopes.set(req, scope);
  }
  return scope;
}
