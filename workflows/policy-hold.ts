// Policy holds at run time (definition/policy-holds.ts): before a step a hold could stop (an
// eviction notice, a court claim, collection costs …), the loop asks which hold covers this
// case now; while one does, the case waits at that step without running it, and goes on by
// itself when the hold's last day has passed. Unlike the legal gate (legal-gate.ts) this is
// policy, not law: no person is asked, nothing is missing, the case only waits for a date.
//
// The hold's end is a calendar date, so the wait is in business time, not on the case clock:
// a pause does not lengthen a hold. The server tells held cases when a hold is ended early or
// changed (a signal); the case also asks again once a business day, so a signal lost between
// the database and the case delays its release by a day at most.
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PolicyHoldActivities } from '../activities/contracts.ts';
import { DAY } from '../definition/calendar.ts';
import { holdTargetsOf, type ActiveHold } from '../definition/policy-holds.ts';
import type { Step } from '../definition/schema.ts';
import type { CaseState } from './case-state.ts';
import type { CaseContext } from './context.ts';
import { Interrupt } from './interrupt.ts';
import { policyHoldChangedSignal } from './messages.ts';
import { waitingOn } from './status.ts';


// Read-only and quick: retried until the database answers.
const { activePolicyHold } = proxyActivities<PolicyHoldActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Counts the server's nudges; the wait below ends on a new one. Not carried: a new run asks anyway. */
const nudges = new WeakMap<CaseState, number>();

export function registerPolicyHoldSignal(s: CaseState) {
  nudges.set(s, 0);
  setHandler(policyHoldChangedSignal, () => {
    nudges.set(s, (nudges.get(s) ?? 0) + 1);
  });
}

/**
 * Waits at `step` while a policy hold covers the case. Asks only for steps a hold could stop,
 * so other steps add nothing to the history; cases that ran before holds existed (no
 * 'policy-holds' marker) replay without asking.
 */
export async function policyHoldGate(ctx: CaseContext, step: Step) {
  const targets = holdTargetsOf(step);
  if (targets.length === 0 || !patched('policy-holds')) return;
  const { d, s } = ctx;
  try {
    for (;;) {
      ctx.checkInterrupts();
      const seen = nudges.get(s) ?? 0;
      const hold = await activePolicyHold({ caseId: d.caseId, definitionId: d.definition.id, minors: d.household?.minors ?? null, targets, at: s.businessIso() });
      ctx.checkInterrupts();
      if (!hold) {
        if (d.policyHold) await lift(ctx);
        return;
      }
      if (d.policyHold?.holdId !== hold.holdId || d.policyHold.revision !== hold.revision) await announce(ctx, step, hold);
      // A hold can last months of daily looks: a safe point to continue as new (the step has not
      // started; the new run records nothing again and asks at once).
      await ctx.maybeContinueAsNew();
      const left = Math.min(hold.until - s.businessNow(), DAY) / d.timeScale;
      if (left > 0) await condition(() => (nudges.get(s) ?? 0) !== seen || ctx.pendingInterrupt() !== null, Math.max(1, Math.ceil(left)));
    }
  } catch (err) {
    // Cancelled or paid off while held: the case leaves the step, and the hold no longer concerns it
    // (the read model forgets it when the case closes or records its next step).
    if (err instanceof Interrupt) d.policyHold = null;
    throw err;
  }
}

async function announce(ctx: CaseContext, step: Step, hold: ActiveHold) {
  const { d, s } = ctx;
  d.policyHold = { ...hold, stepId: step.id, since: d.policyHold?.since ?? s.businessNow() };
  ctx.upsertStatus();
  await ctx.record('policy-hold', ctx.key('policy-hold', hold.holdId, hold.revision), {
    data: { holdId: hold.holdId, name: hold.name, reason: hold.reason, endsOn: hold.endsOn, until: new Date(hold.until).toISOString() },
    patch: { policyHold: { hold: { holdId: hold.holdId, until: new Date(hold.until).toISOString() }, waitingOn: waitingOn(s) } },
  });
}

async function lift(ctx: CaseContext) {
  const { d, s } = ctx;
  const held = d.policyHold!;
  d.policyHold = null;
  ctx.upsertStatus();
  await ctx.record('policy-hold-lifted', ctx.key('policy-hold-lifted', held.holdId, held.revision), {
    // Early: the hold was ended or shortened before its last day had passed for this case.
    data: { holdId: held.holdId, name: held.name, endsOn: held.endsOn, early: s.businessNow() < held.until, heldForMs: s.businessNow() - held.since },
    patch: { policyHold: { hold: null, waitingOn: waitingOn(s) } },
  });
}
