// Closes the case with an outcome. Ending as evicted is an adverse step with the law's own requirement.
import { z } from 'zod';
import { caseOutcomes } from '../catalog.ts';
import { baseStepFields, CaseOutcomeSchema } from './base.ts';
import { never, noProblems, noTemplates, none, noRemedy, type StepKindDefinition } from './kind.ts';

export const EndStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('end'),
  outcome: CaseOutcomeSchema,
});
export type EndStep = z.infer<typeof EndStepSchema>;

export const endKind: StepKindDefinition<EndStep> = {
  label: { nl: 'Einde', en: 'End' },
  hint: { nl: 'Sluit de zaak met een uitkomst', en: 'Closes the case with an outcome' },
  outcomes: () => [],
  outcomeLabel: () => undefined,
  summary: (step, lang) => caseOutcomes.labels[step.outcome][lang],
  blocks: never,
  decidedByPerson: never,
  adverse: (step) => step.outcome === 'evicted',
  requires: (step) => (step.outcome === 'evicted' ? [{ rule: 'eviction-judgment', needs: ['court-judgment'] }] : []),
  establishes: none,
  templates: noTemplates,
  remedy: noRemedy,
  check: noProblems,
};
