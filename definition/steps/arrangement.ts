// A payment arrangement: instalments followed with a reminder before each and a "missed"
// message after, until paid off (completed) or too many are missed (broken).
import { z } from 'zod';
import { formatEuro } from '../templates.ts';
import { baseStepFields, CentsSchema, DurationSchema, MessageRefSchema } from './base.ts';
import { never, noProblems, none, noRemedy, type StepKindDefinition } from './kind.ts';

export const ArrangementStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('arrangement'),
  maxInstalments: z.number().int().min(1, 'at least one instalment').max(60, 'at most 60 instalments'),
  minInstalmentCents: CentsSchema.min(1, 'the minimum instalment must be positive'),
  /** Used when no plan was agreed in an earlier task. */
  defaultInterval: z.enum(['P1W', 'P2W', 'P1M']).default('P1M'),
  reminder: MessageRefSchema.extend({ before: DurationSchema }),
  missed: MessageRefSchema,
  /** Tells the tenant the arrangement stopped and what happens next (a break should never be silent). */
  broken: MessageRefSchema.optional(),
  gracePeriod: DurationSchema,
  /** Missed instalments tolerated (each one gets the "missed" message) before the arrangement breaks. */
  allowedMisses: z.number().int().min(0).max(12).default(0),
});
export type ArrangementStep = z.infer<typeof ArrangementStepSchema>;

export const arrangementKind: StepKindDefinition<ArrangementStep> = {
  label: { nl: 'Betalingsregeling', en: 'Payment arrangement' },
  hint: { nl: 'Termijnen volgen met herinneringen', en: 'Follow instalments with reminders' },
  outcomes: () => ['completed', 'broken'],
  outcomeLabel: () => undefined,
  summary: (step, lang) =>
    lang === 'nl'
      ? `max. ${step.maxInstalments} termijnen, min. ${formatEuro(step.minInstalmentCents)}`
      : `up to ${step.maxInstalments} instalments, min. ${formatEuro(step.minInstalmentCents)}`,
  blocks: () => true,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  establishes: none,
  templates: (step) => [step.reminder, step.missed, ...(step.broken ? [step.broken] : [])],
  remedy: noRemedy,
  check: noProblems,
};
