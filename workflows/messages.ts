// Every message a case workflow accepts, defined once: the workflow sets the handlers, the
// server imports the same definitions and payload schemas to call them.
//
// Task completion, pause, resume, cancel and events are Updates: the caller needs the
// workflow's own verdict (wrong role, same person twice, not paused) synchronously, and a
// validator rejects without touching state or history. A payment exists both as an Update
// (the API wants the new balance) and as a Signal (a bank import must not wait on a worker).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { slugSchema } from '../definition/ids.ts';
import { TENANT_ACTOR } from '../definition/access.ts';
import { ContactPreferenceSchema } from '../definition/contact-preference.ts';
import { DefinitionIdSchema, DefinitionSchema, RoleSchema, SegmentSchema, StepIdSchema } from '../definition/schema.ts';
import type { FieldProblem } from '../definition/error-codes.ts';
import type { CasePurpose } from '../definition/prevention.ts';
import type { CaseView } from './case-view.ts';
import type { Migrated } from './migration.ts';

export type { Migrated };

export const TASK_QUEUE = 'arrears-cases';
export const WORKFLOW_TYPE = 'arrearsCase';

/** Workflow ids carry no personal data: only the tenancy's internal id (and the purpose: a tenancy may have both at once). */
export function caseWorkflowId(tenancyId: string, purpose: CasePurpose = 'arrears'): string {
  return `${purpose}-tenancy-${tenancyId}`;
}

/** Staff act with their roles; the tenant, on their own page, as TENANT_ACTOR without any (so no staff check ever passes for them). */
export const ActorSchema = z
  .object({
    userId: z.string().trim().min(1, 'actor.userId is required').max(120),
    roles: z.array(RoleSchema),
  })
  .refine((a) => a.userId === TENANT_ACTOR || a.roles.length > 0, { path: ['roles'], message: 'actor.roles needs at least one role' });
export type Actor = z.infer<typeof ActorSchema>;

/** A required field's message when it is missing, and when it is there but of the wrong type. */
export const required = (name: string, shouldBe: string) => (issue: { input: unknown }) => (issue.input === undefined ? `${name} is required` : `${name} must be ${shouldBe}`);

export const PaymentSchema = z.object({
  reference: z.string({ error: required('reference', 'text') }).trim().min(1, 'reference is required').max(140, 'reference is at most 140 characters'),
  amountCents: z.number({ error: required('amountCents', 'a number') }).int('amountCents must be whole cents').positive('amountCents must be positive'),
  receivedAt: z.iso.datetime({ error: 'receivedAt must be an ISO date-time' }).optional(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const CompleteTaskSchema = z.object({
  taskId: z.string({ error: required('taskId', 'text') }).min(1, 'taskId is required'),
  outcome: z.string({ error: required('outcome', 'text') }).min(1, 'outcome is required'),
  fields: z.record(z.string(), z.unknown()).default({}),
  actor: ActorSchema,
});
export type CompleteTask = z.input<typeof CompleteTaskSchema>;

export const PauseSchema = z.object({
  reason: z.string({ error: required('reason', 'text') }).trim().min(3, 'reason needs at least 3 characters').max(1000),
  reviewDate: z.iso.date({ error: 'reviewDate must be a date written YYYY-MM-DD' }),
  actor: ActorSchema,
});
export const ResumeSchema = z.object({ actor: ActorSchema, note: z.string().max(1000).optional() });
/** A later review date for a pause (debt help that needs longer; a national pause notice after admission: 4 to 8 months). */
export const ExtendPauseSchema = z.object({
  reviewDate: z.iso.date({ error: 'reviewDate must be a date written YYYY-MM-DD' }),
  note: z.string().max(1000).optional(),
  actor: ActorSchema,
});
export const CancelSchema = z.object({
  reason: z.string({ error: required('reason', 'text') }).trim().min(3, 'reason needs at least 3 characters').max(1000),
  actor: ActorSchema,
  /** `superseded`: the engine ends a prevention process because the tenancy got an arrears case. */
  outcome: z.enum(['cancelled', 'superseded']).optional(),
});

export const CaseEventSchema = z.object({
  /** `contact`: the tenant got in touch; `data-sharing-refused`: the tenant refuses the municipality report; others: named events a wait can end on. */
  type: slugSchema('type'),
  note: z.string().max(2000).optional(),
  actor: ActorSchema,
});
export const HandoverResponseSchema = z.object({
  handoverId: z.string({ error: required('handoverId', 'text') }).min(1, 'handoverId is required'),
  response: z.enum(['accepted', 'refused'], { error: required('response', 'accepted or refused') }),
  note: z.string().max(2000).optional(),
  actor: ActorSchema,
});
export const ConfirmSegmentSchema = z.object({ segment: SegmentSchema.nullable(), actor: ActorSchema });

export const MigrateSchema = z.object({
  definition: z.object({ id: DefinitionIdSchema, version: z.number().int().positive(), body: DefinitionSchema }),
  /** Old step id → new step id; a step not listed keeps its id. */
  stepMapping: z.record(StepIdSchema, StepIdSchema).default({}),
  actor: ActorSchema,
});

export type TaskCompleted = { taskId: string; outcome: string; balanceCents: number };
/** `creditCents`: paid beyond the balance so far, owed to the tenant (the balance stops at zero). */
export type PaymentApplied = { reference: string; duplicate: boolean; balanceCents: number; creditCents: number };
/** What a recorded contact did where the case was: ended a wait that listens, reached the person on an open task, or opened a follow-up task. */
export type ContactEffect =
  | { effect: 'ended-wait'; stepId: string }
  | { effect: 'noted-on-task'; taskId: string }
  | { effect: 'task-opened'; taskId: string }
  | { effect: 'recorded' };

/** A forgiveness proposed on the case page: the amount and the reasoning, written once. */
export const ProposeForgivenessSchema = z.object({
  amountCents: z.number({ error: required('amountCents', 'a number') }).int('amountCents must be whole cents').positive('amountCents must be more than zero'),
  reason: z.string({ error: required('reason', 'text') }).trim().min(10, 'reason needs at least 10 characters: say why forgiveness is right here').max(10_000),
  actor: ActorSchema,
});
/** The tenant's own plan (their page): an amount a month from a date; definition/arrangement.ts makes it a plan. */
export const ProposeArrangementSchema = z.object({
  instalmentCents: z.number({ error: required('instalmentCents', 'a number') }).int('instalmentCents must be whole cents').positive('instalmentCents must be more than zero'),
  firstDueDate: z.iso.date({ error: 'firstDueDate must be a date written YYYY-MM-DD' }),
  actor: ActorSchema,
});
/** `accepted`: the case now follows the plan; `task-opened`: a caseworker discusses it (outside the limits, or not now). */
export type ArrangementProposed = { result: 'accepted'; stepId: string } | { result: 'task-opened'; taskId: string; problems: string[] };

/** New rent fallen due, as the rent ledger shows it (server/intake/): `reference` makes a repeat a no-op. */
export const RentDueSchema = z.object({
  reference: z.string().min(1).max(200),
  amountCents: z.number({ error: required('amountCents', 'a number') }).int('amountCents must be whole cents').positive('amountCents must be more than zero'),
  ledgerArrearsCents: z.number().int().min(0),
  asOf: z.iso.date(),
  actor: ActorSchema,
});
/** The rent ledger shows no arrears while the case does: a person checks (workflows/ledger.ts). */
export const LedgerClearedSchema = z.object({ reference: z.string().min(1).max(200), asOf: z.iso.date(), actor: ActorSchema });

export const ContactPreferenceUpdateSchema = z.object({ preferredChannel: ContactPreferenceSchema.nullable(), actor: ActorSchema });

export type ForgivenessProposed = { stepId: string; amountCents: number; balanceCents: number };

export type Ack = {
  ok: true;
  balanceCents: number;
  paused: boolean;
  /** For a contact: what it did where the case is (ended a wait, reached a person on an open task, opened a follow-up task). */
  contact?: ContactEffect;
};

export const completeTaskUpdate = defineUpdate<TaskCompleted, [CompleteTask]>('completeTask');
export const registerPaymentUpdate = defineUpdate<PaymentApplied, [Payment]>('registerPayment');
export const paymentReceivedSignal = defineSignal<[Payment]>('paymentReceived');
export const pauseUpdate = defineUpdate<Ack, [z.input<typeof PauseSchema>]>('pause');
export const resumeUpdate = defineUpdate<Ack, [z.input<typeof ResumeSchema>]>('resume');
export const extendPauseUpdate = defineUpdate<Ack, [z.input<typeof ExtendPauseSchema>]>('extendPause');
export const cancelUpdate = defineUpdate<Ack, [z.input<typeof CancelSchema>]>('cancel');
export const registerEventUpdate = defineUpdate<Ack, [z.input<typeof CaseEventSchema>]>('registerEvent');
export const handoverResponseUpdate = defineUpdate<Ack, [z.input<typeof HandoverResponseSchema>]>('handoverResponse');
export const confirmSegmentUpdate = defineUpdate<Ack, [z.input<typeof ConfirmSegmentSchema>]>('confirmSegment');
export const proposeForgivenessUpdate = defineUpdate<ForgivenessProposed, [z.input<typeof ProposeForgivenessSchema>]>('proposeForgiveness');
export const proposeArrangementUpdate = defineUpdate<ArrangementProposed, [z.input<typeof ProposeArrangementSchema>]>('proposeArrangement');
export const contactPreferenceUpdate = defineUpdate<Ack, [z.input<typeof ContactPreferenceUpdateSchema>]>('contactPreference');
export const rentDueUpdate = defineUpdate<Ack, [z.input<typeof RentDueSchema>]>('rentDue');
export const ledgerClearedUpdate = defineUpdate<Ack, [z.input<typeof LedgerClearedSchema>]>('ledgerCleared');
export const migrateUpdate = defineUpdate<Migrated, [z.input<typeof MigrateSchema>]>('migrate');
export const caseStateQuery = defineQuery<CaseView>('caseState');
/** A policy hold the case waits for changed (ended early, a later or earlier end): the case asks again at once (policy-hold.ts). */
export const policyHoldChangedSignal = defineSignal<[{ holdId: string }]>('policyHoldChanged');

/** Parses a payload or throws an error that names every wrong field. */
export function parsePayload<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidPayload(result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

export class InvalidPayload extends Error {
  readonly problems: string[];
  /** Each problem with the path of its field in the payload ('' for the payload as a whole). */
  constructor(readonly fields: FieldProblem[]) {
    const problems = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message));
    super(problems.join('; '));
    this.problems = problems;
    this.name = 'InvalidPayload';
  }
}
