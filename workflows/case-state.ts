// The whole state of one case, in one object shared by the main loop and the message
// handlers: the carried data (case-data.ts), the definition, and what handlers hand to the
// loop. Time, pause, money and facts change only through the methods here.
import type { Plan } from '../definition/arrangement.ts';
import { patched } from '@temporalio/workflow';
import type { CaseStatus } from '../definition/case-status.ts';
import { addDuration } from '../definition/duration.ts';
import type { Fact } from '../definition/legal.ts';
import { purposeOf, type CasePurpose } from '../definition/prevention.ts';
import type { Definition, Step } from '../definition/schema.ts';
import type { CaseData, Completion, StepRecord } from './case-data.ts';
import type { Migrated } from './migration.ts';

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
  /** A forgiveness proposed on the case page, accepted by the validator, taken by the loop (forgiveness.ts). */
  pendingProposal: { stepId: string; amountCents: number; reason: string; by: string } | null = null;
  /** A plan the tenant proposed within the limits (or a caseworker agreed on their proposal), taken by the loop (tenant-requests.ts). */
  pendingArrangement: { stepId: string; plan: Plan; by: string } | null = null;

  constructor(
    readonly data: CaseData,
    readonly definition: Definition,
  ) {
    for (const step of definition.steps) this.steps.set(step.id, step);
  }

  /** Prevention or arrears, as the definition's start says (definition/prevention.ts). */
  get purpose(): CasePurpose {
    return purposeOf(this.definition);
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
    // Working days skip Dutch public holidays; a case whose history counted weekdays only
    // (no 'dutch-holidays' marker) replays with the deadlines it computed then.
    const calendar = workingDays && !patched('dutch-holidays') ? 'weekdays' : 'dutch';
    return Math.max(1, (addDuration(now, duration, workingDays, calendar) - now) / this.data.timeScale);
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

  /**
   * Applies a payment once per reference; a payment that clears the balance leaves the ladder.
   * The balance never goes below zero: what is paid beyond it is a credit, owed to the tenant.
   */
  applyPayment(reference: string, amountCents: number): { duplicate: boolean; excessCents: number } {
    if (this.data.payments.includes(reference)) return { duplicate: true, excessCents: 0 };
    this.data.payments.push(reference);
    if (this.data.payments.length > 1000) this.data.payments.splice(0, this.data.payments.length - 1000);
    const before = this.data.balanceCents;
    const applied = Math.min(amountCents, Math.max(0, before));
    const excessCents = amountCents - applied;
    this.data.balanceCents = before - applied;
    this.data.creditCents = (this.data.creditCents ?? 0) + excessCents;
    this.data.totalPaidCents += amountCents;
    this.data.paymentSeq++;
    if (before > 0 && this.data.balanceCents <= 0) this.data.paidOff = true;
    return { duplicate: false, excessCents };
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

  status(): CaseStatus {
    if (this.data.phase === 'closed') return 'closed';
    if (this.data.paused) return 'paused';
    if (this.data.blocked) return 'blocked';
    return 'active';
  }

  pushHistory(record: StepRecord) {
    this.data.history.push(record);
    if (this.data.history.length > HISTORY_KEPT) {
      this.data.history.shift();
      this.data.historyDropped++;
    }
  }
}
