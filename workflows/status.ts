// Where a case stands, as its search attributes and read model show it: who it waits on, and
// the status attributes, upserted by one function wherever they change, so
// `temporal workflow list --query "CaseStatus = 'paused'"` always answers what the case says.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseProgress } from '../activities/contracts.ts';
import type { Step } from '../definition/schema.ts';
import type { CaseState } from './case-state.ts';
import * as sa from './search-attributes.ts';
import { runnerOf } from './steps/index.ts';

/** Who the case waits on right now: a role, the tenant, a partner, the engine, or nobody once it is over. */
export function waitingOn(s: CaseState, step: Step | undefined = s.data.current ? s.steps.get(s.data.current.stepId) : undefined): string {
  if (s.data.phase === 'closed') return 'none';
  const task = s.data.openTasks[0];
  if (task) return task.role;
  // Held by policy, with nothing for a person to do: the step waits for the hold's end (policy-hold.ts).
  if (s.data.policyHold) return 'policy-hold';
  return step ? runnerOf(step).waitingOn(step, s.data) : 'none';
}

/** What the read model shows of the step the case is in. */
export function progressOf(s: CaseState, step: Step): CaseProgress {
  return { stepId: step.id, stepName: step.name, stepKind: step.kind, balanceCents: s.data.balanceCents, status: s.status(), waitingOn: waitingOn(s, step) };
}

function upsert(pairs: SearchAttributeUpdatePair[]) {
  upsertSearchAttributes(pairs);
}

/** The status attributes: after a pause, a resume, a payment, a block, a change of balance. */
export function upsertStatus(s: CaseState) {
  upsert([
    { key: sa.CaseStatus, value: s.status() },
    { key: sa.CasePaused, value: s.data.paused !== null },
    { key: sa.CaseBalance, value: s.data.balanceCents / 100 },
    { key: sa.CaseWaitingOn, value: waitingOn(s) },
  ]);
}

/** The step attributes, when the case enters a step. */
export function upsertStep(s: CaseState, step: Step) {
  upsert([
    { key: sa.CaseStep, value: step.id },
    { key: sa.CaseWaitingOn, value: waitingOn(s, step) },
  ]);
}
