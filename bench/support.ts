// What the bench's measurements share: the row they report, small statistics, bounded
// concurrency, and cases in the read model with the start of their workflows.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { addDuration } from '../definition/duration.ts';
import { insertCase } from '../server/cases/repository.ts';
import type { Db } from '../server/db/pool.ts';
import { caseWorkflowId, TASK_QUEUE } from '../workflows/messages.ts';
import { BENCH_WAIT } from './bench-ladder.ts';

export type Row = { name: string; value: number; unit: string; note?: string };

// The case clock of every bench case: from 00:00 on a Monday of a week without holidays, with
// message hours around the clock, so no message waits for office hours or a weekend and a
// figure measures the engine, not the calendar.
export const LADDER_WEEK = '2027-03-01T00:00:00+01:00';
export const AROUND_THE_CLOCK = { from: '00:00', to: '24:00' };

export const say = (line: string) => process.stderr.write(`${line}\n`);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
export const durationMs = (iso: string) => addDuration(0, iso);

export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export function tenancyInput(i: number, definitionId = 'standard-ladder') {
  return {
    tenancy: { reference: `B-${randomUUID().slice(0, 12)}-${i}`, street: 'Benchstraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: `Bench Huurder ${i}`, phone: '+31600000000', email: 'bench@example.nl' },
    arrearsCents: 75_000,
    dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    definitionId,
    businessStart: LADDER_WEEK,
  };
}

/** When each workflow set its first timer, read from its history (polled until it has). */
export async function firstTimers(client: Client, workflowIds: string[]): Promise<number[]> {
  const at: number[] = [];
  for (const workflowId of workflowIds) {
    for (let attempt = 0; ; attempt++) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const timer = history.events?.find((e) => e.timerStartedEventAttributes);
      if (timer?.eventTime) {
        at.push(Number(timer.eventTime.seconds) * 1000 + Math.floor((timer.eventTime.nanos ?? 0) / 1e6));
        break;
      }
      if (attempt > 1200) throw new Error(`${workflowId} never set its first timer`);
      await sleep(50);
    }
  }
  return at;
}

export type Variant = 'interpreter' | 'hand-written';

/**
 * Cases of a definition in the read model, each with the start of its workflow, run by the
 * interpreter or (the bench ladder only) by hand-written code. `scaleOf` may give each case
 * its own time scale (the timer storm does).
 */
export async function prepareCases(
  db: Db,
  client: Client,
  o: { variant: Variant; definition: { id: string; body: unknown }; count: number; timeScale: number; taskQueue?: string },
) {
  const starts: Array<{ caseId: string; workflowId: string; start: (timeScale?: number) => Promise<unknown> }> = [];
  for (let i = 0; i < o.count; i++) {
    const id = randomUUID();
    const input = tenancyInput(i, o.definition.id);
    const { tenancyId, workflowId } = await insertCase(db, input as never, { id, workflowIdFor: caseWorkflowId, definitionVersion: 1, timeScale: o.timeScale, openedBy: 'bench' });
    const base = { caseId: id, arrearsCents: input.arrearsCents, dueDate: input.dueDate, businessStart: LADDER_WEEK, messageHours: AROUND_THE_CLOCK };
    const taskQueue = o.taskQueue ?? TASK_QUEUE;
    starts.push({
      caseId: id,
      workflowId,
      start: (timeScale = o.timeScale) =>
        o.variant === 'interpreter'
          ? client.workflow.start('arrearsCase', { taskQueue, workflowId, args: [{ ...base, timeScale, tenancyId, definition: { id: o.definition.id, version: 1, body: o.definition.body } }] })
          : client.workflow.start('handWrittenLadder', { taskQueue, workflowId, args: [{ ...base, timeScale, waitMs: durationMs(BENCH_WAIT) }] }),
    });
  }
  return starts;
}
