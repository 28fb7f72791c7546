import type { StepOf } from '../../definition/schema.ts';
import { engine, type StepRunner } from './runner.ts';

export const startRunner: StepRunner<StepOf<'start'>> = {
  run: async () => 'next',
  waitingOn: engine,
  passesSilently: true,
  leavesWhenPaid: true,
};
