// The outcomes each step can end with; every one of them must lead somewhere.
import type { Step } from './schema.ts';

export const reservedWaitOutcome = 'elapsed';

export function outcomesOf(step: Step): string[] {
  switch (step.kind) {
    case 'start':
      return ['next'];
    case 'communicate':
      return ['sent', 'failed'];
    case 'wait':
      return [reservedWaitOutcome, ...step.endsOn];
    case 'task':
      return step.outcomes.map((o) => o.id);
    case 'approval':
      return ['approved', 'rejected'];
    case 'arrangement':
      return ['completed', 'broken'];
    case 'handover':
      return ['accepted', 'refused'];
    case 'decision':
      return [...step.branches.map((b) => b.id), 'otherwise'];
    case 'collection-costs':
      return ['charged'];
    case 'end':
      return [];
  }
}

/** Steps where a case stops to wait for time or a person; a loop needs one of these. */
export function isBlockingStep(step: Step): boolean {
  return (
    step.kind === 'wait' ||
    step.kind === 'task' ||
    step.kind === 'approval' ||
    step.kind === 'arrangement' ||
    (step.kind === 'handover' && step.response !== undefined)
  );
}

export function isHumanStep(step: Step): boolean {
  return step.kind === 'task' || step.kind === 'approval';
}
