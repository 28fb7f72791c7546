// The one generic workflow: every arrears case runs its pinned definition through the
// interpreter. This file is wiring: the state lives in CaseState, the loop in loop.ts, each
// step kind's behaviour in steps/.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseActivities, ReadModelWrite } from '../activities/contracts.ts';
import { CaseInputSchema, initialData, type CaseInput } from './case-input.ts';
import { CaseState } from './case-state.ts';
import { registerHandlers } from './handlers.ts';
import { CaseContext } from './context.ts';
import { CaseLoop, type CaseResult } from './loop.ts';
import { watchPauseReviews } from './pause.ts';
import { registerPolicyHoldSignal } from './policy-hold.ts';
import { ReadModelWrites } from './read-model-writes.ts';
import * as sa from './search-attributes.ts';

// Activities are idempotent by key, so retrying until the database or provider is back is safe.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
const options = { startToCloseTimeout: '10 seconds', retry };

type Writes = Omit<CaseActivities, 'sendMessage' | 'deliverHandover' | 'applyWrites'>;

// Sending leaves the building (providers, SMTP, partners' intakes): a regular activity, with its own task and a
// timeout that bounds how long a message waits when its worker dies mid-send.
const { sendMessage, deliverHandover, applyWrites } = proxyActivities<Pick<CaseActivities, 'sendMessage' | 'deliverHandover' | 'applyWrites'>>(options);

// The read model's writes went three ways, and runs replay the way their history holds:
// local activities (until the 'writes-after-commit' marker), which ran before their workflow
// task committed, so a task retried after a worker died could leave writes of a path it did not
// take; then one regular activity per write, awaited one after another (until 'writes-batched'),
// correct but a workflow task more per write; now batches the case does not wait for
// (read-model-writes.ts).
const committedWrites = proxyActivities<Writes>(options);
const localWrites = proxyLocalActivities<Writes>(options);

type CaseWrites = {
  acts: CaseActivities;
  /** Null when nothing is on its way; else resolves once every write so far is in the read model. */
  settled(): Promise<void> | null;
};

function caseWrites(caseId: string): CaseWrites {
  const batched = new ReadModelWrites(caseId, applyWrites);
  // The older ways, one at a time in the order decided (for local writes this also kept replay
  // deterministic: two in flight resume in completion order the first time, in another on replay).
  let tail: Promise<unknown> = Promise.resolve();
  const queued =
    <K extends keyof Writes>(op: K) =>
    (input: Parameters<Writes[K]>[0]): Promise<void> => {
      if (patched('writes-batched')) {
        batched.add({ op, input } as ReadModelWrite);
        return Promise.resolve();
      }
      const result = tail.then(() => ((patched('writes-after-commit') ? committedWrites : localWrites)[op] as (i: typeof input) => Promise<void>)(input));
      tail = result.catch(() => undefined);
      return result;
    };
  return {
    acts: {
      sendMessage,
      deliverHandover,
      applyWrites,
      recordStep: queued('recordStep'),
      openTask: queued('openTask'),
      closeTask: queued('closeTask'),
      escalateTask: queued('escalateTask'),
      recordHandover: queued('recordHandover'),
      closeHandover: queued('closeHandover'),
      recordPayment: queued('recordPayment'),
      recordEvent: queued('recordEvent'),
      closeCase: queued('closeCase'),
    },
    settled: () => (batched.busy() ? batched.settled() : null),
  };
}

export async function arrearsCase(raw: CaseInput): Promise<CaseResult> {
  const parsed = CaseInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.create({
      type: 'invalid',
      nonRetryable: true,
      message: `invalid case input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    });
  }
  const input = parsed.data;
  const state = new CaseState(input.carried ?? initialData(input, Date.now()), input.definition.body);
  state.data.runs++;
  const writes = caseWrites(input.caseId);
  const acts = writes.acts;
  registerHandlers(state, acts, writes.settled);
  registerPolicyHoldSignal(state);
  void watchPauseReviews(state, acts);
  if (!input.carried) {
    upsertSearchAttributes([
      { key: sa.CaseDefinition, value: input.definition.id },
      { key: sa.CaseDefinitionVersion, value: input.definition.version },
      { key: sa.CaseStatus, value: 'active' },
      { key: sa.CasePaused, value: false },
      { key: sa.CaseBalance, value: input.arrearsCents / 100 },
    ]);
  }
  const ctx = new CaseContext(
    state,
    acts,
    input.historyLimit,
    async (carried, definition) => {
      const writing = writes.settled();
      if (writing) await writing;
      return await continueAsNew<typeof arrearsCase>({ ...raw, definition: definition ?? input.definition, carried });
    },
    input.messageHours,
  );
  const result = await new CaseLoop(ctx).run();
  const writing = writes.settled();
  if (writing) await writing;
  await condition(allHandlersFinished);
  return result;
}
