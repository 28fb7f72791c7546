// The answer to the case-state query: everything a person needs to see where a case is.
// Times are business times (ISO); amounts in cents.
import { schedule, type Plan } from '../definition/arrangement.ts';
import type { Fact } from '../definition/legal.ts';
import type { CaseStatus, CasePhase } from '../definition/case-status.ts';
import type { ApprovalRecord, OpenTask } from './case-data.ts';
import type { CaseState } from './case-state.ts';
import { waitingOn } from './status.ts';

export type CaseView = {
  caseId: string;
  tenancyId: string;
  definition: { id: string; version: number; name: string };
  status: CaseStatus;
  phase: CasePhase;
  outcome: string | null;
  balanceCents: number;
  arrearsCents: number;
  totalPaidCents: number;
  forgivenCents: number;
  costsChargedCents: number | null;
  dueDate: string;
  /**
   * Business time = business + (real now − real) × timeScale. A query sees the workflow's
   * clock as of its last task, so callers compute "now" from this anchor with their own clock.
   */
  clock: { business: number; real: number; timeScale: number };
  timeScale: number;
  currentStep: {
    id: string;
    name: string;
    kind: string;
    visit: number;
    enteredAt: string;
    /** When the current wait ends (business time); null while paused or without a deadline. */
    until: string | null;
    /** Business time left in the current wait; frozen while the case is paused. */
    remainingMs: number | null;
    waitingOn: string;
  } | null;
  openTasks: Array<Omit<OpenTask, 'openedAt' | 'dueAt'> & { openedAt: string; dueAt: string | null }>;
  paused: { reason: string; reviewDate: string; by: string; since: string } | null;
  blocked: { stepId: string; rule: string; missing: Fact[] } | null;
  /** The policy hold the case waits for at its step: which, why, its last day and the business moment it lifts. */
  policyHold: { holdId: string; name: string; reason: string; stepId: string; endsOn: string; until: string; since: string } | null;
  cancelled: { reason: string; by: string } | null;
  steps: Array<{ stepId: string; name: string; kind: string; visit: number; enteredAt: string; leftAt: string | null; outcome: string | null }>;
  stepsDropped: number;
  facts: Partial<Record<Fact, string>>;
  dataSharingRefused: boolean;
  /** Minors in the household: true, false, or null when unknown. */
  minors: boolean | null;
  segment: { suggested: string | null; confirmed: string | null };
  arrangement: { plan: Plan; instalments: Array<{ index: number; dueDate: string; amountCents: number }>; paidCents: number; misses: number; next: number } | null;
  approvals: Array<Omit<ApprovalRecord, 'at'> & { at: string }>;
  payments: number;
  runs: number;
};

const iso = (ms: number) => new Date(ms).toISOString();

export function caseView(state: CaseState): CaseView {
  const d = state.data;
  const current = d.current ? state.steps.get(d.current.stepId) : undefined;
  const run = d.current?.run;
  let until: number | null = null;
  if (run?.kind === 'wait') until = run.deadline;
  if (run?.kind === 'handover' && run.deadline !== null) until = run.deadline;
  const arrangement =
    run?.kind === 'arrangement'
      ? {
          plan: run.plan,
          instalments: schedule(run.plan, run.balanceAtStart).map((i) => ({ index: i.index, dueDate: iso(i.dueMs).slice(0, 10), amountCents: i.amountCents })),
          paidCents: d.totalPaidCents - run.paidAtStart,
          misses: run.misses,
          next: run.index,
        }
      : null;
  return {
    caseId: d.caseId,
    tenancyId: d.tenancyId,
    definition: { ...d.definition, name: state.definition.name },
    status: state.status(),
    phase: d.phase,
    outcome: d.outcome,
    balanceCents: d.balanceCents,
    arrearsCents: d.arrearsCents,
    totalPaidCents: d.totalPaidCents,
    forgivenCents: d.forgivenCents,
    costsChargedCents: d.costsChargedCents,
    dueDate: d.dueDate,
    clock: { business: d.anchor.business, real: d.anchor.real, timeScale: d.timeScale },
    timeScale: d.timeScale,
    currentStep:
      d.current && current
        ? {
            id: current.id,
            name: current.name,
            kind: current.kind,
            visit: d.current.visit,
            enteredAt: iso(d.current.enteredAt),
            until: until === null || d.paused ? null : iso(state.businessMomentOf(until)),
            remainingMs: until === null ? null : Math.max(0, (until - state.caseNow()) * d.timeScale),
            waitingOn: waitingOn(state),
          }
        : null,
    openTasks: d.openTasks.map((t) => ({ ...t, openedAt: iso(t.openedAt), dueAt: t.dueAt === null ? null : iso(t.dueAt) })),
    paused: d.paused ? { ...d.paused, since: iso(d.paused.since) } : null,
    blocked: d.blocked,
    policyHold: d.policyHold
      ? { holdId: d.policyHold.holdId, name: d.policyHold.name, reason: d.policyHold.reason, stepId: d.policyHold.stepId, endsOn: d.policyHold.endsOn, until: iso(d.policyHold.until), since: iso(d.policyHold.since) }
      : null,
    cancelled: d.cancelled,
    steps: d.history.map((h) => ({
      stepId: h.stepId,
      name: state.steps.get(h.stepId)?.name ?? h.stepId,
      kind: h.kind,
      visit: h.visit,
      enteredAt: iso(h.enteredAt),
      leftAt: h.leftAt === undefined ? null : iso(h.leftAt),
      outcome: h.outcome ?? null,
    })),
    stepsDropped: d.historyDropped,
    facts: Object.fromEntries(Object.entries(d.facts).map(([k, v]) => [k, iso(v as number)])) as Partial<Record<Fact, string>>,
    dataSharingRefused: d.dataSharingRefused,
    minors: d.household?.minors ?? null,
    segment: d.segment,
    arrangement,
    approvals: d.approvals.map((a) => ({ ...a, at: iso(a.at) })),
    payments: d.payments.length,
    runs: d.runs,
  };
}

export { businessNow } from '../definition/business-clock.ts';
