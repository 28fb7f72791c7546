// The one generic workflow: every arrears case runs its pinned definition through the
// interpreter. This file is wiring: the state lives in CaseState, the loop in loop.ts, each
// step kind's behaviour in steps/.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contracts.ts';
import { CaseInputSchema, initialData, type CaseInput } from './case-input.ts';
import { CaseState } from './case-state.ts';
import { registerHandlers } from './handlers.ts';
import { CaseContext } from './context.ts';
import { CaseLoop, type CaseResult } from './loop.ts';
import * as sa from './search-attributes.ts';

// Activities are idempotent by key, so retrying until the database or provider is back is safe.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
const options = { startToCloseTimeout: '10 seconds', retry };

type Writes = Omit<CaseActivities, 'sendMessage' | 'deliverHandover'>;

// Sending leaves the building (providers, SMTP, partners' intakes): a regular activity, with its own task and a
// timeout that bounds how long a message waits when its worker dies mid-send.
const { sendMessage, deliverHandover } = proxyActivities<Pick<CaseActivities, 'sendMessage' | 'deliverHandover'>>(options);

// The read model's writes are regular activities too: the server hands one out only once the
// workflow task that decided it is in the history. They used to be local activities, which run
// inside the workflow task, before it is committed: when a worker died mid-task and a signal or
// update arrived before the retry, the retry could take another path and the first attempt's
// writes stayed (a task shown closed that the workflow still waits on, a step never taken).
// Runs whose history holds local writes replay with them; the marker switches a run over at
// its first write after replay.
const committedWrites = proxyActivities<Writes>(options);
const localWrites = proxyLocalActivities<Writes>(options);
const writes = (): Writes => (patched('writes-after-commit') ? committedWrites : localWrites);

// Writes run one at a time, in the order the workflow decided them: the read model then sees a
// task closed before the next step is recorded. (For the local writes of old runs this is also
// what keeps replay deterministic: two in flight at once resume in completion order the first
// time and in another order on replay.)
function oneAtATime(): CaseActivities {
  let tail: Promise<unknown> = Promise.resolve();
  const queued =
    <K extends keyof Writes>(name: K) =>
    (input: Parameters<Writes[K]>[0]): Promise<void> => {
      const result = tail.then(() => (writes()[name] as (i: typeof input) => Promise<void>)(input));
      tail = result.catch(() => undefined);
      return result;
    };
  return {
    sendMessage,
    deliverHandover,
    recordStep: queued('recordStep'),
    openTask: queued('openTask'),
    closeTask: queued('closeTask'),
    escalateTask: queued('escalateTask'),
    recordHandover: queued('recordHandover'),
    closeHandover: queued('closeHandover'),
    recordPayment: queued('recordPayment'),
    recordEvent: queued('recordEvent'),
    closeCase: queued('closeCase'),
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
  const acts = oneAtATime();
  registerHandlers(state, acts);
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
    (carried, definition) => continueAsNew<typeof arrearsCase>({ ...raw, definition: definition ?? input.definition, carried }),
    input.messageHours,
  );
  const result = await new CaseLoop(ctx).run();
  await condition(allHandlersFinished);
  return result;
}
