// What every step has, and the small schemas several step kinds share. Each kind's own
// schema lives in its module beside this one.
import { z } from 'zod';
import { channels, roles, segments, caseOutcomes } from '../catalog.ts';
import { isIsoDuration, minimumDays } from '../duration.ts';
import { slugSchema } from '../ids.ts';

export const StepIdSchema = slugSchema('a step id');
export const OutcomeIdSchema = slugSchema('an outcome id');
export const TemplateIdSchema = slugSchema('a template id', 80, 'a template is required');

export const DurationSchema = z
  .string()
  // abort: a string that is no duration at all gets that one message, not a second about its length.
  .refine(isIsoDuration, { error: (i) => `"${String(i.input)}" is not an ISO-8601 duration such as P14D`, abort: true })
  .refine((d) => minimumDays(d) > 0, { error: 'a duration must be longer than zero' });

export const RoleSchema = z.enum(roles.ids);
export const ChannelSchema = z.enum(channels.ids);
export const SegmentSchema = z.enum(segments.ids);
export const CaseOutcomeSchema = z.enum(caseOutcomes.ids);

/** Money in euro cents: whole numbers keep sums exact. */
export const CentsSchema = z.number().int('an amount in cents is a whole number');

export const baseStepFields = {
  id: StepIdSchema,
  name: z.string().trim().min(1, 'every step needs a name').max(120),
  /** Which step each outcome leads to. */
  next: z.record(OutcomeIdSchema, StepIdSchema).default({}),
  /** Where the designer drew it; meaningless to the engine. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  note: z.string().max(2000).optional(),
};

export const FieldSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a field id is a word of letters and digits'),
  label: z.string().min(1, 'every field needs a label'),
  type: z.enum(['text', 'longtext', 'number', 'money', 'date', 'yes-no', 'choice']),
  required: z.boolean().default(false),
  options: z.array(z.string().min(1)).optional(),
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

export const MessageRefSchema = z.object({ channel: ChannelSchema, template: TemplateIdSchema });

export type Field = z.infer<typeof FieldSchema>;
export type Escalation = z.infer<typeof EscalationSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
