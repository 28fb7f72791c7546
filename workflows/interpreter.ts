// The interpreter: runs a case through the steps of its pinned definition. It is ordinary
// deterministic workflow code: time comes from the workflow clock, every side effect is an
// activity called with a key derived from the case id and the step visit, and every step
// keeps its progress in `data.current.run` so the case can continue as new mid-step.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { CaseActivities } from '../activities/contracts.ts';
import { defaultPlan, schedule, type Plan } from '../definition/arrangement.ts';
import { collectionCostsCents } from '../definition/costs.ts';
import { addDuration } from '../definition/duration.ts';
import { approvalOutcomes, outcomeFields } from '../definition/forms.ts';
import { factsEstablished, runtimeViolations, type Fact } from '../definition/legal.ts';
import type { Condition, Deadline, Definition, Step, StepOf } from '../definition/schema.ts';
import { planMigration } from './migration.ts';
import type { Role } from '../definition/catalog.ts';
import type { CaseState, HumanRun, OpenTask, StepRun } from './case-state.ts';
import * as sa from './search-attributes.ts';

export type CaseResult = { caseId: string; outcome: string; balanceCents: number; closedAt: string };

/** Thrown out of any wait when the case must leave its step: cancelled, or paid off. */
class Interrupt extends Error {
  constructor(readonly reason: 'cancelled' | 'balance-cleared') {
    super(reason);
  }
}

type HumanSpec = {
  stepId: string;
  title: string;
  kind: string;
  role: Role;
  instructions?: string;
  outcomes: OpenTask['outcomes'];
  deadline?: Deadline;
  approval?: { stepId: string; level: number; levelId: string; levels: number; subject: string };
};
type HumanResult = { outcome: string; fields: Record<string, unknown>; userId: string | null };

const DAY = 86_400_000;

export class Interpreter {
  private readonly d;

  constructor(
    private readonly s: CaseState,
    private readonly acts: CaseActivities,
    private readonly historyLimit: number,
    private readonly continueWith: (carried: CaseState['data'], definition?: { id: string; version: number; body: Definition }) => Promise<never>,
  ) {
    this.d = s.data;
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
    if (this.d.current === null) {
      const start = this.s.definition.steps.find((s) => s.kind === 'start' && s.trigger === 'case-opened');
      if (!start) throw new Error('definition has no start step');
      this.enter(start.id);
    }
    for (;;) {
      this.checkInterrupts();
      const current = this.d.current!;
      const step = this.s.step(current.stepId);
      if (!current.recorded) {
        const key = `${this.d.caseId}:${current.visit}:enter`;
        const at = this.s.businessIso();
        if (step.kind === 'start' || step.kind === 'decision' || step.kind === 'end') {
          (this.d.unrecorded ??= []).push({ key, visit: current.visit, at, stepId: step.id, stepName: step.name, stepKind: step.kind, ...(current.previous ? { previous: current.previous } : {}) });
        } else {
          await this.acts.recordStep({ caseId: this.d.caseId, key, visit: current.visit, at, progress: this.progress(step), previous: current.previous, passed: this.passed() });
        }
        current.recorded = true;
      }
      if (step.kind === 'end') return await this.finish(step.outcome, step.id);
      const outcome = await this.runStep(step);
      this.leave(step, outcome);
      const next = step.next[outcome];
      if (next === undefined) throw new Error(`step "${step.id}" has no next step for outcome "${outcome}"`);
      this.checkInterrupts();
      this.enter(next, { stepId: step.id, outcome });
      await this.maybeContinueAsNew();
    }
  }

  // --- Entering and leaving steps --------------------------------------------------------

  private enter(stepId: string, previous?: { stepId: string; outcome: string }) {
    const step = this.s.step(stepId);
    this.d.visits++;
    this.d.current = {
      stepId,
      visit: this.d.visits,
      enteredAt: this.s.businessNow(),
      recorded: false,
      run: null,
      // Counted now, before any await: a contact arriving while the step is being recorded counts.
      seen: { events: this.d.eventSeq, payments: this.d.paymentSeq },
      ...(previous ? { previous } : {}),
    };
    this.s.pushHistory({ stepId, kind: step.kind, visit: this.d.visits, enteredAt: this.s.businessNow() });
    this.upsert([
      { key: sa.CaseStep, value: stepId },
      { key: sa.CaseWaitingOn, value: this.progress(step).waitingOn },
    ]);
  }

  private expiredWithoutPerson = false;

  private leave(step: Step, outcome: string) {
    const record = this.d.history[this.d.history.length - 1];
    if (record && record.stepId === step.id) {
      record.leftAt = this.s.businessNow();
      record.outcome = outcome;
    }
    this.d.lastOutcome[step.id] = outcome;
    // The 14-day period is measured in real case time at run time, not inferred from a wait's length.
    const have = new Set(Object.keys(this.d.facts) as Fact[]);
    if (!this.expiredWithoutPerson) this.s.establish(factsEstablished(step, outcome, have).filter((f) => f !== 'fourteen-day-period'));
    this.expiredWithoutPerson = false;
  }

  /** The passed steps not yet written, handed to the write that takes them along. */
  private passed() {
    return (this.d.unrecorded ?? []).splice(0);
  }

  private progress(step: Step) {
    let waitingOn = 'engine';
    if (step.kind === 'task') waitingOn = this.d.openTasks[0]?.role ?? step.role;
    else if (step.kind === 'approval') waitingOn = this.d.openTasks[0]?.role ?? step.levels[0]!.role;
    else if (step.kind === 'wait' || step.kind === 'arrangement') waitingOn = 'tenant';
    else if (step.kind === 'handover' && step.response) waitingOn = `partner:${step.partner}`;
    else if (step.kind === 'end') waitingOn = 'none';
    return { stepId: step.id, stepName: step.name, stepKind: step.kind, balanceCents: this.d.balanceCents, status: this.s.status(), waitingOn };
  }

  private upsert(pairs: SearchAttributeUpdatePair[]) {
    upsertSearchAttributes(pairs);
  }

  private upsertStatus() {
    this.upsert([
      { key: sa.CaseStatus, value: this.s.status() },
      { key: sa.CasePaused, value: this.d.paused !== null },
      { key: sa.CaseBalance, value: this.d.balanceCents / 100 },
      { key: sa.CaseWaitingOn, value: this.s.waitingOn() },
    ]);
  }

  // --- Interrupts: cancel, paid off ------------------------------------------------------

  private checkInterrupts() {
    if (this.d.cancelled) throw new Interrupt('cancelled');
    const kind = this.d.current ? this.s.step(this.d.current.stepId).kind : undefined;
    if (this.d.phase === 'ladder' && this.d.paidOff && kind !== 'arrangement' && kind !== 'end') throw new Interrupt('balance-cleared');
  }

  private interruptPending(): boolean {
    if (this.d.cancelled) return true;
    const kind = this.d.current ? this.s.step(this.d.current.stepId).kind : undefined;
    return this.d.phase === 'ladder' && this.d.paidOff && kind !== 'arrangement';
  }

  /** Leaves the current step for an interrupt; returns the result when the case is over. */
  private async interrupted(reason: 'cancelled' | 'balance-cleared'): Promise<CaseResult | null> {
    const at = this.s.businessIso();
    const current = this.d.current;
    for (const task of [...this.d.openTasks]) {
      await this.acts.closeTask({ caseId: this.d.caseId, taskId: task.taskId, status: 'cancelled', reason, at });
      this.dropTask(task.taskId, reason === 'cancelled' ? 'the case was cancelled' : 'the arrears were paid in the meantime');
    }
    if (this.d.awaitingHandover) {
      await this.acts.closeHandover({ caseId: this.d.caseId, handoverId: this.d.awaitingHandover.handoverId, response: 'withdrawn', at });
      this.d.awaitingHandover = null;
    }
    if (current) this.leave(this.s.step(current.stepId), reason);
    this.d.blocked = null;
    if (reason === 'cancelled') {
      return await this.finish('cancelled', current?.stepId ?? 'start');
    }
    this.d.phase = 'settled';
    await this.acts.recordEvent({
      caseId: this.d.caseId,
      key: `${this.d.caseId}:${this.d.visits}:balance-cleared`,
      type: 'balance-cleared',
      at,
      stepId: current?.stepId,
      data: { totalPaidCents: this.d.totalPaidCents },
      passed: this.passed(),
    });
    const aftercare = this.s.definition.steps.find((s) => s.kind === 'start' && s.trigger === 'balance-cleared');
    if (!aftercare) return await this.finish('paid', current?.stepId ?? 'start');
    this.enter(aftercare.id, current ? { stepId: current.stepId, outcome: reason } : undefined);
    return null;
  }

  private dropTask(taskId: string, why: string) {
    this.d.openTasks = this.d.openTasks.filter((t) => t.taskId !== taskId);
    if (this.s.completions.has(taskId)) {
      this.s.completions.delete(taskId);
      this.s.completed.set(taskId, { error: `task ${taskId} was closed before it could be completed: ${why}` });
    }
  }

  private async finish(outcome: string, stepId: string): Promise<CaseResult> {
    this.d.phase = 'closed';
    this.d.outcome = outcome;
    const at = this.s.businessIso();
    await this.acts.closeCase({ caseId: this.d.caseId, key: `${this.d.caseId}:closed`, outcome, balanceCents: this.d.balanceCents, stepId, at, passed: this.passed() });
    this.upsertStatus();
    return { caseId: this.d.caseId, outcome, balanceCents: this.d.balanceCents, closedAt: at };
  }

  // --- Waiting -----------------------------------------------------------------------------

  /** Resolves once no pause holds the case; a paused case sends nothing and opens no tasks. */
  private async active() {
    await condition(() => this.d.paused === null || this.interruptPending());
    this.checkInterrupts();
  }

  /**
   * Waits until `deadline` on the case clock (or forever when null) or until `wake` holds.
   * The clock stops while the case is paused, so a resumed wait lasts only what was left.
   */
  private async sleepUntil(deadline: number | null, wake: () => boolean): Promise<'elapsed' | 'woken'> {
    const migrating = () => this.s.pendingMigration !== null;
    for (;;) {
      this.checkInterrupts();
      if (migrating()) await this.migrate();
      if (wake()) return 'woken';
      await this.maybeContinueAsNew();
      if (this.d.paused) {
        await condition(() => this.d.paused === null || wake() || this.interruptPending() || migrating());
        continue;
      }
      if (deadline === null) {
        await condition(() => this.d.paused !== null || wake() || this.interruptPending() || migrating());
        continue;
      }
      const left = deadline - this.s.caseNow();
      if (left <= 0) return 'elapsed';
      await condition(() => this.d.paused !== null || wake() || this.interruptPending() || migrating(), Math.ceil(left));
    }
  }

  /**
   * Continue-as-new at a safe point: only while idle in a wait, never with a completion
   * accepted but not yet applied, and only after every running handler has finished.
   */
  private async maybeContinueAsNew() {
    const info = workflowInfo();
    if (!info.continueAsNewSuggested && info.historyLength < this.historyLimit) return;
    const busy = () => this.s.completions.size > 0 || this.s.handoverResponses.size > 0;
    if (busy()) return;
    await condition(() => allHandlersFinished() || busy());
    if (busy()) return;
    await this.continueWith(this.d);
  }

  /**
   * Moves the case to the migration's version and continues as new on it. The wait keeps the
   * time it already waited: its deadline shifts by the difference in duration, if any.
   */
  private async migrate() {
    const m = this.s.pendingMigration!;
    this.s.pendingMigration = null;
    const current = this.d.current;
    const run = current?.run;
    const plan = planMigration(
      {
        definition: this.d.definition,
        phase: this.d.phase,
        currentStep: current ? { id: current.stepId, kind: this.s.step(current.stepId).kind } : null,
        openTasks: this.d.openTasks.length,
        awaitingHandover: this.d.awaitingHandover !== null,
      },
      m.definition,
      m.mapping,
    );
    if (!plan.ok || !current || run?.kind !== 'wait') {
      this.s.migrationOutcome = { error: plan.ok ? 'the case left its wait in the meantime' : plan.reason };
      return;
    }
    const before = this.s.step(plan.fromStep) as StepOf<'wait'>;
    const after = m.definition.body.steps.find((s) => s.id === plan.toStep) as StepOf<'wait'>;
    run.deadline += this.s.caseMsFor(after.duration, after.workingDays) - this.s.caseMsFor(before.duration, before.workingDays);
    const remainingMs = Math.max(0, (run.deadline - this.s.caseNow()) * this.d.timeScale);
    const fromVersion = this.d.definition.version;
    current.stepId = plan.toStep;
    const record = this.d.history[this.d.history.length - 1];
    if (record?.stepId === plan.fromStep) record.stepId = plan.toStep;
    const known = new Set(m.definition.body.steps.map((s) => s.id));
    this.d.lastOutcome = Object.fromEntries(
      Object.entries(this.d.lastOutcome)
        .map(([id, outcome]) => [m.mapping[id] ?? id, outcome] as const)
        .filter(([id]) => known.has(id)),
    );
    this.d.definition = { id: m.definition.id, version: m.definition.version };
    await this.acts.recordEvent({
      caseId: this.d.caseId,
      key: `${this.d.caseId}:migrated:${m.definition.version}`,
      type: 'migrated',
      at: this.s.businessIso(),
      by: m.by,
      stepId: plan.toStep,
      data: { fromVersion, toVersion: m.definition.version, fromStep: plan.fromStep, toStep: plan.toStep, remainingMs },
      patch: { definition: { version: m.definition.version, stepId: plan.toStep, stepName: after.name } },
    });
    this.upsert([
      { key: sa.CaseDefinitionVersion, value: m.definition.version },
      { key: sa.CaseStep, value: plan.toStep },
    ]);
    this.s.migrationOutcome = { fromVersion, toVersion: m.definition.version, fromStep: plan.fromStep, toStep: plan.toStep, remainingMs };
    await condition(allHandlersFinished);
    await this.continueWith(this.d, m.definition);
  }

  // --- Steps ---------------------------------------------------------------------------------

  private async runStep(step: Step): Promise<string> {
    switch (step.kind) {
      case 'start':
        return 'next';
      case 'communicate':
        return await this.communicate(step);
      case 'wait':
        return await this.wait(step);
      case 'task':
        return await this.task(step);
      case 'approval':
        return await this.approval(step);
      case 'arrangement':
        return await this.arrangement(step);
      case 'handover':
        return await this.handover(step);
      case 'decision':
        return this.decide(step);
      case 'collection-costs':
        return await this.collectionCosts(step);
      case 'end':
        throw new Error('an end step has no outcome');
    }
  }

  private stepRun<K extends StepRun['kind']>(init: () => Extract<StepRun, { kind: K }>): Extract<StepRun, { kind: K }> {
    const current = this.d.current!;
    current.run ??= init();
    return current.run as Extract<StepRun, { kind: K }>;
  }

  private key(...parts: Array<string | number>) {
    return [this.d.caseId, this.d.current!.visit, ...parts].join(':');
  }

  private async communicate(step: StepOf<'communicate'>): Promise<string> {
    await this.active();
    const result = await this.acts.sendMessage({
      caseId: this.d.caseId,
      key: this.key(),
      stepId: step.id,
      channel: step.channel,
      templateId: step.template,
      purpose: step.purpose,
      at: this.s.businessIso(),
      variables: {
        amountCents: this.d.balanceCents,
        dueDate: this.d.dueDate,
        ...(step.purpose === 'fourteen-day-letter' ? { collectionCostsCents: collectionCostsCents(this.d.balanceCents) } : {}),
      },
    });
    return result.status;
  }

  private async wait(step: StepOf<'wait'>): Promise<string> {
    const run = this.stepRun<'wait'>(() => ({
      kind: 'wait',
      deadline: this.s.caseNow() + this.s.caseMsFor(step.duration, step.workingDays),
      eventSeq: this.d.current!.seen?.events ?? this.d.eventSeq,
      paymentSeq: this.d.current!.seen?.payments ?? this.d.paymentSeq,
    }));
    const ending = (): string | undefined => {
      if (step.endsOn.includes('payment') && this.d.paymentSeq > run.paymentSeq) return 'payment';
      return this.d.events.find((e) => e.seq > run.eventSeq && step.endsOn.includes(e.type))?.type;
    };
    const result = await this.sleepUntil(run.deadline, () => ending() !== undefined);
    return result === 'woken' ? ending()! : 'elapsed';
  }

  private async task(step: StepOf<'task'>): Promise<string> {
    const run = this.stepRun<'human'>(() => this.newHuman(this.key('task')));
    const result = await this.human(run, {
      stepId: step.id,
      title: step.name,
      kind: step.task,
      role: step.role,
      instructions: step.instructions,
      outcomes: step.outcomes.map((o) => ({ id: o.id, label: o.label, arrangement: o.arrangement, fields: outcomeFields(o) })),
      deadline: step.deadline,
    });
    const chosen = step.outcomes.find((o) => o.id === result.outcome);
    if (chosen?.meaning === 'data-sharing-refused') this.d.dataSharingRefused = true;
    if (chosen?.arrangement && result.userId) {
      const f = result.fields;
      this.d.agreedPlan = {
        instalmentCents: f.instalmentCents as number,
        instalments: f.instalments as number,
        interval: f.interval as Plan['interval'],
        firstDueDate: f.firstDueDate as string,
      };
    }
    // A task closed by its deadline was never done by a person: it proves no contact attempt.
    this.expiredWithoutPerson = result.userId === null;
    return result.outcome;
  }

  private newHuman(taskId: string): HumanRun {
    return { kind: 'human', taskId, opened: false, base: 0, interval: 0, expiries: 0 };
  }

  /** Opens a task, escalates it by its deadline, and waits for a person (or the deadline) to close it. */
  private async human(run: HumanRun, spec: HumanSpec): Promise<HumanResult> {
    const caseId = this.d.caseId;
    if (!run.opened) {
      await this.active();
      const now = this.s.businessNow();
      const dueAt = spec.deadline ? addDuration(now, spec.deadline.within) : null;
      const task: OpenTask = {
        taskId: run.taskId,
        stepId: spec.stepId,
        title: spec.title,
        kind: spec.kind,
        role: spec.role,
        alsoRoles: [],
        outcomes: spec.outcomes,
        openedAt: now,
        dueAt,
        ...(spec.approval ? { approval: { stepId: spec.approval.stepId, level: spec.approval.level } } : {}),
      };
      // Listed before the activity runs: the row becomes visible to staff during it, and a
      // completion arriving then must find the task open (it is applied after the activity).
      this.d.openTasks.push(task);
      await this.acts.openTask({
        taskId: run.taskId,
        caseId,
        stepId: spec.stepId,
        kind: spec.kind,
        title: spec.title,
        role: spec.role,
        instructions: spec.instructions,
        dueAt: dueAt === null ? undefined : new Date(dueAt).toISOString(),
        outcomes: spec.outcomes.map((o) => ({ id: o.id, label: o.label, fields: o.fields })),
        approval: spec.approval,
        at: new Date(now).toISOString(),
      });
      run.opened = true;
      run.base = this.s.caseNow();
      run.interval = spec.deadline ? this.s.caseMsFor(spec.deadline.within) : 0;
      this.upsert([{ key: sa.CaseWaitingOn, value: spec.role }]);
    }
    for (;;) {
      const actions = spec.deadline?.onExpiry ?? [];
      const deadline = run.expiries < actions.length ? run.base + run.interval * (run.expiries + 1) : null;
      const result = await this.sleepUntil(deadline, () => this.s.completions.has(run.taskId));
      const task = this.d.openTasks.find((t) => t.taskId === run.taskId);
      if (result === 'woken') {
        const c = this.s.completions.get(run.taskId)!;
        await this.acts.closeTask({ caseId, taskId: run.taskId, status: 'completed', outcome: c.outcome, fields: c.fields, by: c.userId, at: this.s.businessIso() });
        this.d.openTasks = this.d.openTasks.filter((t) => t.taskId !== run.taskId);
        this.s.completions.delete(run.taskId);
        this.s.completed.set(run.taskId, { outcome: c.outcome });
        return { outcome: c.outcome, fields: c.fields, userId: c.userId };
      }
      const action = actions[run.expiries]!;
      run.expiries++;
      const at = this.s.businessIso();
      const nextDue = run.expiries < actions.length ? new Date(this.s.businessMomentOf(run.base + run.interval * (run.expiries + 1))).toISOString() : undefined;
      if (action.action === 'outcome') {
        await this.acts.closeTask({ caseId, taskId: run.taskId, status: 'expired', outcome: action.outcome, at });
        this.dropTask(run.taskId, 'its deadline passed');
        return { outcome: action.outcome, fields: {}, userId: null };
      }
      await this.active();
      if (action.action === 'escalate' && task) {
        if (!task.alsoRoles.includes(task.role)) task.alsoRoles.push(task.role);
        task.role = action.role;
        this.upsert([{ key: sa.CaseWaitingOn, value: action.role }]);
      }
      if (task && nextDue) task.dueAt = Date.parse(nextDue);
      await this.acts.escalateTask({
        caseId,
        taskId: run.taskId,
        key: `${run.taskId}:expiry:${run.expiries}`,
        action: action.action,
        ...(action.action === 'escalate' ? { role: action.role } : {}),
        ...(nextDue ? { dueAt: nextDue } : {}),
        at,
      });
    }
  }

  private async approval(step: StepOf<'approval'>): Promise<string> {
    const run = this.stepRun<'approval'>(() => ({ kind: 'approval', level: 0, proposal: null, human: null }));
    while (run.level < step.levels.length) {
      const level = step.levels[run.level]!;
      run.human ??= this.newHuman(this.key('approval', run.level));
      const result = await this.human(run.human, {
        stepId: step.id,
        title: `${step.name}: ${level.label}`,
        kind: 'approval',
        role: level.role,
        outcomes: approvalOutcomes(level, step.subject).map((o) => ({ id: o.id, label: o.label, arrangement: false, fields: o.fields })),
        deadline: level.deadline,
        approval: { stepId: step.id, level: run.level, levelId: level.id, levels: step.levels.length, subject: step.subject },
      });
      const amountCents = typeof result.fields.amountCents === 'number' ? result.fields.amountCents : undefined;
      const reason = typeof result.fields.reason === 'string' ? result.fields.reason : undefined;
      const record = {
        stepId: step.id,
        visit: this.d.current!.visit,
        level: run.level,
        levelId: level.id,
        role: level.role,
        userId: result.userId ?? 'deadline',
        decision: result.outcome,
        ...(amountCents !== undefined ? { amountCents } : {}),
        ...(reason !== undefined ? { reason } : {}),
        at: this.s.businessNow(),
      };
      this.d.approvals.push(record);
      await this.acts.recordEvent({
        caseId: this.d.caseId,
        key: this.key('approval', run.level, 'decision'),
        type: 'approval-decision',
        at: this.s.businessIso(),
        by: record.userId,
        stepId: step.id,
        data: { level: level.id, role: level.role, decision: result.outcome, amountCents, reason, previousAmountCents: run.proposal?.amountCents },
      });
      if (result.outcome === 'reject' || result.outcome === 'withdraw') return 'rejected';
      if (result.outcome === 'propose') run.proposal = { amountCents, reason };
      else if (amountCents !== undefined && run.proposal) run.proposal.amountCents = amountCents;
      run.level++;
      run.human = null;
    }
    if (step.subject === 'forgiveness') {
      const amount = Math.max(0, Math.min(run.proposal?.amountCents ?? 0, this.d.balanceCents));
      this.d.balanceCents -= amount;
      this.d.forgivenCents += amount;
      this.upsertStatus();
      await this.acts.recordEvent({
        caseId: this.d.caseId,
        key: this.key('forgiven'),
        type: 'forgiven',
        at: this.s.businessIso(),
        stepId: step.id,
        data: { amountCents: amount },
        patch: { balance: this.s.balancePatch() },
      });
    }
    return 'approved';
  }

  private async arrangement(step: StepOf<'arrangement'>): Promise<string> {
    const run = this.stepRun<'arrangement'>(() => {
      const plan = this.d.agreedPlan ?? defaultPlan(step, this.d.balanceCents, this.s.businessNow());
      this.d.agreedPlan = null;
      return {
        kind: 'arrangement',
        plan,
        startCase: this.s.caseNow(),
        startBusiness: this.s.businessNow(),
        paidAtStart: this.d.totalPaidCents,
        balanceAtStart: this.d.balanceCents,
        index: 0,
        phase: 'remind',
        misses: 0,
        announced: false,
      };
    });
    const instalments = schedule(run.plan, run.balanceAtStart);
    if (!run.announced) {
      await this.acts.recordEvent({
        caseId: this.d.caseId,
        key: this.key('arrangement-started'),
        type: 'arrangement-started',
        at: this.s.businessIso(),
        stepId: step.id,
        data: { plan: run.plan, instalments: instalments.map((i) => ({ dueDate: new Date(i.dueMs).toISOString().slice(0, 10), amountCents: i.amountCents })) },
      });
      run.announced = true;
    }
    const onCase = (businessMs: number) => run.startCase + (businessMs - run.startBusiness) / this.d.timeScale;
    const paid = () => this.d.totalPaidCents - run.paidAtStart;
    const cleared = () => this.d.balanceCents <= 0;
    const expectedBy = (index: number) => instalments.slice(0, index + 1).reduce((sum, i) => sum + i.amountCents, 0);
    const message = async (kind: 'reminder' | 'missed', index: number) => {
      const ref = kind === 'reminder' ? step.reminder : step.missed;
      const inst = instalments[index]!;
      await this.active();
      await this.acts.sendMessage({
        caseId: this.d.caseId,
        key: this.key(kind, index),
        stepId: step.id,
        channel: ref.channel,
        templateId: ref.template,
        purpose: kind === 'reminder' ? 'arrangement-reminder' : 'arrangement-missed',
        at: this.s.businessIso(),
        variables: {
          amountCents: this.d.balanceCents,
          dueDate: this.d.dueDate,
          instalmentCents: inst.amountCents,
          instalmentDate: new Date(inst.dueMs).toISOString().slice(0, 10),
        },
      });
    };
    while (run.index < instalments.length) {
      const inst = instalments[run.index]!;
      if (run.phase === 'remind') {
        const remindAt = onCase(inst.dueMs - (addDuration(inst.dueMs, step.reminder.before) - inst.dueMs));
        if ((await this.sleepUntil(remindAt, cleared)) === 'woken') return 'completed';
        if (paid() < expectedBy(run.index)) await message('reminder', run.index);
        run.phase = 'check';
      }
      const checkAt = onCase(addDuration(inst.dueMs, step.gracePeriod));
      if ((await this.sleepUntil(checkAt, cleared)) === 'woken') return 'completed';
      if (paid() < expectedBy(run.index)) {
        run.misses++;
        await this.acts.recordEvent({
          caseId: this.d.caseId,
          key: this.key('missed-event', run.index),
          type: 'arrangement-missed',
          at: this.s.businessIso(),
          stepId: step.id,
          data: { instalment: run.index + 1, expectedCents: expectedBy(run.index), paidCents: paid(), misses: run.misses },
        });
        if (run.misses > step.allowedMisses) return 'broken';
        await message('missed', run.index);
      }
      run.index++;
      run.phase = 'remind';
    }
    return cleared() ? 'completed' : 'broken';
  }

  /** The run-time legal check before an adverse step: a failing check holds the case for a person. */
  private async legalGate(step: Step) {
    for (;;) {
      const violations = runtimeViolations(step, this.d.facts, this.s.businessNow());
      if (violations.length === 0) {
        if (this.d.blocked) {
          this.d.blocked = null;
          this.upsertStatus();
        }
        return;
      }
      const first = violations[0]!;
      const run = this.stepRun<'blocked'>(() => ({ kind: 'blocked', human: null, round: ++this.d.legalBlocks }));
      if (!this.d.blocked) {
        this.d.blocked = { stepId: step.id, rule: first.rule, missing: first.missing };
        this.upsertStatus();
        await this.acts.recordEvent({
          caseId: this.d.caseId,
          key: this.key('legal-block', run.round),
          type: 'legal-block',
          at: this.s.businessIso(),
          stepId: step.id,
          data: { violations },
          patch: { status: this.s.statusPatch() },
        });
      }
      run.human ??= this.newHuman(this.key('legal-block', run.round, 'task'));
      const result = await this.human(run.human, {
        stepId: step.id,
        title: `Juridische controle blokkeert "${step.name}"`,
        kind: 'legal-review',
        role: 'team-lead',
        instructions: `Voor deze stap ontbreekt: ${first.missing.join(', ')}. Leg het ontbrekende vast (bijvoorbeeld een contactmoment) en controleer opnieuw, of stop de zaak.`,
        outcomes: [
          { id: 'recheck', label: 'Opnieuw controleren', arrangement: false, fields: [] },
          { id: 'stop', label: 'Zaak stoppen', arrangement: false, fields: [{ id: 'reason', label: 'Reden', type: 'longtext', required: true }] },
        ],
      });
      run.human = null;
      this.d.blocked = null;
      this.d.current!.run = null;
      this.upsertStatus();
      await this.acts.recordEvent({
        caseId: this.d.caseId,
        key: this.key('legal-block-lifted', run.round),
        type: 'legal-block-lifted',
        at: this.s.businessIso(),
        by: result.userId ?? undefined,
        stepId: step.id,
        data: { decision: result.outcome },
        patch: { status: this.s.statusPatch() },
      });
      if (result.outcome === 'stop') {
        this.d.cancelled = { reason: String(result.fields.reason ?? 'stopped after a legal check'), by: result.userId ?? 'system' };
        throw new Interrupt('cancelled');
      }
    }
  }

  private async handover(step: StepOf<'handover'>): Promise<string> {
    if (!this.d.current!.run || this.d.current!.run.kind === 'blocked') await this.legalGate(step);
    if (step.partner === 'municipality-signal' && this.d.dataSharingRefused) {
      await this.acts.recordEvent({
        caseId: this.d.caseId,
        key: this.key('signal-withheld'),
        type: 'municipality-signal-withheld',
        at: this.s.businessIso(),
        stepId: step.id,
        data: { reason: 'the tenant refused the offer to pass their details to the municipality' },
      });
      return 'refused';
    }
    const run = this.stepRun<'handover'>(() => ({ kind: 'handover', handoverId: this.key('handover'), recorded: false, deadline: null }));
    if (!run.recorded) {
      await this.active();
      await this.acts.recordHandover({
        caseId: this.d.caseId,
        handoverId: run.handoverId,
        stepId: step.id,
        partner: step.partner,
        purpose: step.purpose,
        arrearsCents: this.d.balanceCents,
        at: this.s.businessIso(),
        awaitsResponse: step.response !== undefined,
      });
      run.recorded = true;
      run.deadline = step.response ? this.s.caseNow() + this.s.caseMsFor(step.response.within) : null;
    }
    if (!step.response) return 'accepted';
    this.d.awaitingHandover = { handoverId: run.handoverId, stepId: step.id };
    const result = await this.sleepUntil(run.deadline, () => this.s.handoverResponses.has(run.handoverId));
    const answer = result === 'woken' ? this.s.handoverResponses.get(run.handoverId)! : { response: step.response.otherwise, by: 'deadline' };
    await this.acts.closeHandover({
      caseId: this.d.caseId,
      handoverId: run.handoverId,
      response: answer.response,
      by: answer.by,
      ...('note' in answer && answer.note ? { note: answer.note } : {}),
      at: this.s.businessIso(),
    });
    this.d.awaitingHandover = null;
    this.s.handoverResponses.delete(run.handoverId);
    return answer.response;
  }

  private decide(step: StepOf<'decision'>): string {
    return step.branches.find((b) => this.holds(b.when))?.id ?? 'otherwise';
  }

  private holds(c: Condition): boolean {
    const compare = (a: number, op: 'lt' | 'lte' | 'gt' | 'gte', b: number) => (op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : a >= b);
    switch (c.on) {
      case 'segment':
        return this.d.segment.confirmed !== null && c.in.includes(this.d.segment.confirmed);
      case 'balance':
        return compare(this.d.balanceCents, c.op, c.cents);
      case 'days-overdue':
        return compare(Math.floor((this.s.businessNow() - Date.parse(`${this.d.dueDate}T00:00:00Z`)) / DAY), c.op, c.days);
      case 'outcome':
        return this.d.lastOutcome[c.step] === c.is;
    }
  }

  private async collectionCosts(step: StepOf<'collection-costs'>): Promise<string> {
    await this.legalGate(step);
    if (this.d.costsChargedCents !== null || this.d.balanceCents <= 0) return 'charged';
    const costs = collectionCostsCents(this.d.balanceCents);
    this.d.costsChargedCents = costs;
    this.d.balanceCents += costs;
    this.upsertStatus();
    await this.acts.recordEvent({
      caseId: this.d.caseId,
      key: this.key('costs'),
      type: 'collection-costs',
      at: this.s.businessIso(),
      stepId: step.id,
      data: { costsCents: costs },
      patch: { balance: this.s.balancePatch() },
    });
    return 'charged';
  }
}
