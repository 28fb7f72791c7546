// How the engine runs one step kind: what the case does there and whom it waits on.
import type { CaseData } from '../case-data.ts';
import type { StepContext } from '../step-context.ts';

/**
 * How a step ended. A plain outcome, or one that proves nothing: a task closed by its
 * deadline was never done by a person, so it establishes no fact (no contact attempt).
 */
export type StepOutcome = string | { outcome: string; provesNothing: true };

export type StepRunner<S> = {
  /** Runs the step to its outcome; every side effect through `ctx.acts`, keyed by `ctx.key`. */
  run(step: S, ctx: StepContext): Promise<StepOutcome>;
  /** Whom the case waits on in this step while no task is open: a role, 'tenant', 'partner:…', 'engine', 'none'. */
  waitingOn(step: S, data: CaseData): string;
  /** Has no side effect of its own: its timeline entry goes along with the case's next write. */
  passesSilently: boolean;
  /** A payment that clears the balance takes the case off the ladder here (an arrangement completes instead; an end ends). */
  leavesWhenPaid: boolean;
};

export const engine = () => 'engine';
