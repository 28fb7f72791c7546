// The payment API's input, parsed at the boundary.
import { z } from 'zod';
import { paymentRequestStatuses } from '../../definition/payment-control.ts';
import { PaymentSchema, required } from '../../workflows/messages.ts';

/** A payment registered by hand: what the workflow gets, and why a person typed it in. */
export const ManualPaymentSchema = PaymentSchema.extend({
  reason: z
    .string({ error: required('reason', 'text') })
    .trim()
    .min(3, 'reason needs at least 3 characters (where the money came from: a transfer seen in the bank, cash at the desk, ...)')
    .max(1000, 'reason is at most 1000 characters'),
});
export type ManualPayment = z.infer<typeof ManualPaymentSchema>;

export const PaymentRequestIdSchema = z.uuid('the payment request id is not a valid id');

export const ApproveBodySchema = z.object({ note: z.string().trim().max(1000, 'note is at most 1000 characters').optional() });
export const RejectBodySchema = z.object({
  note: z.string({ error: required('note', 'text') }).trim().min(3, 'note needs at least 3 characters: say why the payment is rejected').max(1000, 'note is at most 1000 characters'),
});

export const ListPaymentRequestsSchema = z.object({
  status: z.enum(paymentRequestStatuses, { error: `status is one of ${paymentRequestStatuses.join(', ')}` }).default('pending'),
  caseId: z.uuid('caseId is not a valid case id').optional(),
});
