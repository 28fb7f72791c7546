// What each partner receives when a case is handed over, and nothing more (GDPR art. 5: data
// minimisation). The schemas are strict: a builder that adds a field is refused before
// anything leaves the building. Rule 3 (Bgs art. 2): the municipality's early signal carries
// the tenant's contact details and the arrears amount only.
import { z } from 'zod';
import type { Partner } from './catalog.ts';

export const ContactDetailsSchema = z.strictObject({
  name: z.string().min(1),
  address: z.strictObject({ street: z.string(), postalCode: z.string(), city: z.string() }),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

const arrears = { arrearsCents: z.number().int().min(0) };

/** Rule 3: contact details and the arrears amount. */
export const MunicipalitySignalSchema = ContactDetailsSchema.extend(arrears).strict();

/** Debt help, the neighbourhood team, a budget coach: whom to contact and how much is owed. */
export const ReferralSchema = ContactDetailsSchema.extend(arrears).strict();

/** The bailiff also needs the tenancy it is about and what is asked of it. */
export const BailiffHandoverSchema = ContactDetailsSchema.extend({
  ...arrears,
  tenancyReference: z.string().min(1),
  purpose: z.enum(['court-claim', 'eviction-notice']),
}).strict();

export const handoverPayloadSchemas = {
  'municipality-signal': MunicipalitySignalSchema,
  'debt-help': ReferralSchema,
  'neighbourhood-team': ReferralSchema,
  'budget-coach': ReferralSchema,
  bailiff: BailiffHandoverSchema,
} as const satisfies Record<Partner, z.ZodType>;

export type HandoverPayload = z.infer<(typeof handoverPayloadSchemas)[Partner]>;
