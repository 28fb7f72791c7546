// The bench worker's bundle: the interpreter and its hand-written baseline side by side.
export { arrearsCase } from '../workflows/case-workflow.ts';
export { handWrittenLadder } from './hand-written-ladder.ts';
