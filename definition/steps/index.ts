// The step kinds of the definition language. Adding a kind: a module beside this one (its
// schema and a StepKindDefinition), one line in `kinds` below, and one module per side in
// workflows/steps/ and the designer's registry, whose maps over StepKind refuse to compile
// until the new kind is there.
import { z } from 'zod';
import { approvalKind, ApprovalStepSchema } from './approval.ts';
import { arrangementKind, ArrangementStepSchema } from './arrangement.ts';
import { communicateKind, CommunicateStepSchema } from './communicate.ts';
import { costsKind, CostsStepSchema } from './collection-costs.ts';
import { decisionKind, DecisionStepSchema } from './decision.ts';
import { endKind, EndStepSchema } from './end.ts';
import { handoverKind, HandoverStepSchema } from './handover.ts';
import type { StepKindDefinition } from './kind.ts';
import { startKind, StartStepSchema } from './start.ts';
import { taskKind, TaskStepSchema } from './task.ts';
import { waitKind, WaitStepSchema } from './wait.ts';

/** Pairs a kind's schema with its definition; the compiler checks they are about the same steps. */
function kind<S extends z.ZodObject<{ kind: z.ZodLiteral<string> }>>(schema: S, definition: StepKindDefinition<z.infer<S>>) {
  return [schema, definition] as const;
}

const kinds = [
  kind(StartStepSchema, startKind),
  kind(CommunicateStepSchema, communicateKind),
  kind(WaitStepSchema, waitKind),
  kind(TaskStepSchema, taskKind),
  kind(ApprovalStepSchema, approvalKind),
  kind(ArrangementStepSchema, arrangementKind),
  kind(HandoverStepSchema, handoverKind),
  kind(DecisionStepSchema, decisionKind),
  kind(CostsStepSchema, costsKind),
  kind(EndStepSchema, endKind),
] as const;

type Schemas<T> = { -readonly [I in keyof T]: T[I] extends readonly [infer S, unknown] ? S : never };
// The cast keeps the tuple type `kinds` already has; zod needs it to infer the union.
export const StepSchema = z.discriminatedUnion('kind', kinds.map(([schema]) => schema) as unknown as Schemas<typeof kinds>);

export type Step = z.infer<typeof StepSchema>;
export type StepKind = Step['kind'];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

/** Each kind with the module that defines it; the type forbids a kind without one. */
export const stepKindDefinitions = Object.fromEntries(kinds.map(([schema, definition]) => [schema.shape.kind.value, definition])) as unknown as {
  [K in StepKind]: StepKindDefinition<StepOf<K>>;
};

/** The kinds in the order a ladder is usually built. */
export const stepKinds = kinds.map(([schema]) => schema.shape.kind.value) as StepKind[];

/** The definition of a step's kind, typed for that step. */
export function kindOf<S extends Step>(step: S): StepKindDefinition<S> {
  return stepKindDefinitions[step.kind] as unknown as StepKindDefinition<S>;
}
