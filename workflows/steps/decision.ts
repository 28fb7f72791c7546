// Takes the first branch whose condition holds for the case now, else `otherwise`.
import type { Condition, StepOf } from '../../definition/schema.ts';
import type { CaseState } from '../case-state.ts';
import { engine, type StepRunner } from './runner.ts';

const DAY = 86_400_000;

const compare = (a: number, op: 'lt' | 'lte' | 'gt' | 'gte', b: number) => (op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : a >= b);

function holds(s: CaseState, c: Condition): boolean {
  const d = s.data;
  switch (c.on) {
    case 'segment':
      return d.segment.confirmed !== null && c.in.includes(d.segment.confirmed);
    case 'balance':
      return compare(d.balanceCents, c.op, c.cents);
    case 'days-overdue':
      return compare(Math.floor((s.businessNow() - Date.parse(`${d.dueDate}T00:00:00Z`)) / DAY), c.op, c.days);
    case 'outcome':
      return d.lastOutcome[c.step] === c.is;
    case 'minors': {
      // Nobody said whether children live there: assume they may (the careful way round).
      const minors = d.household?.minors ?? null;
      return c.present ? minors !== false : minors === false;
    }
  }
}

export const decisionRunner: StepRunner<StepOf<'decision'>> = {
  run: async (step, ctx) => step.branches.find((b) => holds(ctx.s, b.when))?.id ?? 'otherwise',
  waitingOn: engine,
  passesSilently: true,
  leavesWhenPaid: true,
};
