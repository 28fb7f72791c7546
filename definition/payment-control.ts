// Money a person types in is controlled money. A manual payment clears debt as surely as a bank
// transfer does, so it carries a reason, and above a threshold it reaches the case only once a
// second person has approved it (the same four-eyes principle as a remission). Payments from a
// bank statement need no approval: the statement line is their proof. Written once here for
// the server's checks, the API document and the web app's form.
import type { Refusal } from './access.ts';

/** Manual payments above this many cents wait for approval (PAYMENT_APPROVAL_THRESHOLD_CENTS). */
export const DEFAULT_PAYMENT_APPROVAL_CENTS = 25_000;

export const needsApproval = (amountCents: number, thresholdCents: number): boolean => amountCents > thresholdCents;

export const paymentRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type PaymentRequestStatus = (typeof paymentRequestStatuses)[number];

/** The person who registered a payment does not approve it. */
export function selfApprovalRefusal(request: { requestedBy: string; reference: string }, actorId: string): Refusal | null {
  if (request.requestedBy !== actorId) return null;
  return {
    code: 'forbidden',
    rule: 'four-eyes',
    message: `four-eyes rule: you registered payment "${request.reference}"; a different person must approve or reject it`,
    details: { reference: request.reference },
  };
}
