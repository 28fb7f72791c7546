// GET /api/health: PostgreSQL and Temporal answer (each within a bound, so a hung dependency
// makes the check fail rather than hang), and, for information, how many workers poll the
// case task queue. No workers does not fail the check: the API serves without them, and a
// load balancer must not take the API away because workers restart.
import type { Client } from '@temporalio/client';
import { ping, type Db } from './db/pool.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';

const CHECK_TIMEOUT_MS = 3_000;

async function timed<T>(what: Promise<T>): Promise<{ ok: true; ms: number; value: T } | { ok: false; ms: number; error: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      what,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Date.now() - started, value };
  } catch (err) {
    return { ok: false, ms: Date.now() - started, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function healthOf(deps: { pool: Db; temporal: Client; taskQueue?: string }) {
  const service = deps.temporal.connection.workflowService;
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;
  const [db, temporal, pollers] = await Promise.all([
    timed(ping(deps.pool)),
    timed(service.getSystemInfo({})),
    timed(
      // Without a task queue type the server describes the workflow side, which every worker polls.
      service.describeTaskQueue({ namespace: deps.temporal.options.namespace, taskQueue: { name: taskQueue } }),
    ),
  ]);
  const ok = db.ok && temporal.ok;
  return {
    status: ok ? ('ok' as const) : ('degraded' as const),
    postgres: db.ok ? 'ok' : `down: ${db.error}`,
    temporal: temporal.ok ? 'ok' : `down: ${temporal.error}`,
    latencyMs: { postgres: db.ms, temporal: temporal.ms },
    workers: pollers.ok ? { taskQueue, pollers: pollers.value.pollers?.length ?? 0 } : { taskQueue, pollers: null, error: pollers.error },
  };
}

/** What anyone may know: each part up or down, and how many workers poll. */
export function publicHealth(h: Awaited<ReturnType<typeof healthOf>>) {
  const upOrDown = (v: string) => (v === 'ok' ? 'ok' : 'down');
  return { status: h.status, postgres: upOrDown(h.postgres), temporal: upOrDown(h.temporal), workers: { pollers: h.workers.pollers } };
}
