// The one generic workflow: every arrears case runs its pinned definition through the
// interpreter. This file is wiring: the state lives in CaseState, the loop in loop.ts, each
// step kind's behaviour in steps/.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contracts.ts';
import { CaseInputSchema, initialData, type CaseInput } from './case-input.ts';
import { CaseState } from './case-state.ts';
import { registerHandlers } from './handlers.ts';
import { CaseContext } from './context.ts';
import { CaseLoop, type CaseResult } from './loop.ts';
import * as sa from './search-attributes.ts';

// Activities are idempotent by key, so retrying until the database or provider is back is safe.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

// Sending leaves the building (providers, SMTP, partners' intakes): a regular activity, with its own task and a
// timeout that bounds how long a message waits when its worker dies mid-send.
const { sendMessage, deliverHandover } = proxyActivities<Pick<CaseActivities, 'sendMessage' | 'deliverHandover'>>({ startToCloseTimeout: '10 seconds', retry });

// The rest are short writes to PostgreSQL: local activities run inside the workflow task,
// without a round trip through the server per write, which halves the work per step.
const local = proxyLocalActivities<Omit<CaseActivities, 'sendMessage' | 'deliverHandover'>>({ startToCloseTimeout: '10 seconds', retry });

// Local activities run one at a time. When an update handler's write and the main loop's
// write are in flight together, the SDK resumes them in completion order the first time and
// in another order on replay, and the commands that follow come out reordered: a
// nondeterminism error in a case that did nothing wrong. Queued, each write's result arrives
// alone, the same way in both.
function oneAtATime(): CaseActivities {
  let tail: Promise<unknown> = Promise.resolve();
  const queued =
    <I, O>(run: (input: I) => Promise<O>) =>
    (input: I): Promise<O> => {
      const result = tail.then(() => run(input));
      tail = result.catch(() => undefined);
      return result;
    };
  // (Named one by one: the proxies are not plain objects, spreading them copies nothing.)
  return {
    sendMessage,
    deliverHandover,
    recordStep: queued(local.recordStep),
    openTask: queued(local.openTask),
    closeTask: queued(local.closeTask),
    escalateTask: queued(local.escalateTask),
    recordHandover: queued(local.recordHandover),
    closeHandover: queued(local.closeHandover),
    recordPayment: queued(local.recordPayment),
    recordEvent: queued(local.recordEvent),
    closeCase: queued(local.closeCase),
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
