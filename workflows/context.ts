// The loop's implementation of what a step kind's runner works with (step-context.ts): an
// idempotency key for this visit, the step's own progress (carried across continue-as-new),
// waiting on the case clock and out a pause, continue-as-new and migration at a wait,
// recording a timeline event, opening a human task. The loop (loop.ts) owns everything else.
import { allHandlersFinished, condition, patched, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities, CaseEventType, RecordEventInput } from '../activities/contracts.ts';
import type { Channel } from '../definition/catalog.ts';
import { idempotencyKey, type KeyPart } from '../definition/idempotency.ts';
import { nextMessageMoment, type MessageHours } from '../definition/message-hours.ts';
import type { CaseData, HumanRun, StepRun } from './case-data.ts';
import type { CaseState } from './case-state.ts';
import { awaitHuman } from './human-task.ts';
import { Interrupt } from './interrupt.ts';
import { applyMigration } from './migrate.ts';
import type { ContinueWith, HumanResult, HumanSpec, StepContext } from './step-context.ts';
import { upsertStatus } from './status.ts';
import { runnerOf } from './steps/index.ts';

export class CaseContext implements StepContext {
  readonly d: CaseData;

  constructor(
    readonly s: CaseState,
    readonly acts: CaseActivities,
    private readonly historyLimit: number,
    readonly continueWith: ContinueWith,
    /** When messages may reach the tenant: the hours this case started with (case-input.ts). */
    private readonly messageHours: MessageHours,
  ) {
    this.d = s.data;
  }

  // --- Keys and progress -------------------------------------------------------------------

  /** The idempotency key of an effect of the current step visit. */
  key(...parts: KeyPart[]): string {
    return idempotencyKey(this.d.caseId, this.d.current!.visit, ...parts);
  }

  /** The current step's progress, created on first use; it survives continue-as-new. */
  stepRun<K extends StepRun['kind']>(init: () => Extract<StepRun, { kind: K }>): Extract<StepRun, { kind: K }> {
    const current = this.d.current!;
    current.run ??= init();
    return current.run as Extract<StepRun, { kind: K }>;
  }

  /** The passed steps not yet written (start, decision, end), handed to the write that takes them along. */
  passed() {
    return (this.d.unrecorded ?? []).splice(0);
  }

  upsertStatus() {
    upsertStatus(this.s);
  }

  /** Records a timeline event of the current step under a key of this visit. */
  async record(type: CaseEventType, key: string, fields: Omit<RecordEventInput, 'caseId' | 'key' | 'type' | 'at' | 'stepId'> = {}) {
    await this.acts.recordEvent({ caseId: this.d.caseId, key, type, at: this.s.businessIso(), stepId: this.d.current?.stepId, ...fields });
  }

  // --- Interrupts ----------------------------------------------------------------------------

  /** The interrupt the case must leave its step for, if any: cancelled, or paid off while on the ladder. */
  pendingInterrupt(): Interrupt['reason'] | null {
    if (this.d.cancelled) return 'cancelled';
    if (this.s.pendingProposal) return 'forgiveness-proposed';
    if (this.s.pendingArrangement) return 'arrangement-agreed';
    if (this.d.phase !== 'ladder' || !this.d.paidOff || !this.d.current) return null;
    // A prevention process is about a risk, not a debt: a payment does not end it.
    if (this.s.purpose === 'prevention') return null;
    const step = this.s.step(this.d.current.stepId);
    return runnerOf(step).leavesWhenPaid ? 'balance-cleared' : null;
  }

  checkInterrupts() {
    const reason = this.pendingInterrupt();
    if (reason) throw new Interrupt(reason);
  }

  // --- Waiting -----------------------------------------------------------------------------

  /** Resolves once no pause holds the case; a paused case sends nothing and opens no tasks. */
  async active() {
    await condition(() => this.d.paused === null || this.pendingInterrupt() !== null);
    this.checkInterrupts();
  }

  /**
   * Waits until `deadline` on the case clock (or forever when null) or until `wake` holds.
   * The clock stops while the case is paused, so a resumed wait lasts only what was left.
   */
  sleepUntil(deadline: number | null, wake: () => boolean): Promise<'elapsed' | 'woken'> {
    return this.sleep(deadline, wake, true);
  }

  private async sleep(deadline: number | null, wake: () => boolean, mayContinueAsNew: boolean): Promise<'elapsed' | 'woken'> {
    const migrating = () => this.s.pendingMigration !== null;
    const stirred = () => wake() || this.pendingInterrupt() !== null || migrating();
    for (;;) {
      this.checkInterrupts();
      if (migrating()) await applyMigration(this, this.continueWith);
      if (wake()) return 'woken';
      if (mayContinueAsNew) await this.maybeContinueAsNew();
      if (this.d.paused) {
        await condition(() => this.d.paused === null || stirred());
        continue;
      }
      if (deadline === null) {
        await condition(() => this.d.paused !== null || stirred());
        continue;
      }
      const left = deadline - this.s.caseNow();
      if (left <= 0) return 'elapsed';
      await condition(() => this.d.paused !== null || stirred(), Math.ceil(left));
    }
  }

  /**
   * Resolves when a message on `channel` may reach the tenant (not paused, and within the
   * message hours: definition/message-hours.ts), or 'woken' when `wake` holds first. Every
   * message the engine sends waits here. The hold is a wait on the case clock like any
   * other: a pause stops it, cancel and a cleared balance interrupt it, and the moment is
   * worked out again after it (a pause may have carried it outside the hours). It is no point
   * to continue as new at: the sending step may have done part of its work already (the
   * arrangement counted the miss it now reports), which a new run would do again.
   */
  async untilAllowed(channel: Channel, wake: () => boolean = () => false): Promise<'allowed' | 'woken'> {
    await this.active();
    for (;;) {
      const now = this.s.businessNow();
      const at = nextMessageMoment(channel, now, this.messageHours);
      // Cases whose history sent at any hour (no 'quiet-hours' marker) replay without the hold.
      if (at <= now || !patched('quiet-hours')) return 'allowed';
      if ((await this.sleep(this.s.caseMomentOf(at), wake, false)) === 'woken') return 'woken';
    }
  }

  /**
   * Continue-as-new at a safe point: only while idle in a wait, never with a completion
   * accepted but not yet applied, and only after every running handler has finished.
   */
  async maybeContinueAsNew() {
    const info = workflowInfo();
    if (!info.continueAsNewSuggested && info.historyLength < this.historyLimit) return;
    const busy = () => this.s.completions.size > 0 || this.s.handoverResponses.size > 0;
    if (busy()) return;
    await condition(() => allHandlersFinished() || busy());
    if (busy()) return;
    await this.continueWith(this.d);
  }

  // --- People --------------------------------------------------------------------------------

  newHuman(taskId: string): HumanRun {
    return { kind: 'human', taskId, opened: false, base: 0, interval: 0, expiries: 0 };
  }

  /** Opens a task, escalates it by its deadline, and waits for a person (or the deadline) to close it. */
  human(run: HumanRun, spec: HumanSpec): Promise<HumanResult> {
    return awaitHuman(this, run, spec);
  }
}
