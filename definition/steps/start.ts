// Where a case begins, or (trigger balance-cleared) the aftercare path once the arrears are paid.
import { z } from 'zod';
import { IntakeThresholdSchema } from '../intake.ts';
import { baseStepFields } from './base.ts';
import { never, noProblems, none, noTemplates, noRemedy, type StepKindDefinition } from './kind.ts';

export const StartStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('start'),
  /** `case-opened` is where every case begins; `balance-cleared` is the aftercare path taken once the balance reaches zero. */
  trigger: z.enum(['case-opened', 'balance-cleared']).default('case-opened'),
  /** For `case-opened`: the arrears the daily intake from the rent ledger opens a case for (server/intake/). */
  intake: IntakeThresholdSchema.optional(),
});
export type StartStep = z.infer<typeof StartStepSchema>;

export const startKind: StepKindDefinition<StartStep> = {
  label: { nl: 'Start', en: 'Start' },
  hint: { nl: 'Waar een zaak begint, of het nazorgpad na betaling', en: 'Where a case begins, or the aftercare path after payment' },
  outcomes: () => ['next'],
  outcomeLabel: () => undefined,
  summary: (step, lang) =>
    step.trigger === 'case-opened' ? (lang === 'nl' ? 'Zaak geopend' : 'Case opened') : lang === 'nl' ? 'Achterstand betaald (nazorg)' : 'Arrears paid (aftercare)',
  blocks: never,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  establishes: none,
  templates: noTemplates,
  remedy: noRemedy,
  check: noProblems,
};
