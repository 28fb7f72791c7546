// The rent ledger's arrears list as the intake takes it: one line per tenancy, pushed as JSON or
// uploaded as CSV (csv.ts maps its documented header onto these names). A line is checked whole
// here, so a line the intake acts on can open a case without a second check failing halfway.
import { z } from 'zod';
import { DefinitionIdSchema, SegmentSchema } from '../../definition/schema.ts';
import { ContactFieldsSchema, OpenCaseSchema } from '../cases/schemas.ts';
import { intakeOutcomes } from '../../definition/intake.ts';
import { riskSignals } from '../../definition/catalog.ts';

export type { IntakeOutcome } from '../../definition/intake.ts';

const tenancy = OpenCaseSchema.shape.tenancy.shape;
const cents = (name: string) => z.number({ error: `${name} must be a number of cents` }).int(`${name} must be whole cents`);

export const IntakeLineSchema = z.object({
  tenancyReference: tenancy.reference,
  name: ContactFieldsSchema.shape.name,
  email: ContactFieldsSchema.shape.email,
  phone: ContactFieldsSchema.shape.phone,
  street: tenancy.street,
  postalCode: tenancy.postalCode,
  city: tenancy.city,
  /** What the ledger shows unpaid; zero for a tenancy whose arrears are cleared. */
  arrearsCents: cents('arrearsCents').min(0, 'arrearsCents cannot be negative (a credit is no arrears)').max(100_000_000, 'arrearsCents is implausibly large'),
  /** The oldest unpaid due date; required when there are arrears. */
  oldestDueDate: z.iso.date({ error: 'oldestDueDate must be a date written YYYY-MM-DD' }).optional(),
  monthlyRentCents: cents('monthlyRentCents').positive('monthlyRentCents must be more than zero').optional(),
  /** Left out when nobody knows (the engine then assumes there may be minors, rule 8). */
  minorsInHousehold: z.boolean({ error: 'minorsInHousehold must be true or false' }).optional(),
  segmentSuggestion: SegmentSchema.optional(),
  /** What the ledger tells before there are arrears (a reversed debit, late twice, benefit stopped, an opt-in): a prevention process, not an arrears case. */
  riskSignals: z.array(z.enum(riskSignals.ids, { error: `a risk signal is one of ${riskSignals.ids.join(', ')}` })).max(5).optional(),
}).refine((l) => !(l.arrearsCents > 0) || l.oldestDueDate !== undefined, { message: 'oldestDueDate is required when there are arrears', path: ['oldestDueDate'] });
export type IntakeLine = z.output<typeof IntakeLineSchema>;

/** A push from an ERP: the list, the ledger's date (default today) and the process to open cases in. */
export const IntakePushSchema = z.object({
  asOf: z.iso.date({ error: 'asOf must be a date written YYYY-MM-DD' }).optional(),
  definitionId: DefinitionIdSchema.optional(),
  lines: z.array(z.unknown(), { error: 'lines must be a list of arrears lines' }).min(1, 'lines is empty').max(200_000, 'at most 200000 lines in one push'),
});

/** The same for an uploaded CSV, as query parameters. */
export const IntakeUploadQuerySchema = z.object({
  asOf: z.iso.date({ error: 'asOf must be a date written YYYY-MM-DD' }).optional(),
  definitionId: DefinitionIdSchema.optional(),
  filename: z.string().max(200).optional(),
});


export const IntakeRunIdSchema = z.uuid('the intake run id is not a valid id');
export const IntakeLinesQuerySchema = z.object({
  outcome: z.enum(intakeOutcomes, { error: `outcome is one of ${intakeOutcomes.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
