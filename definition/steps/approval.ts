// A decision by one or more roles in turn, each level by a different person (four eyes):
// forgiving arrears, or a go/no-go before an adverse step.
import { z } from 'zod';
import { roles, type Label } from '../catalog.ts';
import { baseStepFields, DeadlineSchema, OutcomeIdSchema, RoleSchema } from './base.ts';
import { firstDuplicate, never, noTemplates, none, noRemedy, type StepKindDefinition } from './kind.ts';

export const ApprovalLevelSchema = z.object({
  id: OutcomeIdSchema,
  label: z.string().min(1),
  role: RoleSchema,
  /** The first level may be the proposal itself (amount and reasoning). */
  proposes: z.boolean().default(false),
  mayAdjust: z.boolean().default(false),
  deadline: DeadlineSchema.optional(),
});
export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;

export const ApprovalStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('approval'),
  /** `forgiveness` lowers the balance by the approved amount; `proceed` is a go/no-go. */
  subject: z.enum(['forgiveness', 'proceed']),
  levels: z.array(ApprovalLevelSchema).min(1, 'an approval needs at least one level'),
  /** Approving includes assessing the household (rule 8: minors), so the approval records that assessment. */
  assessesHousehold: z.boolean().optional(),
});
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;

export const approvalKind: StepKindDefinition<ApprovalStep> = {
  label: { nl: 'Goedkeuring', en: 'Approval' },
  hint: { nl: 'Besluit door een of meer rollen, elk een ander persoon', en: 'A decision by one or more roles, each a different person' },
  outcomes: () => ['approved', 'rejected'],
  outcomeLabel: () => undefined,
  summary: (step, lang) => step.levels.map((l) => roles.labels[l.role][lang]).join(' → '),
  blocks: () => true,
  decidedByPerson: () => true,
  adverse: never,
  requires: none,
  establishes: (step, outcome) => (step.assessesHousehold && outcome === 'approved' ? ['household-assessed'] : []),
  templates: noTemplates,
  remedy: noRemedy,
  check(step) {
    const problems: Label[] = [];
    const dup = firstDuplicate(step.levels.map((l) => l.id));
    if (dup) problems.push({ nl: `Het niveau ‘${dup}’ staat er twee keer in.`, en: `The level ‘${dup}’ is listed twice.` });
    step.levels.forEach((level, i) => {
      if (level.proposes && i > 0) problems.push({ nl: `Het niveau ‘${level.id}’ doet een voorstel, maar alleen het eerste niveau kan het voorstel doen.`, en: `The level ‘${level.id}’ proposes, but only the first level can make the proposal.` });
    });
    if (step.subject === 'forgiveness' && !step.levels[0]?.proposes) problems.push({ nl: 'Een goedkeuring van kwijtschelding begint met een niveau dat het bedrag voorstelt.', en: 'A forgiveness approval starts with a level that proposes the amount.' });
    return problems;
  },
};

/**
 * The forgiveness a caseworker can propose from the case page, wherever the case is: the
 * definition's first forgiveness approval whose first level is the proposal. Undefined when
 * the process has none.
 */
export function proposableForgiveness(steps: ReadonlyArray<{ kind: string }>): ApprovalStep | undefined {
  return (steps as ReadonlyArray<ApprovalStep>).find((s) => s.kind === 'approval' && s.subject === 'forgiveness' && s.levels[0]?.proposes === true);
}
