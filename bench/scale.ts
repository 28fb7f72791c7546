// Scale figures at a due-date peak: starts at a fixed offered load (open loop), payment →
// balance visible in the case's query, a storm of timers ending at once, a worker holding
// thousands of cases in its cache, the staff API over a full database, and the length of
// whole histories. Each measurement takes a setup: the same code runs on the dev server and
// on the PostgreSQL-backed server.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { DefinitionSchema } from '../definition/schema.ts';
import type { Db } from '../server/db/pool.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { caseStateQuery, paymentReceivedSignal } from '../workflows/messages.ts';
import { benchLadder } from './bench-ladder.ts';
import { holdingLadder, stormLadder } from './scale-definitions.ts';
import { firstTimers, percentile, pool, prepareCases, say, sleep, type Row, type Variant } from './support.ts';

export type ScaleSetup = {
  label: string;
  db: Db;
  client: Client;
  /** A worker in its own process on its own task queue, for what is measured per process. */
  startWorkerProcess(o: { taskQueue: string; maxCachedWorkflows: number }): Promise<{ pid: number; stop(): Promise<void> }>;
};

export const SCALE = {
  openLoopStarts: Number(process.env.BENCH_OPEN_LOOP_STARTS ?? 300),
  startRate: Number(process.env.BENCH_START_RATE ?? 10),
  payments: Number(process.env.BENCH_PAYMENTS ?? 400),
  paymentRate: Number(process.env.BENCH_PAYMENT_RATE ?? 20),
  stormCases: Number(process.env.BENCH_STORM_CASES ?? 10_000),
};

const ms = (e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);

export async function publishScaleDefinitions(db: Db) {
  for (const d of [holdingLadder, stormLadder]) await insertVersion(db, DefinitionSchema.parse(d), 'bench', 'benchmark').catch(() => undefined);
}

/**
 * Starts offered at a fixed rate whatever the server does (open loop): start → first timer
 * p50/p95 per variant, and the CPU a start costs. The two variants alternate start by start,
 * so both meet the same load: near the machine's capacity a stall of the server or of
 * PostgreSQL lands on whichever variant runs at that moment, and measured one after the other
 * (as this bench first did) that read as a 30× gap between them which was not there.
 */
export async function openLoopStarts(s: ScaleSetup): Promise<Row[]> {
  const body = DefinitionSchema.parse(benchLadder);
  const variants: Variant[] = ['interpreter', 'hand-written'];
  const half = Math.ceil(SCALE.openLoopStarts / 2);
  say(`${s.label}: ${half * 2} starts offered at ${SCALE.startRate}/s, interpreter and hand-written in turn...`);
  const prepared = await Promise.all(variants.map((variant) => prepareCases(s.db, s.client, { variant, definition: { id: 'bench-ladder', body }, count: half, timeScale: 1 })));
  const starts = prepared[0]!.flatMap((c, i) => [{ variant: variants[0]!, c }, { variant: variants[1]!, c: prepared[1]![i]! }]);
  const requested: number[] = [];
  const cpuBefore = processCpuSeconds();
  const t0 = Date.now();
  const pending: Array<Promise<unknown>> = [];
  for (const [i, { c }] of starts.entries()) {
    const due = t0 + (i * 1000) / SCALE.startRate;
    if (due > Date.now()) await sleep(due - Date.now());
    requested.push(Date.now());
    pending.push(c.start());
  }
  await Promise.all(pending);
  const timers = await firstTimers(s.client, starts.map(({ c }) => c.workflowId));
  const cpuAfter = processCpuSeconds();
  const achieved = starts.length / ((Math.max(...timers) - t0) / 1000);
  const rows: Row[] = [{ name: `${s.label}: starts/s at ${SCALE.startRate}/s offered`, value: achieved, unit: 'wf/s', note: 'both variants in turn' }];
  for (const variant of variants) {
    const latencies = timers.flatMap((t, i) => (starts[i]!.variant === variant ? [t - requested[i]!] : []));
    rows.push(
      { name: `${s.label}: ${variant} start → first timer p50`, value: percentile(latencies, 0.5), unit: 'ms' },
      { name: `${s.label}: ${variant} start → first timer p95`, value: percentile(latencies, 0.95), unit: 'ms', note: 'goal ≤ 1000 ms' },
    );
  }
  const per = (k: keyof typeof cpuBefore) => ((cpuAfter[k] - cpuBefore[k]) * 1000) / starts.length;
  rows.push({
    name: `${s.label}: CPU per start to its first timer`,
    value: per('temporal') + per('postgres') + per('bench'),
    unit: 'ms',
    note: `Temporal ${per('temporal').toFixed(0)}, PostgreSQL ${per('postgres').toFixed(0)}, worker and bench ${per('bench').toFixed(0)} ms (the first letter's effects included)`,
  });
  return rows;
}

/** CPU seconds used so far by the Temporal server, PostgreSQL (every backend) and this process (the bench and its worker). */
function processCpuSeconds(): { temporal: number; postgres: number; bench: number } {
  const total = { temporal: 0, postgres: 0, bench: 0 };
  const ticks = 100; // USER_HZ on Linux
  for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    let cmd: string;
    let fields: string[];
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    } catch {
      continue; // gone meanwhile
    }
    // utime, stime, and what its exited children used (PostgreSQL's ended backends).
    const seconds = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
    if (Number(pid) === process.pid) total.bench += seconds;
    else if (/temporal-server|temporal\0server/.test(cmd)) total.temporal += seconds;
    else if (/(^|\/)postgres(\0|$)/.test(cmd) || cmd.startsWith('postgres:')) total.postgres += seconds;
  }
  return total;
}

/** Payments signalled at a fixed rate (as a bank import does) into cases that wait: until each shows in the case's query. */
export async function paymentToQuery(s: ScaleSetup): Promise<Row[]> {
  const count = SCALE.payments;
  say(`${s.label}: ${count} payments at ${SCALE.paymentRate}/s, each until the case's query shows it...`);
  const cases = await prepareCases(s.db, s.client, { variant: 'interpreter', definition: { id: holdingLadder.id, body: DefinitionSchema.parse(holdingLadder) }, count: Math.ceil(count / 4), timeScale: 1 });
  await pool(cases, 16, async (c) => void (await c.start()));
  await firstTimers(s.client, cases.map((c) => c.workflowId));
  const latencies: number[] = [];
  const t0 = Date.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / SCALE.paymentRate;
    if (due > Date.now()) await sleep(due - Date.now());
    const c = cases[i % cases.length]!;
    const handle = s.client.workflow.getHandle(c.workflowId);
    pending.push(
      (async () => {
        const before = (await handle.query(caseStateQuery)).payments;
        const sent = Date.now();
        await handle.signal(paymentReceivedSignal, { reference: `PAY-${randomUUID()}`, amountCents: 100 });
        for (;;) {
          if ((await handle.query(caseStateQuery)).payments > before) break;
          await sleep(5);
        }
        latencies.push(Date.now() - sent);
      })(),
    );
  }
  await Promise.all(pending);
  return [
    { name: `${s.label}: payment → query p50`, value: percentile(latencies, 0.5), unit: 'ms', note: `${count} payments at ${SCALE.paymentRate}/s` },
    { name: `${s.label}: payment → query p99`, value: percentile(latencies, 0.99), unit: 'ms', note: 'goal ≤ 150 ms' },
  ];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * One worker process caching every case: its RSS with N open cases, then a timer storm: each
 * case has its own time scale so that its one-day wait ends within the same second; how long
 * until every next message is recorded.
 */
export async function stormAndCache(s: ScaleSetup): Promise<Row[]> {
  const count = SCALE.stormCases;
  const taskQueue = `bench-storm-${randomUUID().slice(0, 8)}`;
  const worker = await s.startWorkerProcess({ taskQueue, maxCachedWorkflows: count + 100 });
  try {
    await sleep(2_000);
    const idleMb = rssMb(worker.pid);
    say(`${s.label}: preparing ${count} cases for the timer storm...`);
    const cases = await prepareCases(s.db, s.client, { variant: 'interpreter', definition: { id: stormLadder.id, body: DefinitionSchema.parse(stormLadder) }, count, timeScale: 1, taskQueue });
    // Starts take a while: aim the storm well after the last one.
    const startSeconds = count / 15 + 30;
    const storm = Date.now() + startSeconds * 1000;
    say(`${s.label}: starting them; the storm is due in ${startSeconds.toFixed(0)} s...`);
    await pool(cases, 16, async (c) => {
      const left = Math.max(5_000, storm - Date.now());
      await c.start(86_400_000 / left);
    });
    const started = Date.now();
    const cachedMb = rssMb(worker.pid);
    const perGb = (count / Math.max(1, cachedMb - idleMb)) * 1024;
    const ids = cases.map((c) => c.caseId);
    const sent = async () => (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE case_id = ANY($1)`, [ids])).rows[0]!.n;
    while ((await sent()) < count) await sleep(250);
    const done = Date.now();
    return [
      { name: `${s.label}: worker RSS, idle`, value: idleMb, unit: 'MB' },
      { name: `${s.label}: worker RSS, ${count} cases cached`, value: cachedMb, unit: 'MB', note: `maxCachedWorkflows ${count + 100}` },
      { name: `${s.label}: cached cases per GB`, value: perGb, unit: 'cases', note: 'goal ≥ 600' },
      { name: `${s.label}: timer storm, ${count} waits ending at once`, value: (done - Math.max(storm, started)) / 1000, unit: 's', note: 'until every next message is recorded; goal ≤ 120 s' },
    ];
  } finally {
    await worker.stop();
  }
}

/** The events of whole histories: a case that runs its ladder end to end, across its runs. */
export async function historyEvents(s: ScaleSetup, workflowId: string): Promise<number> {
  let total = 0;
  for await (const w of s.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await s.client.workflow.getHandle(workflowId, w.runId).fetchHistory();
    total += history.events?.length ?? 0;
  }
  return total;
}

export { ms as eventMs };
