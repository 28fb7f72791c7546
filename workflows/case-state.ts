// The whole state of one case, in one object shared by the main loop and the message
// handlers. `data` is plain JSON: it is what continue-as-new carries to the next run, so a
// case resumes mid-step (a wait keeps its deadline, a task its escalation) on a new run.
import type { Plan } from '../definition/arrangement.ts';
import type { Role, Segment } from '../definition/catalog.ts';
import { addDuration } from '../definition/duration.ts';
import type { Fact } from '../definition/legal.ts';
import type { Definition, Step, StepKind, TaskOutcome } from '../definition/schema.ts';
import type { Field } from '../definition/schema.ts';
import type { Migrated } from './messages.ts';
import type { PassedStep } from '../activities/contracts.ts';

export type OpenTask = {
  taskId: string;
  stepId: string;
  title: string;
  kind: string;
  role: Role;
  /** Roles that may still complete it after an escalation moved it on. */
  alsoRoles: Role[];
  outcomes: Array<Pick<TaskOutcome, 'id' | 'label' | 'arrangement'> & { fields: Field[] }>;
  openedAt: number;
  dueAt: number | null;
  approval?: { stepId: string; level: number };
};

export type ApprovalRecord = {
  stepId: string;
  visit: number;
  level: number;
  levelId: string;
  role: Role;
  userId: string;
  decision: string;
  amountCents?: number;
  reason?: string;
  at: number;
};

export type HumanRun = { kind: 'human'; taskId: string; opened: boolean; base: number; interval: number; expiries: number };

export type StepRun =
  | { kind: 'wait'; deadline: number; eventSeq: number; paymentSeq: number }
  | HumanRun
  | { kind: 'approval'; level: number; proposal: { amountCents?: number; reason?: string } | null; human: HumanRun | null }
  | { kind: 'handover'; handoverId: string; recorded: boolean; deadline: number | null }
  | {
      kind: 'arrangement';
      plan: Plan;
      startCase: number;
      startBusiness: number;
      paidAtStart: number;
      balanceAtStart: number;
      index: number;
      phase: 'remind' | 'check';
      misses: number;
      announced: boolean;
    }
  | { kind: 'blocked'; human: HumanRun | null; round: number };

export type StepRecord = { stepId: string; kind: StepKind; visit: number; enteredAt: number; leftAt?: number; outcome?: string };

export type CaseData = {
  caseId: string;
  tenancyId: string;
  definition: { id: string; version: number };
  timeScale: number;
  /** Business time = businessAnchor + (workflow time − realAnchor) × timeScale. */
  anchor: { business: number; real: number };
  /** The case clock runs only while the case is not paused; every step deadline is on it. */
  clock: { activeMs: number; activeSince: number | null };
  dueDate: string;
  arrearsCents: number;
  balanceCents: number;
  totalPaidCents: number;
  forgivenCents: number;
  costsChargedCents: number | null;
  /** Set when a payment (not a forgiveness) brings the balance to zero: the ladder is left. */
  paidOff: boolean;
  payments: string[];
  paymentSeq: number;
  events: Array<{ seq: number; type: string; at: number }>;
  eventSeq: number;
  visits: number;
  phase: 'ladder' | 'settled' | 'closed';
  current: {
    stepId: string;
    visit: number;
    enteredAt: number;
    recorded: boolean;
    run: StepRun | null;
    previous?: { stepId: string; outcome: string };
    /** Events and payments counted when the step was entered: a wait ends on what comes after. */
    seen?: { events: number; payments: number };
  } | null;
  legalBlocks: number;
  history: StepRecord[];
  historyDropped: number;
  lastOutcome: Record<string, string>;
  facts: Partial<Record<Fact, number>>;
  dataSharingRefused: boolean;
  segment: { suggested: Segment | null; confirmed: Segment | null };
  openTasks: OpenTask[];
  approvals: ApprovalRecord[];
  agreedPlan: Plan | null;
  awaitingHandover: { handoverId: string; stepId: string } | null;
  paused: { reason: string; reviewDate: string; by: string; since: number } | null;
  cancelled: { reason: string; by: string } | null;
  blocked: { stepId: string; rule: string; missing: Fact[] } | null;
  outcome: string | null;
  runs: number;
  /** Orders the read-model patches this case sends (see ReadModelPatch). */
  modelSeq: number;
  /** Steps passed without a write of their own, written with the next one (see PassedStep). */
  unrecorded?: PassedStep[];
};

export type Completion = { taskId: string; outcome: string; fields: Record<string, unknown>; userId: string; at: number };

export const HISTORY_KEPT = 200;

export class CaseState {
  readonly steps = new Map<string, Step>();
  /** Completions accepted by the update validator, waiting for the main loop (not carried: handlers finish before continue-as-new). */
  readonly completions = new Map<string, Completion>();
  readonly completed = new Map<string, { outcome: string } | { error: string }>();
  readonly handoverResponses = new Map<string, { response: 'accepted' | 'refused'; by: string; note?: string }>();
  /** A migration accepted by the validator, applied by the main loop at its wait. */
  pendingMigration: { definition: { id: string; version: number; body: Definition }; mapping: Record<string, string>; by: string } | null = null;
  migrationOutcome: Migrated | { error: string } | null = null;

  constructor(
    readonly data: CaseData,
    readonly definition: Definition,
  ) {
    for (const step of definition.steps) this.steps.set(step.id, step);
  }

  step(id: string): Step {
    const step = this.steps.get(id);
    if (!step) throw new Error(`step "${id}" is not in definition ${this.data.definition.id} v${this.data.definition.version}`);
    return step;
  }

  // --- Time -------------------------------------------------------------------------------

  caseNow(): number {
    const c = this.data.clock;
    return c.activeMs + (c.activeSince === null ? 0 : Date.now() - c.activeSince);
  }

  businessNow(): number {
    return this.data.anchor.business + (Date.now() - this.data.anchor.real) * this.data.timeScale;
  }

  businessIso(): string {
    return new Date(this.businessNow()).toISOString();
  }

  /** How long, on the case clock, until a business duration from now has passed. */
  caseMsFor(duration: string, workingDays = false): number {
    const now = this.businessNow();
    return Math.max(1, (addDuration(now, duration, workingDays) - now) / this.data.timeScale);
  }

  /** Where a future business moment falls on the case clock. */
  caseMomentOf(businessMs: number): number {
    return this.caseNow() + (businessMs - this.businessNow()) / this.data.timeScale;
  }

  /** Where a case-clock moment falls in business time, were the case not paused until then. */
  businessMomentOf(caseMs: number): number {
    return this.businessNow() + (caseMs - this.caseNow()) * this.data.timeScale;
  }

  // --- Pause --------------------------------------------------------------------------------

  pause(reason: string, reviewDate: string, by: string) {
    this.data.clock = { activeMs: this.caseNow(), activeSince: null };
    this.data.paused = { reason, reviewDate, by, since: this.businessNow() };
  }

  resume() {
    this.data.clock = { activeMs: this.data.clock.activeMs, activeSince: Date.now() };
    this.data.paused = null;
  }

  // --- Money ------------------------------------------------------------------------------

  /** Applies a payment once per reference; a payment that clears the balance leaves the ladder. */
  applyPayment(reference: string, amountCents: number): { duplicate: boolean } {
    if (this.data.payments.includes(reference)) return { duplicate: true };
    this.data.payments.push(reference);
    if (this.data.payments.length > 1000) this.data.payments.splice(0, this.data.payments.length - 1000);
    const before = this.data.balanceCents;
    this.data.balanceCents -= amountCents;
    this.data.totalPaidCents += amountCents;
    this.data.paymentSeq++;
    if (before > 0 && this.data.balanceCents <= 0) this.data.paidOff = true;
    return { duplicate: false };
  }

  balancePatch() {
    return { cents: this.data.balanceCents, seq: ++this.data.modelSeq };
  }

  statusPatch() {
    const status = this.status();
    const p = this.data.paused;
    return {
      value: status === 'closed' ? ('active' as const) : status,
      pause: p ? { reason: p.reason, reviewDate: p.reviewDate } : null,
      seq: ++this.data.modelSeq,
    };
  }

  addEvent(type: string) {
    this.data.eventSeq++;
    this.data.events.push({ seq: this.data.eventSeq, type, at: this.businessNow() });
    if (this.data.events.length > 100) this.data.events.shift();
    return this.data.eventSeq;
  }

  // --- Facts --------------------------------------------------------------------------------

  establish(facts: Fact[]) {
    for (const f of facts) this.data.facts[f] ??= this.businessNow();
  }

  // --- Where the case is ---------------------------------------------------------------------

  status(): 'active' | 'paused' | 'blocked' | 'closed' {
    if (this.data.phase === 'closed') return 'closed';
    if (this.data.paused) return 'paused';
    if (this.data.blocked) return 'blocked';
    return 'active';
  }

  /** Who the case waits on right now: a role, the tenant, a partner, or time. */
  waitingOn(): string {
    const task = this.data.openTasks[0];
    if (task) return task.role;
    const step = this.data.current ? this.steps.get(this.data.current.stepId) : undefined;
    if (!step) return 'none';
    if (step.kind === 'handover' && this.data.awaitingHandover) return `partner:${step.partner}`;
    if (step.kind === 'wait' || step.kind === 'arrangement') return 'tenant';
    return 'engine';
  }

  pushHistory(record: StepRecord) {
    this.data.history.push(record);
    if (this.data.history.length > HISTORY_KEPT) {
      this.data.history.shift();
      this.data.historyDropped++;
    }
  }
}
