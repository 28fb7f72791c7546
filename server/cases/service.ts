// What the case API does, apart from HTTP: read a case with its live state, and steer it
// through the workflow's updates. Opening one is open-case.ts.
import type { Client } from '@temporalio/client';
import type { Segment } from '../../definition/catalog.ts';
import type { MessageHours } from '../../definition/message-hours.ts';
import { businessNow, type CaseView } from '../../workflows/case-view.ts';
import {
  cancelUpdate,
  caseStateQuery,
  completeTaskUpdate,
  confirmSegmentUpdate,
  handoverResponseUpdate,
  pauseUpdate,
  registerEventUpdate,
  extendPauseUpdate,
  migrateUpdate,
  proposeForgivenessUpdate,
  proposeArrangementUpdate,
  contactPreferenceUpdate,
  resumeUpdate,
  type Actor,
} from '../../workflows/messages.ts';
import type { ContactPreference } from '../../definition/contact-preference.ts';
import type { Db } from '../db/pool.ts';
import { getVersion } from '../definitions/repository.ts';
import { AppError, conflict, invalidField, notFound } from '../errors.ts';
import { discardNotes, noteRef, resolveNotes, resolveNotesInText, stashFormText } from '../notes.ts';
import { auditCaseRead, auditListRead } from '../audit/log.ts';
import { audit } from '../audit/repository.ts';
import { serverTaskKinds } from '../../definition/credit.ts';
import { assertMayComplete, checkForm } from '../tasks/guards.ts';
import { caseBusinessNow } from '../tasks/repository.ts';
import { completeCreditTask } from '../tasks/server-tasks.ts';
import { paymentRequestsOfCase } from '../payments/requests-repository.ts';
import { runUpdate } from '../temporal.ts';
import { caseScopeOf } from '../teams/scope.ts';
import { hasAnyRole, nameReaders } from '../../definition/access.ts';
import { caseDetails, getCaseRow, handoverOnCase, listCases as listCaseRows, type CaseRow } from './repository.ts';
import type { ListCases } from './schemas.ts';

export type CaseDeps = {
  pool: Db;
  temporal: Client;
  taskQueue?: string;
  defaultTimeScale: number;
  allowTimeScale: boolean;
  historyLimit?: number;
  /** MESSAGE_HOURS; each new case keeps the hours it started with (absent: the workflow's default). */
  messageHours?: MessageHours;
};

export async function requireCase(pool: Db, id: string): Promise<CaseRow> {
  const row = await getCaseRow(pool, id);
  if (!row) throw notFound(`case ${id} not found`);
  return row;
}

/**
 * The view with what is left of its current wait as of `realNow`. A query answers with the
 * workflow's clock as of its last task, which stands still while a wait runs (no task comes
 * until it ends); what is left is the wait's end less the case's business time now, from the
 * view's clock anchor. A paused wait has no end (`until` is null) and its remainder stands.
 */
export function countedDown(view: CaseView, realNow = Date.now()): CaseView {
  const step = view.currentStep;
  if (!step || step.until === null) return view;
  return { ...view, currentStep: { ...step, remainingMs: Math.max(0, Date.parse(step.until) - businessNow(view, realNow)) } };
}

/** The live state from the workflow, when it is running and answers in time. */
export async function liveState(temporal: Client, row: CaseRow): Promise<{ state: CaseView | null; error?: string }> {
  if (row.status === 'closed') return { state: null };
  try {
    const handle = temporal.workflow.getHandle(row.workflowId);
    const state = await Promise.race([
      handle.query(caseStateQuery),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the case engine did not answer within 5 s')), 5000)),
    ]);
    return { state: countedDown(state) };
  } catch (err) {
    return { state: null, error: (err as Error).message };
  }
}

/**
 * The case list, of the cases in the reader's teams' areas. To those who work cases it shows
 * tenants' names, and is recorded as a read of the cases shown; to others (ops) it shows ids,
 * steps and amounts only.
 */
export async function listCases(deps: CaseDeps, filter: ListCases, actor: Actor) {
  const names = hasAnyRole(actor.roles, nameReaders);
  const found = await listCaseRows(deps.pool, filter, { scope: await caseScopeOf(deps.pool, actor.userId), names });
  if (names) await auditListRead(deps.pool, actor.userId, 'cases', found.cases.map((c) => c.id));
  return await resolveNotes(deps.pool, found);
}

/** One case with everything that happened to it and its live state; recorded as a read. */
export async function getCase(deps: CaseDeps, id: string, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const [details, live, paymentRequests] = await Promise.all([caseDetails(deps.pool, id), liveState(deps.temporal, row), paymentRequestsOfCase(deps.pool, id)]);
  // The business time of the case right now (it runs ahead of the calendar under a time scale).
  const now = live.state ? new Date(businessNow(live.state)).toISOString() : null;
  const result = await resolveNotes(deps.pool, { case: row, ...details, paymentRequests, live: live.state, now, ...(live.error ? { liveError: live.error } : {}) });
  await auditCaseRead(deps.pool, actor.userId, id, 'case');
  return result;
}
export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

export function handleFor(deps: CaseDeps, row: CaseRow) {
  if (row.status === 'closed') throw conflict(`case ${row.id} is closed (${row.outcome ?? 'closed'})`);
  return deps.temporal.workflow.getHandle(row.workflowId);
}

/**
 * Runs an update whose free text was stored as notes first. When the workflow refuses it
 * (a validator's invalid/forbidden/conflict), those notes are removed again. Not on a time-
 * out: the update may still be applied, and then its references must resolve. The workflow
 * knows texts only by reference, so a refusal that quotes one (the reason of the pause the
 * case is already in) gets the text back before it is shown.
 */
async function refusalKeepsNoNotes<T>(pool: Db, refs: unknown[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'invalid' || err.code === 'forbidden' || err.code === 'conflict')) {
      await discardNotes(pool, refs);
      throw new AppError(err.code, await resolveNotesInText(pool, err.message), err.details);
    }
    throw err;
  }
}

export async function pauseCase(deps: CaseDeps, id: string, input: { reason: string; reviewDate: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const handle = handleFor(deps, row);
  // The review date is a date of the case: the ops trouble list counts it as passed by the
  // case's clock, so it is checked against the same clock, not the calendar.
  const today = (await caseBusinessNow(deps.pool, id)).slice(0, 10);
  if (input.reviewDate < today) throw invalidField('body.reviewDate', `${input.reviewDate} lies in the past; the case's date is ${today}`);
  const reason = await noteRef(deps.pool, id, actor.userId, 'pause', input.reason);
  return await refusalKeepsNoNotes(deps.pool, [reason], () => runUpdate(handle, pauseUpdate, [{ ...input, reason: reason!, actor }], 'pause'));
}

/** A later review date for a pause (debt help that needs longer, a national pause notice). */
export async function extendPause(deps: CaseDeps, id: string, input: { reviewDate: string; note?: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const note = await noteRef(deps.pool, id, actor.userId, 'pause', input.note);
  return await refusalKeepsNoNotes(deps.pool, [note], () => runUpdate(handleFor(deps, row), extendPauseUpdate, [{ reviewDate: input.reviewDate, ...(note ? { note } : {}), actor }], 'extend pause'));
}

export async function resumeCase(deps: CaseDeps, id: string, input: { note?: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const handle = handleFor(deps, row);
  const note = await noteRef(deps.pool, id, actor.userId, 'resume', input.note);
  return await refusalKeepsNoNotes(deps.pool, [note], () => runUpdate(handle, resumeUpdate, [{ ...(note ? { note } : {}), actor }], 'resume'));
}

/** A forgiveness proposed on the case page: the case goes to its approval with this proposal as the first level. */
export async function proposeForgiveness(deps: CaseDeps, id: string, input: { amountCents: number; reason: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const handle = handleFor(deps, row);
  const reason = await noteRef(deps.pool, id, actor.userId, 'field:reason', input.reason);
  const result = await refusalKeepsNoNotes(deps.pool, [reason], () => runUpdate(handle, proposeForgivenessUpdate, [{ amountCents: input.amountCents, reason: reason!, actor }], 'propose forgiveness'));
  await audit(deps.pool, { actor: actor.userId, action: 'forgiveness.propose', caseId: id, entity: 'case', entityId: id, before: null, after: { stepId: result.stepId, amountCents: input.amountCents, reason } });
  return result;
}

export async function cancelCase(deps: CaseDeps, id: string, input: { reason: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const handle = handleFor(deps, row);
  const reason = await noteRef(deps.pool, id, actor.userId, 'cancel', input.reason);
  return await refusalKeepsNoNotes(deps.pool, [reason], () => runUpdate(handle, cancelUpdate, [{ reason: reason!, actor }], 'cancel'));
}

export async function registerEvent(deps: CaseDeps, id: string, input: { type: string; note?: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const handle = handleFor(deps, row);
  const note = await noteRef(deps.pool, id, actor.userId, `event:${input.type}`, input.note);
  return await refusalKeepsNoNotes(deps.pool, [note], () => runUpdate(handle, registerEventUpdate, [{ type: input.type, ...(note ? { note } : {}), actor }], 'register event'));
}

export async function respondToHandover(deps: CaseDeps, id: string, handoverId: string, input: { response: 'accepted' | 'refused'; note?: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  if (!(await handoverOnCase(deps.pool, id, handoverId))) throw notFound(`handover ${handoverId} not found on case ${id}`);
  const handle = handleFor(deps, row);
  const note = await noteRef(deps.pool, id, actor.userId, 'handover-response', input.note);
  const ack = await refusalKeepsNoNotes(deps.pool, [note], () =>
    runUpdate(handle, handoverResponseUpdate, [{ handoverId, response: input.response, ...(note ? { note } : {}), actor }], 'handover response'),
  );
  await audit(deps.pool, { actor: actor.userId, action: 'handover.respond', caseId: id, entity: 'handover', entityId: handoverId, before: { status: 'awaiting' }, after: { status: input.response, note } });
  return ack;
}

export async function confirmSegment(deps: CaseDeps, id: string, segment: Segment | null, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  return await runUpdate(handleFor(deps, row), confirmSegmentUpdate, [{ segment, actor }], 'confirm segment');
}

export async function completeTask(deps: CaseDeps, taskId: string, input: { outcome: string; fields: Record<string, unknown> }, actor: Actor) {
  // Open, role, claim and four-eyes, checked by the server before the workflow checks again.
  const t = await assertMayComplete(deps.pool, taskId, actor);
  if (serverTaskKinds.includes(t.kind)) return await completeCreditTask(deps.pool, taskId, input, actor);
  // The outcome and its fields too: a 400 then names each wrong field.
  const { outcome } = checkForm(t, input);
  const row = await requireCase(deps.pool, t.caseId);
  const handle = handleFor(deps, row);
  // Notes and reports stay in PostgreSQL; the workflow gets references (see notes.ts).
  const fields = await stashFormText(deps.pool, t.caseId, actor.userId, outcome.fields, input.fields);
  // Only the references stashed just now; a value the caller sent is never taken for one.
  const stashed = Object.keys(fields).filter((k) => fields[k] !== input.fields[k]).map((k) => fields[k]);
  return await refusalKeepsNoNotes(deps.pool, stashed, () => runUpdate(handle, completeTaskUpdate, [{ taskId, outcome: input.outcome, fields, actor }], 'complete task'));
}

/** Moves a running case to a later version of its definition, at its current wait. */
export async function migrateCase(deps: CaseDeps, id: string, input: { toVersion: number; stepMapping: Record<string, string> }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  const target = await getVersion(deps.pool, row.definitionId, input.toVersion);
  if (!target) throw notFound(`definition "${row.definitionId}" has no version ${input.toVersion}`);
  const handle = handleFor(deps, row);
  return await runUpdate(handle, migrateUpdate, [{ definition: { id: target.id, version: target.version, body: target.body }, stepMapping: input.stepMapping, actor }], 'migrate');
}

/** A plan the tenant proposes (their page): accepted at once within the limits, else a caseworker's task. */
export async function proposeArrangement(deps: CaseDeps, id: string, input: { instalmentCents: number; firstDueDate: string }, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  return await runUpdate(handleFor(deps, row), proposeArrangementUpdate, [{ ...input, actor }], 'propose arrangement');
}

/** How the tenant prefers to be reached: the case's later messages follow it (definition/contact-preference.ts). */
export async function setContactPreference(deps: CaseDeps, id: string, preferredChannel: ContactPreference | null, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  return await runUpdate(handleFor(deps, row), contactPreferenceUpdate, [{ preferredChannel, actor }], 'contact preference');
}
