// An end closes the case with its outcome; the loop does the closing (see loop.ts `finish`).
import type { StepOf } from '../../definition/schema.ts';
import type { StepRunner } from './runner.ts';

export const endRunner: StepRunner<StepOf<'end'>> = {
  run: async (step) => step.outcome,
  waitingOn: () => 'none',
  passesSilently: true,
  leavesWhenPaid: false,
};
