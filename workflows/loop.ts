// The interpreter's loop: runs a case through the steps of its pinned definition. It enters a
// step (the timeline and search attributes learn of it), runs the legal gate when the step's
// kind has requirements, hands the step to its kind's runner (steps/), records what the
// outcome established, and follows `next`. Cancellation and a paid-off balance interrupt any
// step; an end step closes the case. Ordinary deterministic workflow code: time comes from the
// workflow clock and every side effect is an activity keyed by the case id and step visit.
import { idempotencyKey } from '../definition/idempotency.ts';
import { outcomesOf } from '../definition/outcomes.ts';
import type { Fact } from '../definition/legal.ts';
import type { Step } from '../definition/schema.ts';
import { kindOf } from '../definition/steps/index.ts';
import type { CaseContext } from './context.ts';
import { dropTask } from './human-task.ts';
import { Interrupt, type InterruptReason } from './interrupt.ts';
import { hasRequirements, legalGate } from './legal-gate.ts';
import { policyHoldGate } from './policy-hold.ts';
import { progressOf, upsertStatus, upsertStep } from './status.ts';
import type { StepOutcome } from './steps/runner.ts';
import { runnerOf } from './steps/index.ts';

const droppedBecause: Record<InterruptReason, string> = {
  cancelled: 'the case was cancelled',
  'balance-cleared': 'the arrears were paid in the meantime',
  'forgiveness-proposed': 'a forgiveness was proposed on the case page',
  'arrangement-agreed': 'a payment arrangement was agreed with the tenant',
};

export type CaseResult = { caseId: string; outcome: string; balanceCents: number; closedAt: string };

export class CaseLoop {
  constructor(private readonly ctx: CaseContext) {}

  private get d() {
    return this.ctx.d;
  }
  private get s() {
    return this.ctx.s;
  }

  async run(): Promise<CaseResult> {
    for (;;) {
      try {
        return await this.ladder();
      } catch (err) {
        if (!(err instanceof Interrupt)) throw err;
        const done = await this.interrupted(err.reason);
        if (done) return done;
      }
    }
  }

  private async ladder(): Promise<CaseResult> {
    const { ctx, d, s } = this;
    if (d.current === null) {
      // An arrears case opens at its `case-opened` start, a prevention process at its `risk-signal` one.
      const start = s.definition.steps.find((x) => x.kind === 'start' && (x.trigger === 'case-opened' || x.trigger === 'risk-signal'));
      if (!start) throw new Error('definition has no start step');
      this.enter(start.id);
    }
    for (;;) {
      ctx.checkInterrupts();
      const current = d.current!;
      const step = s.step(current.stepId);
      const runner = runnerOf(step);
      if (!current.recorded) await this.record(step);
      // A policy hold stops the step before it starts (and before the legal gate opens a review
      // for a step that may not run yet); a step already under way is not stopped halfway.
      if (current.run === null) await policyHoldGate(ctx, step);
      // The gate runs once per entry: a step that already started its own work after passing
      // it (a handover waiting for its answer, after continue-as-new) is not held again.
      if (hasRequirements(step) && (current.run === null || current.run.kind === 'blocked')) await legalGate(ctx, step);
      const result = await runner.run(step, ctx);
      const outcome = typeof result === 'string' ? result : result.outcome;
      // An end is the step without outcomes: what it returns is how the case ends.
      if (outcomesOf(step).length === 0) return await this.finish(outcome, step.id);
      this.leave(step, result);
      const next = step.next[outcome];
      if (next === undefined) throw new Error(`step "${step.id}" has no next step for outcome "${outcome}"`);
      ctx.checkInterrupts();
      this.enter(next, { stepId: step.id, outcome });
      await ctx.maybeContinueAsNew();
    }
  }

  // --- Entering and leaving steps --------------------------------------------------------

  private enter(stepId: string, previous?: { stepId: string; outcome: string }) {
    const { d, s } = this;
    const step = s.step(stepId);
    d.visits++;
    d.current = {
      stepId,
      visit: d.visits,
      enteredAt: s.businessNow(),
      recorded: false,
      run: null,
      // Counted now, before any await: a contact arriving while the step is being recorded counts.
      seen: { events: d.eventSeq, payments: d.paymentSeq },
      ...(previous ? { previous } : {}),
    };
    s.pushHistory({ stepId, kind: step.kind, visit: d.visits, enteredAt: s.businessNow() });
    upsertStep(s, step);
  }

  /** Writes the step to the timeline, or (a step without effects of its own) queues it for the next write. */
  private async record(step: Step) {
    const { ctx, d, s } = this;
    const current = d.current!;
    const key = idempotencyKey(d.caseId, current.visit, 'enter');
    const at = s.businessIso();
    if (runnerOf(step).passesSilently) {
      (d.unrecorded ??= []).push({ key, visit: current.visit, at, stepId: step.id, stepName: step.name, stepKind: step.kind, ...(current.previous ? { previous: current.previous } : {}) });
    } else {
      await ctx.acts.recordStep({ caseId: d.caseId, key, visit: current.visit, at, progress: progressOf(s, step), previous: current.previous, passed: ctx.passed() });
    }
    current.recorded = true;
  }

  private leave(step: Step, result: StepOutcome | InterruptReason) {
    const { d, s } = this;
    const outcome = typeof result === 'string' ? result : result.outcome;
    const record = d.history[d.history.length - 1];
    if (record && record.stepId === step.id) {
      record.leftAt = s.businessNow();
      record.outcome = outcome;
    }
    d.lastOutcome[step.id] = outcome;
    if (typeof result !== 'string') return;
    // The 14-day period is measured in real case time at run time, not inferred from a wait's length.
    const have = new Set(Object.keys(d.facts) as Fact[]);
    s.establish(kindOf(step).establishes(step, outcome, have).filter((f) => f !== 'fourteen-day-period'));
  }

  // --- Interrupts: cancel, paid off ------------------------------------------------------

  /** Leaves the current step for an interrupt; returns the result when the case is over. */
  private async interrupted(reason: InterruptReason): Promise<CaseResult | null> {
    const { ctx, d, s } = this;
    const at = s.businessIso();
    const current = d.current;
    // An agreed arrangement leaves the step, not the tenant's other requests (a call back stays asked for).
    for (const task of d.openTasks.filter((t) => reason !== 'arrangement-agreed' || !t.side)) {
      await ctx.acts.closeTask({ caseId: d.caseId, taskId: task.taskId, status: 'cancelled', reason, at });
      dropTask(ctx, task.taskId, droppedBecause[reason]);
    }
    if (d.awaitingHandover) {
      await ctx.acts.closeHandover({ caseId: d.caseId, handoverId: d.awaitingHandover.handoverId, response: 'withdrawn', at });
      d.awaitingHandover = null;
    }
    if (current) this.leave(s.step(current.stepId), reason);
    d.blocked = null;
    if (reason === 'forgiveness-proposed') {
      const p = s.pendingProposal!;
      s.pendingProposal = null;
      this.enter(p.stepId, current ? { stepId: current.stepId, outcome: reason } : undefined);
      d.current!.run = { kind: 'approval', level: 0, proposal: null, human: null, given: { amountCents: p.amountCents, reason: p.reason, userId: p.by } };
      return null;
    }
    if (reason === 'arrangement-agreed') {
      const p = s.pendingArrangement!;
      s.pendingArrangement = null;
      d.agreedPlan = p.plan;
      this.enter(p.stepId, current ? { stepId: current.stepId, outcome: reason } : undefined);
      return null;
    }
    s.pendingProposal = null;
    s.pendingArrangement = null;
    if (reason === 'cancelled') return await this.finish(d.cancelled?.outcome ?? 'cancelled', current?.stepId ?? 'start');
    d.phase = 'settled';
    await ctx.acts.recordEvent({
      caseId: d.caseId,
      key: idempotencyKey(d.caseId, d.visits, 'balance-cleared'),
      type: 'balance-cleared',
      at,
      stepId: current?.stepId,
      data: { totalPaidCents: d.totalPaidCents },
      passed: ctx.passed(),
    });
    const aftercare = s.definition.steps.find((x) => x.kind === 'start' && x.trigger === 'balance-cleared');
    if (!aftercare) return await this.finish('paid', current?.stepId ?? 'start');
    this.enter(aftercare.id, current ? { stepId: current.stepId, outcome: reason } : undefined);
    return null;
  }

  private async finish(outcome: string, stepId: string): Promise<CaseResult> {
    const { ctx, d, s } = this;
    d.phase = 'closed';
    d.outcome = outcome;
    const at = s.businessIso();
    await ctx.acts.closeCase({ caseId: d.caseId, key: idempotencyKey(d.caseId, 'closed'), outcome, balanceCents: d.balanceCents, stepId, at, passed: ctx.passed() });
    upsertStatus(s);
    return { caseId: d.caseId, outcome, balanceCents: d.balanceCents, closedAt: at };
  }
}
