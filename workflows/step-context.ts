// What a step kind's runner (steps/) works with, as a type: the case state, the activities,
// and the few things every kind needs done the same way. The loop's implementation is
// context.ts; runners see only this, so they depend on nothing that depends on them.
import type { CaseActivities, CaseEventType, RecordEventInput } from '../activities/contracts.ts';
import type { KeyPart } from '../definition/idempotency.ts';
import type { PassedStep } from '../activities/contracts.ts';
import type { CaseData, HumanRun, OpenTask, StepRun } from './case-data.ts';
import type { CaseState } from './case-state.ts';
import type { Channel, Role } from '../definition/catalog.ts';
import type { Deadline, Definition } from '../definition/schema.ts';

export type HumanSpec = {
  stepId: string;
  title: string;
  kind: string;
  role: Role;
  instructions?: string;
  outcomes: OpenTask['outcomes'];
  deadline?: Deadline;
  approval?: { stepId: string; level: number; levelId: string; levels: number; subject: string };
};
export type HumanResult = { outcome: string; fields: Record<string, unknown>; userId: string | null };

/** Continues the case as new with the state it carries, on another definition version when migrating. */
export type ContinueWith = (carried: CaseData, definition?: { id: string; version: number; body: Definition }) => Promise<never>;

export interface StepContext {
  readonly s: CaseState;
  readonly d: CaseData;
  readonly acts: CaseActivities;
  /** The idempotency key of an effect of the current step visit. */
  key(...parts: KeyPart[]): string;
  /** The current step's progress, created on first use; it survives continue-as-new. */
  stepRun<K extends StepRun['kind']>(init: () => Extract<StepRun, { kind: K }>): Extract<StepRun, { kind: K }>;
  /** The passed steps not yet written (start, decision, end), handed to the write that takes them along. */
  passed(): PassedStep[];
  /** Records a timeline event of the current step. */
  record(type: CaseEventType, key: string, fields?: Omit<RecordEventInput, 'caseId' | 'key' | 'type' | 'at' | 'stepId'>): Promise<void>;
  /** Upserts the status search attributes after a change of balance, status or pause. */
  upsertStatus(): void;
  /** Resolves once no pause holds the case; a paused case sends nothing and opens no tasks. */
  active(): Promise<void>;
  /**
   * Resolves when a message on `channel` may reach the tenant: not paused, and within the
   * message hours (working days, letters on postal days); 'woken' when `wake` holds first.
   * Call it right before every send; build the message after it (the hold may last a night).
   */
  untilAllowed(channel: Channel, wake?: () => boolean): Promise<'allowed' | 'woken'>;
  /** Waits until `deadline` on the case clock (null: no deadline) or until `wake` holds; the clock stops while paused. */
  sleepUntil(deadline: number | null, wake: () => boolean): Promise<'elapsed' | 'woken'>;
  newHuman(taskId: string): HumanRun;
  /** Opens a task, escalates it by its deadline, and waits for a person (or the deadline) to close it. */
  human(run: HumanRun, spec: HumanSpec): Promise<HumanResult>;
}
