// The case API's input, parsed at the boundary.
import { ContactPreferenceSchema } from '../../definition/contact-preference.ts';
import { z } from 'zod';
import { DefinitionIdSchema, SegmentSchema, versionNumber } from '../../definition/schema.ts';
import { caseOutcomes, riskSignals } from '../../definition/catalog.ts';
import { caseStatuses } from '../../definition/case-status.ts';
import { CancelSchema, CaseEventSchema, ExtendPauseSchema, HandoverResponseSchema, PauseSchema, ProposeForgivenessSchema, ResumeSchema } from '../../workflows/messages.ts';

const cents = (name: string) => z.number({ error: `${name} must be a number of cents` }).int(`${name} must be whole cents`);

/** A tenant's contact data, as a case is opened with it and as a caseworker changes it (contact.ts). */
export const ContactFieldsSchema = z.object({
  name: z.string({ error: 'tenant.name is required' }).trim().min(2, 'the name is required').max(200),
  email: z.email('not a valid e-mail address').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{7,19}$/, 'a phone number has 8 to 20 digits')
    .optional(),
  preferredChannel: ContactPreferenceSchema.optional(),
});

export const OpenCaseSchema = z.object({
  tenancy: z.object({
    reference: z
      .string({ error: 'tenancy.reference is required' })
      .trim()
      .min(2, 'the reference has at least 2 characters')
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'the reference uses letters, digits, dots, dashes and slashes'),
    street: z.string({ error: 'tenancy.street is required' }).trim().min(2, 'the street is required').max(200),
    postalCode: z
      .string({ error: 'tenancy.postalCode is required' })
      .trim()
      .regex(/^[1-9][0-9]{3}\s?[A-Za-z]{2}$/, 'a Dutch postal code looks like 1234 AB')
      .transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`),
    city: z.string({ error: 'tenancy.city is required' }).trim().min(2, 'the city is required').max(100),
    monthlyRentCents: cents('monthlyRentCents').positive().optional(),
    /** Left out when nobody knows; the engine then treats the household as one that may have minors (rule 8). */
    minorsInHousehold: z.boolean({ error: 'tenancy.minorsInHousehold must be true or false' }).optional(),
  }),
  tenant: ContactFieldsSchema,
  /** More than zero for an arrears case; a prevention process (with its riskSignal) may start at zero. */
  arrearsCents: cents('arrearsCents').min(0, 'arrearsCents must be more than zero (zero only for a prevention process)').max(100_000_000, 'arrearsCents is implausibly large'),
  /** For a prevention process: the risk signal it starts on (definition/prevention.ts). */
  riskSignal: z.enum(riskSignals.ids, { error: `riskSignal is one of ${riskSignals.ids.join(', ')}` }).optional(),
  dueDate: z.iso.date({ error: 'dueDate must be a date written YYYY-MM-DD' }),
  segmentSuggestion: SegmentSchema.optional(),
  definitionId: DefinitionIdSchema.default('standard-ladder'),
  /** Only outside production: run this case faster than real time (demos, tests). */
  timeScale: z.number().min(1).max(1e9).optional(),
  /** Only outside production: start this case's business clock at this moment (demos, tests of the calendar). */
  businessStart: z.iso.datetime({ offset: true, error: 'businessStart must be a date and time with its offset, e.g. 2027-04-26T12:00:00+02:00' }).optional(),
}).refine((b) => b.arrearsCents > 0 || b.riskSignal !== undefined, {
  message: 'arrearsCents must be more than zero (zero only for a prevention process, with its riskSignal)',
  path: ['arrearsCents'],
  // Said beside the other fields' problems, unless the amount itself was already refused.
  when: (payload) => {
    const v = (payload.value as { arrearsCents?: unknown } | undefined)?.arrearsCents;
    return v === 0;
  },
});
export type OpenCase = z.output<typeof OpenCaseSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
// PostgreSQL's integer: a filter beyond it is refused as input, never sent to the database.
const intParam = z.coerce.number().int('must be a whole number').min(-2_147_483_648, 'is too small').max(2_147_483_647, 'is too large');

export const ListCasesSchema = z.object({
  /** A status, or `open` for every status but closed. */
  status: z.enum([...caseStatuses, 'open']).optional(),
  step: z.string().max(64).optional(),
  definitionId: DefinitionIdSchema.optional(),
  version: intParam.positive().optional(),
  segment: SegmentSchema.optional(),
  outcome: z.enum(caseOutcomes.ids).optional(),
  paused: boolParam.optional(),
  waitingOn: z.string().max(64).optional(),
  minBalanceCents: intParam.optional(),
  maxBalanceCents: intParam.optional(),
  minDaysOverdue: intParam.min(0).optional(),
  maxDaysOverdue: intParam.min(0).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['opened', 'balance', 'overdue', 'updated']).default('opened'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: intParam.min(1).max(1000).default(50),
  offset: intParam.min(0).default(0),
});
export type ListCases = z.output<typeof ListCasesSchema>;

export const CaseIdSchema = z.uuid('the case id is not a valid id');

/** POST /cases/:id/segment: confirm a segment, or clear it with null. */
export const SegmentBodySchema = z.object({ segment: SegmentSchema.nullable() });

/** POST /cases/:id/migrate: the later version, and where each wait of the old one goes. */
export const MigrateCaseSchema = z.object({
  toVersion: versionNumber('toVersion', false),
  stepMapping: z.record(z.string(), z.string()).default({}),
});

// The bodies of the steering endpoints: the workflow's update arguments without the actor (the
// server adds who is signed in) and, for a handover, without its id (it is in the path).
export const PauseBodySchema = PauseSchema.omit({ actor: true });
export const ExtendPauseBodySchema = ExtendPauseSchema.omit({ actor: true });
export type PauseBody = z.input<typeof PauseBodySchema>;
export const ResumeBodySchema = ResumeSchema.omit({ actor: true });
export const ProposeForgivenessBodySchema = ProposeForgivenessSchema.omit({ actor: true });
export type ProposeForgivenessBody = z.input<typeof ProposeForgivenessBodySchema>;
export type ResumeBody = z.input<typeof ResumeBodySchema>;
export const CancelBodySchema = CancelSchema.omit({ actor: true, outcome: true });
export type CancelBody = z.input<typeof CancelBodySchema>;
export const CaseEventBodySchema = CaseEventSchema.omit({ actor: true });
export type CaseEventBody = z.input<typeof CaseEventBodySchema>;
export const HandoverResponseBodySchema = HandoverResponseSchema.omit({ actor: true, handoverId: true });
