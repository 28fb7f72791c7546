// Human words for a definition: step kinds, the fixed outcomes, decision conditions read as
// sentences, and a one-line summary per step, each taken from the step kind's module. The
// designer draws nodes with these; the inbox, the case page and the server's messages say the
// same things the same way.
import type { Label } from './catalog.ts';
import type { Condition, Step, StepKind } from './schema.ts';
import { describeCondition as describeWith } from './steps/decision.ts';
import { kindOf, stepKindDefinitions, stepKinds } from './steps/index.ts';
import type { Lang } from './steps/kind.ts';

export type { Lang };
export { comparisonLabels } from './steps/decision.ts';

const byKind = <T>(pick: (k: StepKind) => T) => Object.fromEntries(stepKinds.map((k) => [k, pick(k)])) as Record<StepKind, T>;

export const stepKindLabels: Record<StepKind, Label> = byKind((k) => stepKindDefinitions[k].label);
export const stepKindHints: Record<StepKind, Label> = byKind((k) => stepKindDefinitions[k].hint);

/** The words for the outcomes that steps do not name themselves. */
const fixedOutcomes: Record<string, Label> = {
  next: { nl: 'Verder', en: 'Next' },
  sent: { nl: 'Verstuurd', en: 'Sent' },
  failed: { nl: 'Mislukt', en: 'Failed' },
  elapsed: { nl: 'Tijd verstreken', en: 'Time elapsed' },
  approved: { nl: 'Goedgekeurd', en: 'Approved' },
  rejected: { nl: 'Afgewezen', en: 'Rejected' },
  completed: { nl: 'Voldaan', en: 'Completed' },
  broken: { nl: 'Niet nagekomen', en: 'Broken' },
  accepted: { nl: 'Aangenomen', en: 'Accepted' },
  refused: { nl: 'Geweigerd', en: 'Refused' },
  otherwise: { nl: 'Anders', en: 'Otherwise' },
  charged: { nl: 'Berekend', en: 'Charged' },
};

/** The label of one outcome of a step: the task's own label, a branch label, or the fixed word. */
export function outcomeLabel(step: Step, outcome: string, lang: Lang = 'nl'): string {
  return kindOf(step).outcomeLabel(step, outcome, lang) ?? fixedOutcomes[outcome]?.[lang] ?? outcome;
}

/** A condition as a sentence a policy owner reads: "Segment is Nieuwe huurder of Lax payer". */
export function describeCondition(c: Condition, lang: Lang = 'nl', steps: readonly Step[] = []): string {
  return describeWith(c, lang, (stepId, outcome) => {
    const step = steps.find((s) => s.id === stepId);
    return { step: step?.name ?? stepId, outcome: step ? outcomeLabel(step, outcome, lang) : outcome };
  });
}

/** One line that says what a step does: channel and template, duration, role, partner. */
export function stepSummary(step: Step, lang: Lang = 'nl'): string {
  return kindOf(step).summary(step, lang);
}
