// The process-definition language: the one zod schema that the workflow, the server and the
// designer all import. A definition is a named graph of steps; each step's outcomes lead to
// next steps through `next`. Each step kind's schema lives in its module under steps/; the
// shape is checked here, the meaning (every outcome wired, every step reachable, the legal
// rules over every path) by validate.ts.
import { z } from 'zod';
import { caseEventTypes } from './catalog.ts';
import { slugSchema } from './ids.ts';
import { StepSchema } from './steps/index.ts';

export * from './steps/base.ts';
export { StepSchema, stepKinds, type Step, type StepKind, type StepOf } from './steps/index.ts';
export { StartStepSchema } from './steps/start.ts';
export { CommunicateStepSchema } from './steps/communicate.ts';
export { WaitStepSchema } from './steps/wait.ts';
export { TaskStepSchema, TaskOutcomeSchema, type TaskOutcome } from './steps/task.ts';
export { ApprovalStepSchema, ApprovalLevelSchema, type ApprovalLevel } from './steps/approval.ts';
export { ArrangementStepSchema } from './steps/arrangement.ts';
export { HandoverStepSchema } from './steps/handover.ts';
export { DecisionStepSchema, ConditionSchema, type Condition } from './steps/decision.ts';
export { CostsStepSchema } from './steps/collection-costs.ts';
export { EndStepSchema } from './steps/end.ts';

export const DefinitionIdSchema = slugSchema('a definition id');

/**
 * A definition's version number as a request names it (`name`: the field); PostgreSQL keeps it
 * as an integer. `fromText`: in a path or query, where it arrives as text.
 */
export const versionNumber = (name: string, fromText = true) =>
  (fromText ? z.coerce.number({ error: `${name} must be a version number` }) : z.number({ error: `${name} must be a version number` }))
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)
    .max(2_147_483_647, `${name} is not a version number (too large)`);

export const DefinitionSchema = z.object({
  id: DefinitionIdSchema,
  name: z.string().trim().min(1, 'a definition needs a name').max(120),
  description: z.string().max(4000).optional(),
  steps: z.array(StepSchema).min(1, 'a definition needs steps'),
});

export type Definition = z.infer<typeof DefinitionSchema>;
export type DefinitionInput = z.input<typeof DefinitionSchema>;

export const waitEventTypes = caseEventTypes.ids;
