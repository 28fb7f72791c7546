// The process-definition language: the one zod schema that the workflow, the server and the
// designer all import. A definition is a named graph of steps; each step's outcomes lead to
// next steps through `next`. The shape is checked here; the meaning (every outcome wired,
// every step reachable, the legal rules) is checked by validate.ts.
import { z } from 'zod';
import {
  bailiffPurposes,
  caseEventTypes,
  caseOutcomes,
  channels,
  messagePurposes,
  outcomeMeanings,
  partners,
  roles,
  segments,
  taskKinds,
} from './catalog.ts';
import { isIsoDuration, minimumDays } from './duration.ts';

const slug = /^[a-z0-9][a-z0-9-]*$/;

export const StepIdSchema = z
  .string()
  .min(1, 'a step id is required')
  .max(64, 'a step id is at most 64 characters')
  .regex(slug, 'a step id uses lowercase letters, digits and dashes');
export const OutcomeIdSchema = z
  .string()
  .min(1, 'an outcome id is required')
  .max(64, 'an outcome id is at most 64 characters')
  .regex(slug, 'an outcome id uses lowercase letters, digits and dashes');

export const DurationSchema = z
  .string()
  // abort: a string that is no duration at all gets that one message, not a second about its length.
  .refine(isIsoDuration, { error: (i) => `"${String(i.input)}" is not an ISO-8601 duration such as P14D`, abort: true })
  .refine((d) => minimumDays(d) > 0, { error: 'a duration must be longer than zero' });

export const RoleSchema = z.enum(roles.ids);
export const ChannelSchema = z.enum(channels.ids);
export const SegmentSchema = z.enum(segments.ids);
export const CaseOutcomeSchema = z.enum(caseOutcomes.ids);
export const TemplateIdSchema = z.string().min(1, 'a template is required').max(80).regex(slug, 'a template id uses lowercase letters, digits and dashes');

/** Money in euro cents: whole numbers keep sums exact. */
export const CentsSchema = z.number().int('an amount in cents is a whole number');

const base = {
  id: StepIdSchema,
  name: z.string().trim().min(1, 'every step needs a name').max(120),
  /** Which step each outcome leads to. */
  next: z.record(OutcomeIdSchema, StepIdSchema).default({}),
  /** Where the designer drew it; meaningless to the engine. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  note: z.string().max(2000).optional(),
};

export const StartStepSchema = z.object({
  ...base,
  kind: z.literal('start'),
  /** `case-opened` is where every case begins; `balance-cleared` is the aftercare path taken once the balance reaches zero. */
  trigger: z.enum(['case-opened', 'balance-cleared']).default('case-opened'),
});

export const CommunicateStepSchema = z.object({
  ...base,
  kind: z.literal('communicate'),
  channel: ChannelSchema,
  template: TemplateIdSchema,
  purpose: z.enum(messagePurposes.ids).default('information'),
  /** The reminder offers to pass the tenant's details to the municipality (Bgs art. 2 sub d). */
  offersMunicipalitySignal: z.boolean().default(false),
});

export const WaitStepSchema = z.object({
  ...base,
  kind: z.literal('wait'),
  duration: DurationSchema,
  workingDays: z.boolean().default(false),
  /**
   * Events that end the wait early, each becoming an outcome of its own: a (part) payment,
   * a contact with the tenant, or an event name the organisation registers through the API.
   * A payment that clears the whole balance always ends the ladder, whatever is listed here.
   */
  endsOn: z.array(OutcomeIdSchema).default([]),
});

export const FieldSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a field id is a word of letters and digits'),
  label: z.string().min(1, 'every field needs a label'),
  type: z.enum(['text', 'longtext', 'number', 'money', 'date', 'yes-no', 'choice']),
  required: z.boolean().default(false),
  options: z.array(z.string().min(1)).optional(),
});

export const TaskOutcomeSchema = z.object({
  id: OutcomeIdSchema,
  label: z.string().min(1, 'every outcome needs a label'),
  meaning: z.enum(outcomeMeanings.ids).optional(),
  /** The worker records an instalment plan with this outcome; it must lead to a payment-arrangement step. */
  arrangement: z.boolean().default(false),
  fields: z.array(FieldSchema).default([]),
});

export const EscalationSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remind') }),
  z.object({ action: z.literal('escalate'), role: RoleSchema }),
  z.object({ action: z.literal('outcome'), outcome: OutcomeIdSchema }),
]);

/** A task deadline: after `within`, the first action; after each further `within`, the next. */
export const DeadlineSchema = z.object({
  within: DurationSchema,
  onExpiry: z.array(EscalationSchema).min(1, 'say what happens when the deadline passes'),
});

export const TaskStepSchema = z.object({
  ...base,
  kind: z.literal('task'),
  task: z.enum(taskKinds.ids),
  role: RoleSchema,
  instructions: z.string().max(4000).optional(),
  deadline: DeadlineSchema.optional(),
  outcomes: z.array(TaskOutcomeSchema).min(1, 'a task needs at least one outcome'),
});

export const ApprovalLevelSchema = z.object({
  id: OutcomeIdSchema,
  label: z.string().min(1),
  role: RoleSchema,
  /** The first level may be the proposal itself (amount and reasoning). */
  proposes: z.boolean().default(false),
  mayAdjust: z.boolean().default(false),
  deadline: DeadlineSchema.optional(),
});

export const ApprovalStepSchema = z.object({
  ...base,
  kind: z.literal('approval'),
  /** `forgiveness` lowers the balance by the approved amount; `proceed` is a go/no-go. */
  subject: z.enum(['forgiveness', 'proceed']),
  levels: z.array(ApprovalLevelSchema).min(1, 'an approval needs at least one level'),
});

export const MessageRefSchema = z.object({ channel: ChannelSchema, template: TemplateIdSchema });

export const ArrangementStepSchema = z.object({
  ...base,
  kind: z.literal('arrangement'),
  maxInstalments: z.number().int().min(1, 'at least one instalment').max(60, 'at most 60 instalments'),
  minInstalmentCents: CentsSchema.min(1, 'the minimum instalment must be positive'),
  /** Used when no plan was agreed in an earlier task. */
  defaultInterval: z.enum(['P1W', 'P2W', 'P1M']).default('P1M'),
  reminder: MessageRefSchema.extend({ before: DurationSchema }),
  missed: MessageRefSchema,
  gracePeriod: DurationSchema,
  /** Missed instalments tolerated (each one gets the "missed" message) before the arrangement breaks. */
  allowedMisses: z.number().int().min(0).max(12).default(0),
});

export const HandoverStepSchema = z.object({
  ...base,
  kind: z.literal('handover'),
  partner: z.enum(partners.ids),
  /** For the bailiff: what is handed over. */
  purpose: z.enum(bailiffPurposes.ids).optional(),
  /** Wait for the partner to accept or refuse; without it the handover counts as accepted once recorded. */
  response: z.object({ within: DurationSchema, otherwise: z.enum(['accepted', 'refused']) }).optional(),
});

const compare = z.enum(['lt', 'lte', 'gt', 'gte']);
export const ConditionSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('segment'), in: z.array(SegmentSchema).min(1, 'pick at least one segment') }),
  z.object({ on: z.literal('balance'), op: compare, cents: CentsSchema.min(0) }),
  z.object({ on: z.literal('days-overdue'), op: compare, days: z.number().int().min(0) }),
  z.object({ on: z.literal('outcome'), step: StepIdSchema, is: OutcomeIdSchema }),
]);

export const DecisionStepSchema = z.object({
  ...base,
  kind: z.literal('decision'),
  /** Tried in order; the first that holds is taken, else `otherwise`. */
  branches: z.array(z.object({ id: OutcomeIdSchema, label: z.string().min(1), when: ConditionSchema })).min(1, 'a decision needs at least one branch'),
});

export const CostsStepSchema = z.object({
  ...base,
  kind: z.literal('collection-costs'),
});

export const EndStepSchema = z.object({
  ...base,
  kind: z.literal('end'),
  outcome: CaseOutcomeSchema,
});

export const StepSchema = z.discriminatedUnion('kind', [
  StartStepSchema,
  CommunicateStepSchema,
  WaitStepSchema,
  TaskStepSchema,
  ApprovalStepSchema,
  ArrangementStepSchema,
  HandoverStepSchema,
  DecisionStepSchema,
  CostsStepSchema,
  EndStepSchema,
]);

export const DefinitionIdSchema = z.string().min(1).max(64).regex(slug, 'a definition id uses lowercase letters, digits and dashes');

export const DefinitionSchema = z.object({
  id: DefinitionIdSchema,
  name: z.string().trim().min(1, 'a definition needs a name').max(120),
  description: z.string().max(4000).optional(),
  steps: z.array(StepSchema).min(1, 'a definition needs steps'),
});

export type Definition = z.infer<typeof DefinitionSchema>;
export type DefinitionInput = z.input<typeof DefinitionSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type TaskOutcome = z.infer<typeof TaskOutcomeSchema>;
export type Escalation = z.infer<typeof EscalationSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;

export const stepKinds = StepSchema.options.map((o) => o.shape.kind.value) as StepKind[];

export const waitEventTypes = caseEventTypes.ids;
