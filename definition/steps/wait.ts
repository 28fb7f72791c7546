// A wait on the case clock that a payment, a contact or a named event can cut short.
import { z } from 'zod';
import { caseEventTypes, type Label } from '../catalog.ts';
import { formatDuration, minimumDays } from '../duration.ts';
import { FOURTEEN_DAY_PERIOD_DAYS } from '../legal.ts';
import { baseStepFields, DurationSchema, OutcomeIdSchema } from './base.ts';
import { firstDuplicate, never, noTemplates, none, noRemedy, type StepKindDefinition } from './kind.ts';

/** The outcome of a wait whose time ran out; every other outcome is an event that ended it early. */
export const reservedWaitOutcome = 'elapsed';

export const WaitStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('wait'),
  duration: DurationSchema,
  workingDays: z.boolean().default(false),
  /**
   * Events that end the wait early, each becoming an outcome of its own: a (part) payment,
   * a contact with the tenant, or an event name the organisation registers through the API.
   * A payment that clears the whole balance always ends the ladder, whatever is listed here.
   */
  endsOn: z.array(OutcomeIdSchema).default([]),
});
export type WaitStep = z.infer<typeof WaitStepSchema>;

export const waitKind: StepKindDefinition<WaitStep> = {
  label: { nl: 'Wachten', en: 'Wait' },
  hint: { nl: 'Wachttijd die een betaling of contact kan afbreken', en: 'A wait that a payment or contact can cut short' },
  outcomes: (step) => [reservedWaitOutcome, ...step.endsOn],
  outcomeLabel(_step, outcome, lang) {
    if (outcome === reservedWaitOutcome) return undefined;
    return (caseEventTypes.labels as Record<string, Label>)[outcome]?.[lang] ?? outcome;
  },
  summary: (step, lang) => formatDuration(step.duration, step.workingDays, lang),
  blocks: () => true,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  // At publish time a long enough wait after the letter establishes the 14-day period; at
  // run time the loop measures the real time since the letter instead.
  establishes: (step, outcome, before) =>
    outcome === reservedWaitOutcome && before.has('fourteen-day-letter') && minimumDays(step.duration) >= FOURTEEN_DAY_PERIOD_DAYS ? ['fourteen-day-period'] : [],
  templates: noTemplates,
  remedy: noRemedy,
  check(step) {
    const problems: Label[] = [];
    const dup = firstDuplicate(step.endsOn);
    if (dup) problems.push({ nl: `Het wachten stopt twee keer op ‘${dup}’.`, en: `The wait ends on ‘${dup}’ twice.` });
    if (step.endsOn.includes(reservedWaitOutcome)) problems.push({ nl: `‘${reservedWaitOutcome}’ is de eigen uitkomst van het wachten als de tijd om is.`, en: `‘${reservedWaitOutcome}’ is the wait’s own outcome when its time runs out.` });
    return problems;
  },
};
