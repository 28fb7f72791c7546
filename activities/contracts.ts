// What the workflow asks of the outside world. Inputs carry ids, amounts and business times
// only: the activities look up names, addresses and phone numbers in PostgreSQL, so no
// personal data ever enters a workflow history. Every input has a `key` that stays the same
// across retries, continue-as-new and resets (case id + step visit), so a retry never sends
// or records twice.
import type { Channel, Partner, Role } from '../definition/catalog.ts';
import type { CaseStatus, OpenCaseStatus } from '../definition/case-status.ts';
import type { Field, StepKind, TaskOutcome } from '../definition/schema.ts';
import type { ActiveHold, HoldTarget } from '../definition/policy-holds.ts';

export type { CaseStatus };

/** The read model's view of where a case is; sent along with every step change. */
export type CaseProgress = {
  stepId: string;
  stepName: string;
  stepKind: StepKind;
  balanceCents: number;
  status: CaseStatus;
  waitingOn: string;
};

/**
 * A step entered and left without a side effect of its own (start, decision, end). It is
 * written to the timeline with the next write the case makes, which saves a database round
 * trip per such step.
 */
export type PassedStep = {
  key: string;
  visit: number;
  at: string;
  stepId: string;
  stepName: string;
  stepKind: StepKind;
  previous?: { stepId: string; outcome: string };
};

export type RecordStepInput = {
  caseId: string;
  key: string;
  visit: number;
  at: string;
  progress: CaseProgress;
  previous?: { stepId: string; outcome: string };
  passed?: PassedStep[];
};

export type MessageVariables = {
  amountCents: number;
  dueDate: string;
  instalmentCents?: number;
  instalmentDate?: string;
  collectionCostsCents?: number;
};

export type SendMessageInput = {
  caseId: string;
  key: string;
  stepId: string;
  channel: Channel;
  templateId: string;
  purpose: string;
  at: string;
  variables: MessageVariables;
};
export type SendMessageResult = { status: 'sent' | 'failed'; messageId: string; reason?: string };

export type TaskSpec = {
  taskId: string;
  caseId: string;
  stepId: string;
  kind: string;
  title: string;
  role: Role;
  instructions?: string;
  dueAt?: string;
  outcomes: Array<Pick<TaskOutcome, 'id' | 'label'> & { fields: Field[] }>;
  /** For approval levels: which level of which approval. */
  approval?: { stepId: string; level: number; levelId: string; levels: number; subject: string };
  at: string;
};

export type CloseTaskInput = {
  caseId: string;
  taskId: string;
  status: 'completed' | 'cancelled' | 'expired';
  outcome?: string;
  fields?: Record<string, unknown>;
  by?: string;
  reason?: string;
  at: string;
};

export type EscalateTaskInput = {
  caseId: string;
  taskId: string;
  key: string;
  action: 'remind' | 'escalate';
  role?: Role;
  dueAt?: string;
  at: string;
};

export type HandoverInput = {
  caseId: string;
  handoverId: string;
  stepId: string;
  partner: Partner;
  purpose?: string;
  arrearsCents: number;
  at: string;
  awaitsResponse: boolean;
};
export type DeliverHandoverInput = { caseId: string; handoverId: string };
export type DeliverHandoverResult = { delivered: true; reference: string } | { delivered: false; error: string };

export type CloseHandoverInput = { caseId: string; handoverId: string; response: 'accepted' | 'refused' | 'withdrawn'; by?: string; note?: string; at: string };

export type RecordPaymentInput = {
  caseId: string;
  reference: string;
  amountCents: number;
  receivedAt: string;
  balance: { cents: number; seq: number };
  /** Paid beyond the balance: recorded as a credit, with a task for finance to refund or settle it. */
  excessCents?: number;
  at: string;
};

export type CaseEventType =
  | 'paused'
  | 'resumed'
  | 'cancelled'
  | 'contact'
  | 'data-sharing-refused'
  | 'event'
  | 'segment-confirmed'
  | 'legal-block'
  | 'legal-block-lifted'
  | 'collection-costs'
  | 'forgiven'
  | 'arrangement-started'
  | 'arrangement-missed'
  | 'arrangement-changed'
  | 'pause-extended'
  | 'municipality-signal-withheld'
  | 'balance-cleared'
  | 'approval-decision'
  | 'migrated'
  | 'call-back-requested'
  | 'help-reported'
  | 'arrangement-proposed'
  | 'contact-preference'
  | 'debit-day'
  | 'rent-due'
  | 'ledger-cleared'
  | 'policy-hold'
  | 'policy-hold-lifted';

export type RecordEventInput = {
  caseId: string;
  key: string;
  type: CaseEventType;
  at: string;
  by?: string;
  stepId?: string;
  data?: Record<string, unknown>;
  /** When the event changes what the read model shows. */
  patch?: ReadModelPatch;
  passed?: PassedStep[];
};

/**
 * Changes to the case row. Activities of one case can finish out of order (a payment's and a
 * pause's, say), so each patch carries a sequence number and only a newer one is applied.
 */
export type ReadModelPatch = {
  balance?: { cents: number; seq: number };
  /** After a migration: the version the case now runs and the step it waits in there. */
  definition?: { version: number; stepId: string; stepName: string };
  status?: { value: OpenCaseStatus; pause: { reason: string; reviewDate: string } | null; seq: number };
  /**
   * The policy hold the case waits for at its step (null once it goes on), and whom the case
   * waits on with it (`policy-hold`, then the step's own again), as the search attributes say
   * (workflows/policy-hold.ts).
   */
  policyHold?: { hold: { holdId: string; until: string } | null; waitingOn: string };
};

export type CloseCaseInput = { caseId: string; key: string; outcome: string; balanceCents: number; stepId: string; at: string; passed?: PassedStep[] };

/** One write of the read model: which one, and its input. */
export type ReadModelWrite = {
  [K in Exclude<keyof CaseActivities, 'sendMessage' | 'deliverHandover' | 'applyWrites'>]: { op: K; input: Parameters<CaseActivities[K]>[0] };
}[Exclude<keyof CaseActivities, 'sendMessage' | 'deliverHandover' | 'applyWrites'>];

/** Writes of one case, applied in order (each idempotent by its own key, so a retried batch changes nothing twice). */
export type ApplyWritesInput = { caseId: string; writes: ReadModelWrite[] };

export interface CaseActivities {
  recordStep(input: RecordStepInput): Promise<void>;
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
  openTask(input: TaskSpec): Promise<void>;
  closeTask(input: CloseTaskInput): Promise<void>;
  escalateTask(input: EscalateTaskInput): Promise<void>;
  recordHandover(input: HandoverInput): Promise<void>;
  deliverHandover(input: DeliverHandoverInput): Promise<DeliverHandoverResult>;
  closeHandover(input: CloseHandoverInput): Promise<void>;
  recordPayment(input: RecordPaymentInput): Promise<void>;
  recordEvent(input: RecordEventInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
  applyWrites(input: ApplyWritesInput): Promise<void>;
}

/** Which policy hold (definition/policy-holds.ts) stops this case at this step now; read-only, so safe to run any number of times. */
export type PolicyHoldQuery = { caseId: string; definitionId: string; minors: boolean | null; targets: HoldTarget[]; at: string };

export interface PolicyHoldActivities {
  activePolicyHold(input: PolicyHoldQuery): Promise<ActiveHold | null>;
}
