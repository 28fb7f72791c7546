// Where a case begins, or (trigger balance-cleared) the aftercare path once the arrears are paid,
// or (trigger risk-signal) where a prevention process begins (definition/prevention.ts).
import { z } from 'zod';
import { riskSignals } from '../catalog.ts';
import { IntakeThresholdSchema } from '../intake.ts';
import { baseStepFields } from './base.ts';
import { never, none, noTemplates, noRemedy, type StepKindDefinition } from './kind.ts';

export const StartStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('start'),
  /**
   * `case-opened` is where every arrears case begins; `balance-cleared` is the aftercare path taken
   * once the balance reaches zero; `risk-signal` makes the definition a prevention process.
   */
  trigger: z.enum(['case-opened', 'balance-cleared', 'risk-signal']).default('case-opened'),
  /** For `case-opened`: the arrears the daily intake from the rent ledger opens a case for (server/intake/). */
  intake: IntakeThresholdSchema.optional(),
  /** For `risk-signal`: the signals this process starts on; absent or empty: all of them. */
  signals: z.array(z.enum(riskSignals.ids, { error: `a risk signal is one of ${riskSignals.ids.join(', ')}` })).optional(),
});
export type StartStep = z.infer<typeof StartStepSchema>;

const summaries = {
  'case-opened': { nl: 'Zaak geopend', en: 'Case opened' },
  'balance-cleared': { nl: 'Achterstand betaald (nazorg)', en: 'Arrears paid (aftercare)' },
  'risk-signal': { nl: 'Risicosignaal (preventie)', en: 'Risk signal (prevention)' },
};

export const startKind: StepKindDefinition<StartStep> = {
  label: { nl: 'Start', en: 'Start' },
  hint: { nl: 'Waar een zaak of preventieproces begint, of het nazorgpad na betaling', en: 'Where a case or a prevention process begins, or the aftercare path after payment' },
  outcomes: () => ['next'],
  outcomeLabel: () => undefined,
  summary: (step, lang) => summaries[step.trigger][lang],
  blocks: never,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  establishes: none,
  templates: noTemplates,
  remedy: noRemedy,
  check: (step) =>
    step.trigger !== 'risk-signal' && step.signals !== undefined
      ? [{ nl: 'Alleen een start op risicosignalen kiest signalen; haal ze weg of kies die start.', en: 'Only a risk-signal start chooses signals; remove them or choose that trigger.' }]
      : [],
};
