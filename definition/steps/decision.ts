// A decision picks a path by what is known of the case: its confirmed segment, its balance,
// how long it is overdue, an earlier outcome, or whether minors live in the household.
import { z } from 'zod';
import { segments, type Label } from '../catalog.ts';
import type { Fact } from '../legal.ts';
import { formatEuro } from '../templates.ts';
import { baseStepFields, CentsSchema, OutcomeIdSchema, SegmentSchema, StepIdSchema } from './base.ts';
import { firstDuplicate, never, noTemplates, none, type Lang, noRemedy, type StepKindDefinition } from './kind.ts';

const compare = z.enum(['lt', 'lte', 'gt', 'gte']);
export const ConditionSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('segment'), in: z.array(SegmentSchema).min(1, 'pick at least one segment') }),
  z.object({ on: z.literal('balance'), op: compare, cents: CentsSchema.min(0) }),
  z.object({ on: z.literal('days-overdue'), op: compare, days: z.number().int().min(0) }),
  z.object({ on: z.literal('outcome'), step: StepIdSchema, is: OutcomeIdSchema }),
  /** Minors in the household. An unknown household counts as one with minors: the careful assumption. */
  z.object({ on: z.literal('minors'), present: z.boolean() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const DecisionStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('decision'),
  /** Tried in order; the first that holds is taken, else `otherwise`. */
  branches: z.array(z.object({ id: OutcomeIdSchema, label: z.string().min(1), when: ConditionSchema })).min(1, 'a decision needs at least one branch'),
});
export type DecisionStep = z.infer<typeof DecisionStepSchema>;

/**
 * Whether taking `outcome` proves there are no minors: a branch on "no minors" was taken, or
 * the fallback was, after a branch on "minors" that would have caught them.
 */
function provesNoMinors(step: DecisionStep, outcome: string): boolean {
  if (outcome === 'otherwise') return step.branches.some((b) => b.when.on === 'minors' && b.when.present);
  const branch = step.branches.find((b) => b.id === outcome);
  return branch?.when.on === 'minors' && !branch.when.present;
}

export const decisionKind: StepKindDefinition<DecisionStep> = {
  label: { nl: 'Keuze', en: 'Decision' },
  hint: { nl: 'Kies een pad op segment, saldo, uitkomst of gezinssituatie', en: 'Pick a path by segment, balance, outcome or household' },
  outcomes: (step) => [...step.branches.map((b) => b.id), 'otherwise'],
  outcomeLabel: (step, outcome) => step.branches.find((b) => b.id === outcome)?.label,
  summary: (step) => step.branches.map((b) => b.label).join(' / '),
  blocks: never,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  // No minors in the household: there is nothing for rule 8's assessment to weigh.
  establishes: (step, outcome): Fact[] => (provesNoMinors(step, outcome) ? ['household-assessed'] : []),
  templates: noTemplates,
  remedy: noRemedy,
  check(step, graph) {
    const problems: Label[] = [];
    for (const branch of step.branches) {
      if (branch.id === 'otherwise') problems.push({ nl: '‘otherwise’ is de eigen uitkomst van de keuze als geen tak past; geef deze tak een andere code.', en: '‘otherwise’ is the decision’s own outcome when no branch fits; give this branch another code.' });
      const c = branch.when;
      if (c.on === 'outcome') {
        const target = graph.step(c.step);
        if (!target) problems.push({ nl: `De tak ‘${branch.label}’ kijkt naar een stap die er niet meer is.`, en: `The branch ‘${branch.label}’ looks at a step that is no longer there.` });
        else if (!graph.outcomesOf(target).includes(c.is)) problems.push({ nl: `De tak ‘${branch.label}’ kijkt naar een uitkomst die ‘${target.name}’ niet heeft.`, en: `The branch ‘${branch.label}’ looks for an outcome that ‘${target.name}’ does not have.` });
      }
    }
    const dup = firstDuplicate(step.branches.map((b) => b.id));
    if (dup) problems.push({ nl: `De tak ‘${dup}’ staat er twee keer in.`, en: `The branch ‘${dup}’ is listed twice.` });
    return problems;
  },
};

const ops: Record<z.infer<typeof compare>, { nl: string; en: string }> = {
  lt: { nl: 'kleiner dan', en: 'less than' },
  lte: { nl: 'hoogstens', en: 'at most' },
  gt: { nl: 'groter dan', en: 'more than' },
  gte: { nl: 'minstens', en: 'at least' },
};
export const comparisonLabels = ops;

const list = (items: string[], lang: Lang) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'of' : 'or'} ${items[items.length - 1]}`;

/** A condition as a sentence a policy owner reads: "Segment is Nieuwe huurder of Lax payer". */
export function describeCondition(c: Condition, lang: Lang, outcomeOf: (stepId: string, outcome: string) => { step: string; outcome: string }): string {
  switch (c.on) {
    case 'segment':
      return `Segment is ${list(c.in.map((s) => segments.labels[s][lang]), lang)}`;
    case 'balance':
      return `${lang === 'nl' ? 'Openstaand bedrag is' : 'Balance is'} ${ops[c.op][lang]} ${formatEuro(c.cents)}`;
    case 'days-overdue':
      return `${lang === 'nl' ? 'Dagen achterstand is' : 'Days overdue is'} ${ops[c.op][lang]} ${c.days}`;
    case 'outcome': {
      const { step, outcome } = outcomeOf(c.step, c.is);
      return lang === 'nl' ? `Uitkomst van "${step}" was "${outcome}"` : `Outcome of "${step}" was "${outcome}"`;
    }
    case 'minors':
      if (lang === 'nl') return c.present ? 'Minderjarigen in het huishouden (of onbekend)' : 'Geen minderjarigen in het huishouden';
      return c.present ? 'Minors in the household (or unknown)' : 'No minors in the household';
  }
}
