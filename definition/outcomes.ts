// The outcomes each step can end with (every one must lead somewhere) and the kind-level
// facts the graph checks rely on, all answered by the step kind's own module.
import type { Step } from './schema.ts';
import { kindOf } from './steps/index.ts';

export { reservedWaitOutcome } from './steps/wait.ts';

export function outcomesOf(step: Step): string[] {
  return kindOf(step).outcomes(step);
}

/** Steps where a case stops to wait for time or a person; a loop needs one of these. */
export function isBlockingStep(step: Step): boolean {
  return kindOf(step).blocks(step);
}

/** Steps whose outcome a person decides. */
export function isHumanStep(step: Step): boolean {
  return kindOf(step).decidedByPerson(step);
}
