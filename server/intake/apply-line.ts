// What one line of the rent ledger's arrears list does (the intake's rules, in one place):
//  - a tenancy with an open case: growth of the ledger's arrears since it last told the case is
//    new rent fallen due, added to the balance as such (workflows/ledger.ts); a ledger at zero
//    while the case shows arrears becomes a task for a person, never a closing by itself;
//  - a tenancy without one: arrears over the definition's threshold open a case (and end the
//    tenancy's prevention process, open-case.ts); less, nothing, unless the line carries a risk
//    signal: that opens a prevention process (definition/prevention.ts) instead.
// A payment between two lists lowers the ledger too, so growth can be less than the new rent:
// the case then shows less than the ledger, never more (the case page shows the ledger's figure).
import { AppError } from '../errors.ts';
import type { Actor } from '../../workflows/messages.ts';
import { ledgerClearedUpdate, rentDueUpdate } from '../../workflows/messages.ts';
import { belowThreshold, type IntakeThreshold } from '../../definition/intake.ts';
import type { PublishedVersion } from '../definitions/repository.ts';
import { startCase } from '../cases/open-case.ts';
import type { CaseDeps } from '../cases/service.ts';
import { runUpdate } from '../temporal.ts';
import type { Queryable } from '../db/pool.ts';
import type { IntakeLine, IntakeOutcome } from './schemas.ts';
import type { OpenCase } from '../cases/schemas.ts';
import { riskSignals } from '../../definition/catalog.ts';
import { signalsOf, type CasePurpose } from '../../definition/prevention.ts';
import { endPrevention } from '../prevention/end-prevention.ts';

export type OpenCaseOfTenancy = { id: string; tenancyId: string; workflowId: string; balanceCents: number; ledgerArrearsCents: number; ledgerAsOf: string | null };
/** What a tenancy has open: an arrears case, a prevention process, or both for a moment. */
export type OpenOfTenancy = { arrears?: OpenCaseOfTenancy; prevention?: OpenCaseOfTenancy };
export type LineResult = { outcome: IntakeOutcome; caseId?: string; amountCents?: number; message?: string };
export type RunContext = {
  runId: string;
  asOf: string;
  definition: PublishedVersion;
  threshold: IntakeThreshold;
  actor: Actor;
  /** The published prevention processes (latest versions), to pick one by the line's risk signal. */
  prevention: PublishedVersion[];
};

/** The open (non-simulated) cases of each of these tenancies, by tenancy reference. */
export async function openCasesOf(q: Queryable, references: string[]): Promise<Map<string, OpenOfTenancy>> {
  const r = await q.query<{ reference: string; purpose: CasePurpose; id: string; tenancy_id: string; workflow_id: string; balance_cents: number; ledger: number; ledger_as_of: string | null }>(
    `SELECT y.reference, c.purpose, c.id, c.tenancy_id, c.workflow_id, c.balance_cents, COALESCE(c.ledger_arrears_cents, c.arrears_cents) AS ledger, to_char(c.ledger_as_of, 'YYYY-MM-DD') AS ledger_as_of
     FROM tenancies y JOIN cases c ON c.tenancy_id = y.id WHERE y.reference = ANY($1) AND c.status <> 'closed' AND NOT c.dry_run`,
    [references],
  );
  const open = new Map<string, OpenOfTenancy>();
  for (const c of r.rows) {
    const of = open.get(c.reference) ?? {};
    of[c.purpose] = { id: c.id, tenancyId: c.tenancy_id, workflowId: c.workflow_id, balanceCents: c.balance_cents, ledgerArrearsCents: c.ledger, ledgerAsOf: c.ledger_as_of };
    open.set(c.reference, of);
  }
  return open;
}

const euro = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

export async function applyLine(deps: CaseDeps, ctx: RunContext, line: IntakeLine, open: OpenOfTenancy = {}): Promise<LineResult> {
  if (open.arrears) {
    // An earlier attempt opened the arrears case and was cut off before the prevention process ended.
    if (open.prevention) await endPrevention(deps, open.arrears.tenancyId, open.arrears.id, ctx.actor);
    return await toOpenCase(deps, ctx, line, open.arrears);
  }
  const why = line.arrearsCents === 0 ? null : belowThreshold(line.arrearsCents, line.oldestDueDate!, ctx.asOf, ctx.threshold);
  const noCase: LineResult = line.arrearsCents === 0 ? { outcome: 'no-arrears' } : { outcome: 'below-threshold', amountCents: line.arrearsCents, message: why! };
  if (line.arrearsCents === 0 || why) return line.riskSignals?.length ? await toPrevention(deps, ctx, line, open.prevention, noCase) : noCase;
  const opened = await startCase(deps, caseOpening(line, ctx.definition.id, line.arrearsCents, line.oldestDueDate!), ctx.actor, ctx.definition);
  await deps.pool.query(`UPDATE cases SET ledger_arrears_cents = $2, ledger_as_of = $3 WHERE id = $1`, [opened.id, line.arrearsCents, ctx.asOf]);
  return { outcome: 'opened', caseId: opened.id, amountCents: line.arrearsCents, ...(open.prevention ? { message: 'the tenancy’s prevention process ended: the arrears case takes over' } : {}) };
}

/**
 * A line with a risk signal and no arrears case due: a prevention process by the first published
 * one that takes one of its signals; one already open is left as it is.
 */
async function toPrevention(deps: CaseDeps, ctx: RunContext, line: IntakeLine, open: OpenCaseOfTenancy | undefined, noCase: LineResult): Promise<LineResult> {
  const said = line.riskSignals!.map((s) => riskSignals.labels[s].en.toLowerCase()).join(', ');
  if (open) return { outcome: 'unchanged', caseId: open.id, message: `${said}: the tenancy's prevention process is already open` };
  const signal = line.riskSignals!.find((s) => ctx.prevention.some((d) => signalsOf(d.body).includes(s)));
  const definition = signal && ctx.prevention.find((d) => signalsOf(d.body).includes(signal));
  if (!signal || !definition) return { ...noCase, message: [noCase.message, `${said}: no published prevention process starts on it`].filter(Boolean).join('; ') };
  const opened = await startCase(deps, { ...caseOpening(line, definition.id, line.arrearsCents, line.oldestDueDate ?? ctx.asOf), riskSignal: signal }, ctx.actor, definition);
  return { outcome: 'prevention', caseId: opened.id, ...(line.arrearsCents > 0 ? { amountCents: line.arrearsCents } : {}), message: `${said}: prevention process "${definition.name}"` };
}

function caseOpening(line: IntakeLine, definitionId: string, arrearsCents: number, dueDate: string): OpenCase {
  return {
    tenancy: {
      reference: line.tenancyReference,
      street: line.street,
      postalCode: line.postalCode,
      city: line.city,
      ...(line.monthlyRentCents !== undefined ? { monthlyRentCents: line.monthlyRentCents } : {}),
      ...(line.minorsInHousehold !== undefined ? { minorsInHousehold: line.minorsInHousehold } : {}),
    },
    tenant: { name: line.name, ...(line.email ? { email: line.email } : {}), ...(line.phone ? { phone: line.phone } : {}) },
    arrearsCents,
    dueDate,
    definitionId,
    ...(line.segmentSuggestion ? { segmentSuggestion: line.segmentSuggestion } : {}),
  };
}

async function toOpenCase(deps: CaseDeps, ctx: RunContext, line: IntakeLine, open: OpenCaseOfTenancy): Promise<LineResult> {
  // A list older than what the case was last told changes nothing.
  if (open.ledgerAsOf !== null && open.ledgerAsOf > ctx.asOf) return { outcome: 'skipped', caseId: open.id, message: `the case already has the ledger of ${open.ledgerAsOf}, newer than this list` };
  const handle = deps.temporal.workflow.getHandle(open.workflowId);
  let result: LineResult;
  try {
    if (line.arrearsCents === 0 && open.balanceCents > 0) {
      await runUpdate(handle, ledgerClearedUpdate, [{ reference: `ledger-cleared:${ctx.asOf}`, asOf: ctx.asOf, actor: ctx.actor }], 'ledger check');
      result = { outcome: 'ledger-cleared', caseId: open.id, message: `the ledger shows no arrears; the case shows ${euro(open.balanceCents)}: a task asks a person to check` };
    } else if (line.arrearsCents > open.ledgerArrearsCents) {
      const growth = line.arrearsCents - open.ledgerArrearsCents;
      await runUpdate(
        handle,
        rentDueUpdate,
        [{ reference: `rent-due:${ctx.asOf}:${line.arrearsCents}`, amountCents: growth, ledgerArrearsCents: line.arrearsCents, asOf: ctx.asOf, actor: ctx.actor }],
        'rent due',
      );
      result = { outcome: 'rent-due', caseId: open.id, amountCents: growth, message: `the ledger's arrears grew from ${euro(open.ledgerArrearsCents)} to ${euro(line.arrearsCents)}` };
    } else result = { outcome: 'unchanged', caseId: open.id };
  } catch (err) {
    // The case refused (closed meanwhile, or in aftercare): reported for the line, nothing applied.
    if (err instanceof AppError && err.code === 'conflict') return { outcome: 'skipped', caseId: open.id, message: err.message };
    throw err;
  }
  await deps.pool.query(`UPDATE cases SET ledger_arrears_cents = $2, ledger_as_of = $3 WHERE id = $1`, [open.id, line.arrearsCents, ctx.asOf]);
  return result;
}
