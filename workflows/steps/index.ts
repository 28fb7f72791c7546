// How the engine runs each step kind. Adding a kind: a runner module beside this one and one
// line below; the map is typed over every kind, so a kind without a runner does not compile.
import type { Step, StepKind, StepOf } from '../../definition/schema.ts';
import { approvalRunner } from './approval.ts';
import { arrangementRunner } from './arrangement.ts';
import { costsRunner } from './collection-costs.ts';
import { communicateRunner } from './communicate.ts';
import { decisionRunner } from './decision.ts';
import { endRunner } from './end.ts';
import { handoverRunner } from './handover.ts';
import type { StepRunner } from './runner.ts';
import { startRunner } from './start.ts';
import { taskRunner } from './task.ts';
import { waitRunner } from './wait.ts';

export const stepRunners: { [K in StepKind]: StepRunner<StepOf<K>> } = {
  start: startRunner,
  communicate: communicateRunner,
  wait: waitRunner,
  task: taskRunner,
  approval: approvalRunner,
  arrangement: arrangementRunner,
  handover: handoverRunner,
  decision: decisionRunner,
  'collection-costs': costsRunner,
  end: endRunner,
};

export function runnerOf<S extends Step>(step: S): StepRunner<S> {
  return stepRunners[step.kind] as unknown as StepRunner<S>;
}
