// The state of one case as plain JSON: what continue-as-new carries to the next run, so a
// case resumes mid-step (a wait keeps its deadline, a task its escalation) on a new run.
import type { TenantTaskKind } from './tenant-requests.ts';
import type { PassedStep } from '../activities/contracts.ts';
import type { Plan } from '../definition/arrangement.ts';
import type { ContactPreference } from '../definition/contact-preference.ts';
import type { CasePhase } from '../definition/case-status.ts';
import type { Role, Segment } from '../definition/catalog.ts';
import type { Fact } from '../definition/legal.ts';
import type { ActiveHold } from '../definition/policy-holds.ts';
import type { Field, StepKind, TaskOutcome } from '../definition/schema.ts';

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
  /** A task beside the steps, which the loop does not wait on: a tenant who got in touch (side-tasks.ts), a pause due for review (pause.ts), a tenant's request from their page (tenant-requests.ts). */
  side?: 'contact' | 'pause-review' | TenantTaskKind;
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
  | {
      kind: 'approval';
      level: number;
      proposal: { amountCents?: number; reason?: string } | null;
      human: HumanRun | null;
      /** The proposal made on the case page, taken as the first level's decision (absent otherwise). */
      given?: { amountCents: number; reason: string; userId: string };
    }
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
      /** Counts changes of the plan agreed while it runs (absent: never changed). */
      revision?: number;
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
  /** Paid beyond the balance: owed back to the tenant (or settled against the next rent). The balance never goes below zero. Absent in cases started before it was kept. */
  creditCents?: number;
  costsChargedCents: number | null;
  /** Set when a payment (not a forgiveness) brings the balance to zero: the ladder is left. */
  paidOff: boolean;
  payments: string[];
  paymentSeq: number;
  /** References of the rent ledger's messages applied (workflows/ledger.ts); absent in cases that never had one. */
  ledgerRefs?: string[];
  events: Array<{ seq: number; type: string; at: number }>;
  eventSeq: number;
  visits: number;
  phase: CasePhase;
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
  /** Minors in the household: true, false, or null when nobody said (then rule 8 assumes there may be). Absent in cases started before it was asked. */
  household?: { minors: boolean | null };
  segment: { suggested: Segment | null; confirmed: Segment | null };
  openTasks: OpenTask[];
  approvals: ApprovalRecord[];
  agreedPlan: Plan | null;
  /** How the tenant prefers to be reached (definition/contact-preference.ts); absent: as each step says. */
  preferredChannel?: ContactPreference | null;
  awaitingHandover: { handoverId: string; stepId: string } | null;
  paused: { reason: string; reviewDate: string; by: string; since: number } | null;
  /** Review tasks opened so far (pause.ts numbers them); absent before the first. */
  pauseReviews?: number;
  /** `outcome` superseded: a prevention process ended because the tenancy got an arrears case. */
  cancelled: { reason: string; by: string; outcome?: 'cancelled' | 'superseded' } | null;
  blocked: { stepId: string; rule: string; missing: Fact[] } | null;
  /** The policy hold the case waits for at `stepId` (policy-hold.ts), since when (business ms); absent or null: none. */
  policyHold?: (ActiveHold & { stepId: string; since: number }) | null;
  outcome: string | null;
  runs: number;
  /** Orders the read-model patches this case sends (see ReadModelPatch). */
  modelSeq: number;
  /** Steps passed without a write of their own, written with the next one (see PassedStep). */
  unrecorded?: PassedStep[];
};

export type Completion = { taskId: string; outcome: string; fields: Record<string, unknown>; userId: string; at: number };
