// Collection costs on the BIK scale, charged once, only after the 14-day letter and its period.
import { z } from 'zod';
import { baseStepFields } from './base.ts';
import { never, noProblems, noTemplates, noRemedy, type StepKindDefinition } from './kind.ts';

export const CostsStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('collection-costs'),
});
export type CostsStep = z.infer<typeof CostsStepSchema>;

export const costsKind: StepKindDefinition<CostsStep> = {
  label: { nl: 'Incassokosten', en: 'Collection costs' },
  hint: { nl: 'Incassokosten volgens de BIK-staffel', en: 'Collection costs on the BIK scale' },
  outcomes: () => ['charged'],
  outcomeLabel: () => undefined,
  summary: (_step, lang) => (lang === 'nl' ? 'BIK-staffel, eenmalig' : 'BIK scale, once'),
  blocks: never,
  decidedByPerson: never,
  adverse: () => true,
  requires: () => [{ rule: 'collection-costs', needs: ['fourteen-day-period'] }],
  establishes: () => [],
  templates: noTemplates,
  remedy: noRemedy,
  check: noProblems,
};
