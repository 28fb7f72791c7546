// What a case workflow starts with. The definition travels in the input, pinned to the
// version the case started on, so a new definition version never changes a running case.
import { ContactPreferenceSchema } from '../definition/contact-preference.ts';
import { z } from 'zod';
import { DEFAULT_MESSAGE_HOURS, MessageHoursSchema } from '../definition/message-hours.ts';
import { DefinitionIdSchema, DefinitionSchema, SegmentSchema } from '../definition/schema.ts';
import type { CaseData } from './case-data.ts';
import { purposeOf } from '../definition/prevention.ts';

export const CaseInputSchema = z.object({
  caseId: z.string().min(1),
  tenancyId: z.string().min(1),
  definition: z.object({ id: DefinitionIdSchema, version: z.number().int().positive(), body: DefinitionSchema }),
  /** Business seconds per real second: 86400 makes a day pass in a second. */
  timeScale: z.number().min(1).max(1e9).default(1),
  /** Where business time starts (demos and tests of the calendar, never in production); absent: now. */
  businessStart: z.iso.datetime({ offset: true }).optional(),
  /** Zero allowed for a prevention process, which may start before there are any arrears. */
  arrearsCents: z.number().int().nonnegative(),
  dueDate: z.iso.date(),
  segmentSuggestion: SegmentSchema.optional(),
  /** Minors live in the household (rule 8); left out when nobody knows, which counts as "maybe". */
  minors: z.boolean().optional(),
  /** How the tenant prefers to be reached, as known at opening (definition/contact-preference.ts). */
  preferredChannel: ContactPreferenceSchema.optional(),
  /** When messages may reach the tenant (definition/message-hours.ts); the server passes MESSAGE_HOURS. */
  messageHours: MessageHoursSchema.default(DEFAULT_MESSAGE_HOURS),
  /** Continue as new once the history has this many events (well below Temporal's 10,240 warning). */
  historyLimit: z.number().int().min(100).max(10_000).default(2_000),
  /** Set by continue-as-new: the state the previous run left. */
  carried: z.custom<CaseData>((v) => typeof v === 'object' && v !== null && 'caseId' in v).optional(),
}).refine((i) => i.arrearsCents > 0 || purposeOf(i.definition.body) === 'prevention', { message: 'an arrears case needs arrears above zero', path: ['arrearsCents'] });
export type CaseInput = z.input<typeof CaseInputSchema>;
export type ParsedCaseInput = z.output<typeof CaseInputSchema>;

export function initialData(input: ParsedCaseInput, nowMs: number): CaseData {
  const business = input.businessStart === undefined ? nowMs : Date.parse(input.businessStart);
  return {
    caseId: input.caseId,
    tenancyId: input.tenancyId,
    definition: { id: input.definition.id, version: input.definition.version },
    timeScale: input.timeScale,
    anchor: { business, real: nowMs },
    clock: { activeMs: 0, activeSince: nowMs },
    dueDate: input.dueDate,
    arrearsCents: input.arrearsCents,
    balanceCents: input.arrearsCents,
    totalPaidCents: 0,
    forgivenCents: 0,
    creditCents: 0,
    costsChargedCents: null,
    paidOff: false,
    payments: [],
    paymentSeq: 0,
    events: [],
    eventSeq: 0,
    visits: 0,
    phase: 'ladder',
    current: null,
    legalBlocks: 0,
    history: [],
    historyDropped: 0,
    lastOutcome: {},
    // Known to have no minors: there is nothing for rule 8's household assessment to weigh.
    facts: input.minors === false ? { 'household-assessed': business } : {},
    dataSharingRefused: false,
    household: { minors: input.minors ?? null },
    segment: { suggested: input.segmentSuggestion ?? null, confirmed: null },
    openTasks: [],
    approvals: [],
    agreedPlan: null,
    ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}),
    awaitingHandover: null,
    paused: null,
    cancelled: null,
    blocked: null,
    outcome: null,
    runs: 0,
    modelSeq: 0,
    unrecorded: [],
  };
}
