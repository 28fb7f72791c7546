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

/** A queued statement line matched by hand: to a case by its id or its tenancy reference. */
export const MatchLineSchema = z
  .object({
    caseId: z.uuid('caseId is not a valid case id').optional(),
    reference: z.string().trim().min(1, 'reference is the tenancy reference (contract number) of the case').max(100, 'reference is at most 100 characters').optional(),
    // Remember the payer's account for the tenancy, so its next transfer matches by itself.
    rememberAccount: z.boolean({ error: 'rememberAccount is true or false' }).default(true),
    note: z.string().trim().max(1000, 'note is at most 1000 characters').optional(),
  })
  .refine((m) => (m.caseId === undefined) !== (m.reference === undefined), { message: 'name the case: either caseId or reference (the tenancy reference), not both', path: ['caseId'] });
export type MatchLine = z.infer<typeof MatchLineSchema>;

export const SetAsideLineSchema = z.object({
  note: z.string({ error: required('note', 'text') }).trim().min(3, 'note needs at least 3 characters: say why the money is not booked on a case (to refund, not rent, ...)').max(1000, 'note is at most 1000 characters'),
});
export type SetAsideLine = z.infer<typeof SetAsideLineSchema>;

export const statementLineStatuses = ['open', 'matched', 'set-aside'] as const;
export const ListStatementLinesSchema = z.object({
  status: z.enum(statementLineStatuses, { error: `status is one of ${statementLineStatuses.join(', ')}` }).default('open'),
  limit: z.coerce.number({ error: 'limit is a number' }).int('limit is a whole number').min(1, 'limit is at least 1').max(500, 'limit is at most 500').default(200),
});
export const StatementLineIdSchema = z.uuid('the statement line id is not a valid id');
