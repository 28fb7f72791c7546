// Payments a person registers by hand, under the control of definition/payment-control.ts: a
// reason always; above the threshold the payment waits, unseen by the case, until a second
// person approves it. Every step is audited, and every step can be retried: the same
// registration twice gives the same answer, an approval retried by its approver sends the
// payment again (the workflow applies a reference once).
import { needsApproval, selfApprovalRefusal } from '../../definition/payment-control.ts';
import { registerPaymentUpdate, type Actor, type PaymentApplied } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { paymentApplied, paymentByReference } from '../cases/repository.ts';
import { handleFor, requireCase, type CaseDeps } from '../cases/service.ts';
import { inTransaction } from '../db/pool.ts';
import { conflict, notFound, refuse } from '../errors.ts';
import { caseBusinessNow } from '../tasks/repository.ts';
import { runUpdate } from '../temporal.ts';
import {
  decidePaymentRequest,
  insertManualPayment,
  insertPaymentRequest,
  paymentRequest,
  paymentRequestByReference,
  type PaymentRequest,
} from './requests-repository.ts';
import type { ManualPayment } from './schemas.ts';

export type ManualPaymentDeps = CaseDeps & { approvalThresholdCents: number };

export type ManualPaymentResult = ({ status: 'registered' } & PaymentApplied) | { status: 'awaiting-approval'; request: PaymentRequest };

const euro = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

export async function registerManualPayment(deps: ManualPaymentDeps, caseId: string, input: ManualPayment, actor: Actor): Promise<ManualPaymentResult> {
  const row = await requireCase(deps.pool, caseId);
  const { reference, amountCents } = input;
  const same = (e: { caseId: string; amountCents: number }) => e.caseId === caseId && e.amountCents === amountCents;

  const recorded = await paymentByReference(deps.pool, reference);
  if (recorded && !same(recorded)) throw conflict(`payment reference "${reference}" is already used for another payment (${recorded.amountCents} cents on case ${recorded.caseId})`);
  // A closed case takes no payment (refused before anything is recorded against it), but one it
  // applied before it closed, sent again because its first answer was lost, is the duplicate it is.
  const duplicateOnClosed = async (closed: typeof row) =>
    recorded && (await paymentApplied(deps.pool, reference)) ? { status: 'registered' as const, reference, duplicate: true, balanceCents: closed.balanceCents, creditCents: closed.creditCents } : null;
  if (row.status === 'closed') return (await duplicateOnClosed(row)) ?? (handleFor(deps, row) as never);
  const handle = handleFor(deps, row);
  const requested = recorded ? undefined : await paymentRequestByReference(deps.pool, reference);
  if (requested) return sameRequestAgain(requested, caseId, amountCents);

  // Without a date it was received now, on the case's clock (ahead of the calendar under a
  // time scale), as the ops views count it.
  const receivedAt = input.receivedAt ?? (await caseBusinessNow(deps.pool, caseId));
  if (!recorded && needsApproval(amountCents, deps.approvalThresholdCents)) {
    const id = await insertPaymentRequest(deps.pool, { caseId, reference, amountCents, receivedAt, reason: input.reason, requestedBy: actor.userId });
    if (!id) return sameRequestAgain((await paymentRequestByReference(deps.pool, reference))!, caseId, amountCents);
    await audit(deps.pool, { actor: actor.userId, action: 'payment.request', caseId, entity: 'payment', entityId: reference, after: { amountCents, receivedAt, reason: input.reason, thresholdCents: deps.approvalThresholdCents } });
    return { status: 'awaiting-approval', request: (await paymentRequest(deps.pool, id))! };
  }
  if (!recorded) {
    if (!(await insertManualPayment(deps.pool, caseId, { reference, amountCents, receivedAt, reason: input.reason, registeredBy: actor.userId }))) {
      const raced = (await paymentByReference(deps.pool, reference))!;
      if (!same(raced)) throw conflict(`payment reference "${reference}" is already used for another payment (${raced.amountCents} cents on case ${raced.caseId})`);
    } else {
      await audit(deps.pool, { actor: actor.userId, action: 'payment.register', caseId, entity: 'payment', entityId: reference, after: { amountCents, receivedAt, reason: input.reason } });
    }
  }
  // Sent again for a reference already recorded: the workflow applies it once and says so.
  try {
    const applied = await runUpdate(handle, registerPaymentUpdate, [{ reference, amountCents, receivedAt }], 'register payment');
    return { status: 'registered', ...applied };
  } catch (err) {
    // The case closed in the meantime (this very payment may have cleared it).
    const now = await requireCase(deps.pool, caseId);
    const duplicate = now.status === 'closed' ? await duplicateOnClosed(now) : null;
    if (duplicate) return duplicate;
    throw err;
  }
}

/** The same registration again finds its request; anything else with that reference is a conflict. */
function sameRequestAgain(r: PaymentRequest, caseId: string, amountCents: number): ManualPaymentResult {
  if (r.caseId !== caseId || r.amountCents !== amountCents)
    throw conflict(`payment reference "${r.reference}" is already used for a payment of ${euro(r.amountCents)} on case ${r.caseReference} (${r.status})`);
  if (r.status === 'rejected') throw conflict(`payment "${r.reference}" was rejected by ${r.decidedByName}: ${r.decisionNote ?? ''}`.trim(), { request: r.id });
  if (r.status === 'approved') throw conflict(`payment "${r.reference}" was already approved by ${r.decidedByName} and registered`, { request: r.id });
  return { status: 'awaiting-approval', request: r };
}

export async function approvePaymentRequest(deps: CaseDeps, id: string, input: { note?: string | undefined }, actor: Actor): Promise<ManualPaymentResult & { request: PaymentRequest }> {
  const request = await paymentRequest(deps.pool, id);
  if (!request) throw notFound(`payment request ${id} not found`);
  refuse(selfApprovalRefusal(request, actor.userId));
  if (request.status === 'rejected') throw conflict(`payment request ${id} was rejected by ${request.decidedByName}`, { status: request.status });
  // An approval retried by its approver (the answer was lost) sends the payment again.
  if (request.status === 'approved' && request.decidedBy !== actor.userId) throw conflict(`payment request ${id} was already approved by ${request.decidedByName}`, { status: request.status });
  const handle = handleFor(deps, await requireCase(deps.pool, request.caseId));
  if (request.status === 'pending') {
    await inTransaction(deps.pool, async (c) => {
      if (!(await decidePaymentRequest(c, id, { status: 'approved', by: actor.userId, note: input.note }))) throw conflict(`payment request ${id} was decided by someone else just now`);
      await insertManualPayment(c, request.caseId, { ...request, registeredBy: request.requestedBy, approvedBy: actor.userId });
      await audit(c, {
        actor: actor.userId,
        action: 'payment.approve',
        caseId: request.caseId,
        entity: 'payment',
        entityId: request.reference,
        after: { amountCents: request.amountCents, requestedBy: request.requestedBy, ...(input.note ? { note: input.note } : {}) },
      });
    });
  }
  const { reference, amountCents, receivedAt } = request;
  const applied = await runUpdate(handle, registerPaymentUpdate, [{ reference, amountCents, receivedAt }], 'register payment');
  return { status: 'registered', ...applied, request: (await paymentRequest(deps.pool, id))! };
}

export async function rejectPaymentRequest(deps: CaseDeps, id: string, input: { note: string }, actor: Actor): Promise<{ request: PaymentRequest }> {
  const request = await paymentRequest(deps.pool, id);
  if (!request) throw notFound(`payment request ${id} not found`);
  if (request.status !== 'pending') throw conflict(`payment request ${id} was already ${request.status} by ${request.decidedByName}`, { status: request.status });
  await inTransaction(deps.pool, async (c) => {
    if (!(await decidePaymentRequest(c, id, { status: 'rejected', by: actor.userId, note: input.note }))) throw conflict(`payment request ${id} was decided by someone else just now`);
    await audit(c, { actor: actor.userId, action: 'payment.reject', caseId: request.caseId, entity: 'payment', entityId: request.reference, after: { amountCents: request.amountCents, note: input.note } });
  });
  return { request: (await paymentRequest(deps.pool, id))! };
}
