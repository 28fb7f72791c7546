// Plays the people and the tenant in a dry run. It watches the real workflow through its
// state query and answers the way staff and partners would, through the same updates the
// API uses: tasks completed (by a different synthetic person per approval level, so the
// four-eyes rule holds), handovers accepted, payments made as the chosen behaviour says.
// The engine itself is not told it is a dry run; only the outbox keeps its messages home.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Logger } from 'pino';
import { chooseTaskOutcome, dryRunHandoverResponse, type DryRunMemory } from '../../definition/dry-run.ts';
import { minimumDays } from '../../definition/duration.ts';
import type { Step } from '../../definition/schema.ts';
import { businessNow, type CaseView } from '../../workflows/case-view.ts';
import { cancelUpdate, caseStateQuery, completeTaskUpdate, handoverResponseUpdate, registerPaymentUpdate, resumeUpdate, type Actor } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';
import { stashFormText } from '../notes.ts';
import { awaitingHandover, dryRunCaseStatus, finishDryRun, getDryRun, type DryRunRow } from './repository.ts';

const POLL_MS = 150;
/** Stop a run that is still going after this long (real time), this many steps, or this much business time. */
export const DRY_RUN_CAPS = { realMs: 10 * 60_000, steps: 400, businessDays: 3 * 365 };
const DAY = 86_400_000;

export type SimulatorDeps = { pool: Db; temporal: Client; log?: Logger };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export class DryRunSimulator {
  private readonly running = new Map<string, { stop: (reason: string) => void }>();
  private closed = false;

  constructor(private readonly deps: SimulatorDeps) {}

  /** Drives the run unless this process already does, or the run has finished. */
  async ensure(runId: string): Promise<void> {
    if (this.closed || this.running.has(runId)) return;
    const run = await getDryRun(this.deps.pool, runId);
    if (!run || run.finishedAt) return;
    if (this.running.has(runId)) return;
    let stopReason: string | null = null;
    this.running.set(runId, { stop: (reason) => (stopReason ??= reason) });
    void this.drive(run, () => stopReason)
      .catch((err: unknown) => this.deps.log?.warn({ err, dryRun: runId }, 'dry run simulator stopped on an error'))
      .finally(() => this.running.delete(runId));
  }

  /** Asks a running simulator to cancel its case and stop; false when none runs here. */
  stop(runId: string, reason: string): boolean {
    const sim = this.running.get(runId);
    sim?.stop(reason);
    return sim !== undefined;
  }

  isRunning(runId: string): boolean {
    return this.running.has(runId);
  }

  close() {
    this.closed = true;
    for (const sim of this.running.values()) sim.stop('server-stopped');
  }

  private async drive(run: DryRunRow, stopRequested: () => string | null): Promise<void> {
    const { pool, temporal } = this.deps;
    const handle = temporal.workflow.getHandle(run.workflowId);
    const steps = new Map<string, Step>(run.definition.steps.map((s) => [s.id, s]));
    const memory: DryRunMemory = { arrangementAgreed: false, paid: false, legalReviews: 0 };
    const answered = new Set<string>();
    const started = Date.now();
    let firstBusiness: number | null = null;
    let failures = 0;

    for (;;) {
      if (this.closed) return;
      if ((await dryRunCaseStatus(pool, run.caseId)) === 'closed') {
        await finishDryRun(pool, run.id, stopRequested() ?? 'closed');
        return;
      }
      const requested = stopRequested();
      if (requested) return await this.cancel(run, handle, requested);
      if (Date.now() - started > DRY_RUN_CAPS.realMs) return await this.cancel(run, handle, 'time-cap');

      let view: CaseView;
      try {
        view = await handle.query(caseStateQuery);
        failures = 0;
      } catch (err) {
        // The workflow may be between tasks or just closing; give up only when it keeps failing.
        if (++failures > 40) {
          await finishDryRun(pool, run.id, `error: ${(err as Error).message}`);
          return;
        }
        await sleep(POLL_MS * 2);
        continue;
      }
      const now = businessNow(view);
      firstBusiness ??= now;
      if (view.steps.length + view.stepsDropped > DRY_RUN_CAPS.steps) return await this.cancel(run, handle, 'step-cap');
      if (now - firstBusiness > DRY_RUN_CAPS.businessDays * DAY) return await this.cancel(run, handle, 'business-time-cap');

      try {
        await this.act(run, handle, view, steps, memory, answered, now);
      } catch (err) {
        // A refusal (the task closed by a deadline meanwhile, say) is normal in a race; look again.
        this.deps.log?.debug({ err, dryRun: run.id }, 'dry run answer refused');
      }
      await sleep(POLL_MS);
    }
  }

  private async act(run: DryRunRow, handle: WorkflowHandle, view: CaseView, steps: Map<string, Step>, memory: DryRunMemory, answered: Set<string>, now: number) {
    const behaviour = run.behaviour;
    if (view.phase === 'closed') return;
    if (view.paused) {
      // A pause the engine made (debt help accepted) ends, in the simulation, on its review date.
      if (view.paused.by === 'system' && now >= Date.parse(`${view.paused.reviewDate}T00:00:00Z`))
        await handle.executeUpdate(resumeUpdate, { args: [{ actor: { userId: 'dry-run-staff', roles: ['caseworker'] }, note: 'Proefrun: herzieningsdatum bereikt' }] });
      return;
    }

    if (behaviour.kind === 'pays-at-step' && !memory.paid && view.balanceCents > 0 && view.steps.some((s) => s.stepId === behaviour.stepId)) {
      memory.paid = true;
      await handle.executeUpdate(registerPaymentUpdate, { args: [{ reference: `DRYRUN-${run.id}-full`, amountCents: view.balanceCents, receivedAt: new Date(now).toISOString() }] });
      return;
    }

    if (behaviour.kind === 'arrangement-kept' && view.arrangement && view.currentStep) {
      const a = view.arrangement;
      const upTo = a.instalments.slice(0, a.next + 1);
      const expected = upTo.reduce((sum, i) => sum + i.amountCents, 0);
      const due = upTo[upTo.length - 1];
      const step = steps.get(view.currentStep.id);
      const remindDays = step?.kind === 'arrangement' ? minimumDays(step.reminder.before) : 1;
      // The tenant pays each instalment once reminded of it, before its due date: the run shows
      // the reminders, and a busy machine cannot make a kept arrangement look broken.
      if (due && a.paidCents < expected && now >= Date.parse(`${due.dueDate}T00:00:00Z`) - remindDays * DAY + DAY / 2) {
        const amount = Math.min(expected - a.paidCents, view.balanceCents);
        if (amount > 0)
          await handle.executeUpdate(registerPaymentUpdate, {
            args: [{ reference: `DRYRUN-${run.id}-${view.currentStep.visit}-${a.next}`, amountCents: amount, receivedAt: new Date(now).toISOString() }],
          });
        return;
      }
    }

    for (const task of view.openTasks) {
      if (answered.has(task.taskId)) continue;
      const step = steps.get(task.stepId);
      const choice = chooseTaskOutcome({ task, step, steps, behaviour, memory, balanceCents: view.balanceCents, todayMs: now });
      const actor: Actor = { userId: task.approval ? `dry-run-level-${task.approval.level + 1}` : 'dry-run-staff', roles: [task.role] };
      const spec = task.outcomes.find((o) => o.id === choice.outcome)?.fields ?? [];
      const fields = await stashFormText(this.deps.pool, run.caseId, actor.userId, spec, choice.fields);
      answered.add(task.taskId);
      if (task.kind === 'legal-review') memory.legalReviews++;
      if (task.outcomes.find((o) => o.id === choice.outcome)?.arrangement) memory.arrangementAgreed = true;
      try {
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, outcome: choice.outcome, fields, actor }] });
      } catch (err) {
        answered.delete(task.taskId);
        throw err;
      }
      return;
    }

    if (view.currentStep?.waitingOn.startsWith('partner:')) {
      const handover = await awaitingHandover(this.deps.pool, run.caseId);
      if (handover && !answered.has(handover.id)) {
        answered.add(handover.id);
        try {
          await handle.executeUpdate(handoverResponseUpdate, {
            args: [{ handoverId: handover.id, response: dryRunHandoverResponse(handover.partner, behaviour), actor: { userId: 'dry-run-partner', roles: ['caseworker'] } }],
          });
        } catch (err) {
          answered.delete(handover.id);
          throw err;
        }
      }
    }
  }

  private async cancel(run: DryRunRow, handle: WorkflowHandle, reason: string) {
    await finishDryRun(this.deps.pool, run.id, reason);
    try {
      await handle.executeUpdate(cancelUpdate, { args: [{ reason: `Proefrun gestopt (${reason})`, actor: { userId: 'dry-run', roles: ['collection-manager'] } }] });
    } catch {
      // Already closed, or not answering: make sure nothing keeps running.
      await handle.terminate(`dry run stopped (${reason})`).catch(() => undefined);
    }
  }
}
