// `npm run bench`: figures on the real Temporal dev server and a real PostgreSQL, measured
// side by side in one run. Prints a table and writes JSON to bench/results/.
//
// 1. Case starts per second: cases opened through the case service (read model + workflow
//    start) until each has recorded its first message and set its first timer (taken from
//    the histories afterwards, so measuring does not slow the run).
// 2. Interpreter overhead: the same ladder run by the interpreter and by a hand-written
//    workflow with the same activities, in alternating rounds; wall time and process CPU.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { channelAdapters, createActivities, partnerAdapters } from '../activities/index.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { insertCase } from '../server/cases/repository.ts';
import { openCase } from '../server/cases/service.ts';
import { migrate } from '../server/db/migrate.ts';
import { createPool, type Db } from '../server/db/pool.ts';
import { seedShipped } from '../server/db/seed.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { DefinitionSchema } from '../definition/schema.ts';
import { caseWorkflowId, TASK_QUEUE } from '../workflows/messages.ts';
import { BENCH_WAIT, benchLadder } from './bench-ladder.ts';
import { addDuration } from '../definition/duration.ts';

const durationMs = (iso: string) => addDuration(0, iso) - 0;
import { preloadModules } from '../worker/bundle-options.ts';
import { freePort } from '../test/support/ports.ts';

type Row = { name: string; value: number; unit: string; note?: string };

const STARTS = Number(process.env.BENCH_STARTS ?? 200);
const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 16);
const LADDER_CASES = Number(process.env.BENCH_LADDER_CASES ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// The ladder rounds run on a fixed business clock, the same for both variants: from 00:00 on a
// Monday of a week without holidays, with message hours around the clock, at 20 business hours
// a second (a 2-hour wait in 0.1 s). No message then waits for office hours or a weekend, which
// the interpreter (a little slower per step, so further into the week) would meet more often:
// the ratio measures the interpreter, not the calendar.
const LADDER_SCALE = 20 * 3_600;
const LADDER_WEEK = '2027-03-01T00:00:00+01:00';
const AROUND_THE_CLOCK = { from: '00:00', to: '24:00' };

const say = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function tenancyInput(i: number) {
  return {
    tenancy: { reference: `B-${randomUUID().slice(0, 12)}-${i}`, street: 'Benchstraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: `Bench Huurder ${i}`, phone: '+31600000000', email: 'bench@example.nl' },
    arrearsCents: 75_000,
    dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    definitionId: 'standard-ladder',
    // A working Monday on the case clock: the first letter never waits for a weekend.
    businessStart: LADDER_WEEK,
  };
}

/** When each workflow set its first timer, read from its history (polled until it has). */
async function firstTimers(client: Client, workflowIds: string[]): Promise<number[]> {
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
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  return at;
}

async function caseStarts(db: Db, client: Client): Promise<Row[]> {
  say(`case starts: opening ${STARTS} standard-ladder cases, ${START_CONCURRENCY} at a time...`);
  const actor = { userId: 'bench', roles: ['caseworker' as const] };
  const deps = { pool: db, temporal: client, defaultTimeScale: 1, allowTimeScale: true };
  const opened: Array<{ id: string; workflowId: string; requestedAt: number }> = [];
  const t0 = Date.now();
  await pool(
    Array.from({ length: STARTS }, (_, i) => i),
    START_CONCURRENCY,
    async (i) => {
      const requestedAt = Date.now();
      const row = await openCase(deps, tenancyInput(i), actor);
      opened.push({ id: row.id, workflowId: row.workflowId, requestedAt });
    },
  );
  // Wait until every case has recorded its first message and entered its first wait.
  for (;;) {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c WHERE c.id = ANY($1) AND c.current_step = 'wait-after-reminder' AND EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id)`,
      [opened.map((o) => o.id)],
    );
    if (r.rows[0]!.n === opened.length) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  // The moment each first timer was set, read from the histories after the fact.
  const timers = await firstTimers(client, opened.map((o) => o.workflowId));
  const latencies = opened.map((o, i) => timers[i]! - o.requestedAt);
  const last = Math.max(...timers);
  const seconds = (last - t0) / 1000;
  return [
    { name: 'case starts per second', value: STARTS / seconds, unit: 'cases/s', note: `${STARTS} cases to first message + first timer in ${seconds.toFixed(2)} s` },
    { name: 'start → first timer, median', value: median(latencies), unit: 'ms' },
    { name: 'start → first timer, p95', value: percentile(latencies, 0.95), unit: 'ms' },
  ];
}

type Variant = 'interpreter' | 'hand-written';

/** Bench-ladder cases in the read model, each with the start of its workflow, run by the interpreter or by hand-written code. */
async function prepareStarts(db: Db, client: Client, variant: Variant, body: unknown, count: number, timeScale: number) {
  const starts: Array<{ caseId: string; workflowId: string; start: () => Promise<unknown> }> = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const input = { ...tenancyInput(i), definitionId: 'bench-ladder' };
    const { tenancyId, workflowId } = await insertCase(db, input as never, { id, workflowIdFor: caseWorkflowId, definitionVersion: 1, timeScale, openedBy: 'bench' });
    const base = { caseId: id, timeScale, arrearsCents: input.arrearsCents, dueDate: input.dueDate, businessStart: LADDER_WEEK, messageHours: AROUND_THE_CLOCK };
    starts.push({
      caseId: id,
      workflowId,
      start: () =>
        variant === 'interpreter'
          ? client.workflow.start('arrearsCase', { taskQueue: TASK_QUEUE, workflowId, args: [{ ...base, tenancyId, definition: { id: 'bench-ladder', version: 1, body } }] })
          : client.workflow.start('handWrittenLadder', { taskQueue: TASK_QUEUE, workflowId, args: [{ ...base, waitMs: durationMs(BENCH_WAIT) }] }),
    });
  }
  return starts;
}

/**
 * Starts of the bench ladder run by the interpreter and by the hand-written workflow, each to
 * its first message and first timer (real time, so nothing runs on after): what the machine
 * and the Temporal server allow, beside what the interpreter reaches.
 */
async function startRound(db: Db, client: Client, variant: Variant, body: unknown): Promise<number> {
  const starts = await prepareStarts(db, client, variant, body, STARTS, 1);
  const t0 = Date.now();
  await pool(starts, START_CONCURRENCY, async (s) => void (await s.start()));
  const timers = await firstTimers(client, starts.map((s) => s.workflowId));
  return STARTS / ((Math.max(...timers) - t0) / 1000);
}

async function startsSideBySide(db: Db, client: Client, body: unknown): Promise<Row[]> {
  const rates = { interpreter: [] as number[], 'hand-written': [] as number[] };
  for (const variant of ['hand-written', 'interpreter', 'interpreter', 'hand-written'] as const) {
    say(`starts side by side: ${variant}, ${STARTS} workflows...`);
    rates[variant].push(await startRound(db, client, variant, body));
  }
  const best = (v: keyof typeof rates) => Math.max(...rates[v]);
  return [
    { name: 'starts/s, bench ladder, interpreter', value: best('interpreter'), unit: 'wf/s', note: `workflow start to first timer, ${STARTS} at ${START_CONCURRENCY} at a time; best of 2` },
    { name: 'starts/s, bench ladder, hand-written', value: best('hand-written'), unit: 'wf/s', note: 'the same, the hand-written workflow: what this machine and server allow' },
    { name: 'interpreter starts vs hand-written', value: best('interpreter') / best('hand-written'), unit: '×' },
  ];
}

async function ladderRound(db: Db, client: Client, variant: Variant, body: unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const starts = await prepareStarts(db, client, variant, body, LADDER_CASES, LADDER_SCALE);
  const ids = starts.map((s) => s.caseId);
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await Promise.all(starts.map((s) => s.start()));
  for (;;) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'closed'`, [ids]);
    if (r.rows[0]!.n === ids.length) break;
    await new Promise((res) => setTimeout(res, 10));
  }
  const wallMs = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const messages = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE case_id = ANY($1)`, [ids]);
  if (messages.rows[0]!.n !== ids.length * 5) throw new Error(`${variant}: expected ${ids.length * 5} messages, found ${messages.rows[0]!.n}`);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function overhead(db: Db, client: Client): Promise<Row[]> {
  const body = DefinitionSchema.parse(benchLadder);
  const results = { interpreter: [] as Array<{ wallMs: number; cpuMs: number }>, 'hand-written': [] as Array<{ wallMs: number; cpuMs: number }> };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so drift on a shared machine hits both alike.
    const order = round % 2 === 0 ? (['interpreter', 'hand-written'] as const) : (['hand-written', 'interpreter'] as const);
    for (const variant of order) {
      say(`overhead round ${round + 1}/${ROUNDS}: ${variant}, ${LADDER_CASES} cases...`);
      results[variant].push(await ladderRound(db, client, variant, body));
    }
  }
  const wall = (v: keyof typeof results) => median(results[v].map((r) => r.wallMs));
  const cpu = (v: keyof typeof results) => median(results[v].map((r) => r.cpuMs));
  return [
    { name: 'ladder, interpreter: wall time', value: wall('interpreter'), unit: 'ms', note: `${LADDER_CASES} cases × 12 steps, 5 messages, 5 waits; median of ${ROUNDS}` },
    { name: 'ladder, hand-written: wall time', value: wall('hand-written'), unit: 'ms' },
    { name: 'interpreter overhead (wall time ratio)', value: wall('interpreter') / wall('hand-written'), unit: '×', note: 'goal ≤ 1.15' },
    { name: 'ladder, interpreter: worker process CPU', value: cpu('interpreter'), unit: 'ms' },
    { name: 'ladder, hand-written: worker process CPU', value: cpu('hand-written'), unit: 'ms' },
    { name: 'interpreter overhead (CPU ratio)', value: cpu('interpreter') / cpu('hand-written'), unit: '×' },
  ];
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    say('starting the Temporal dev server and PostgreSQL...');
    const temporal = await startDevServer({ binary: await ensureTemporalCli(say), port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
    stops.push(() => temporal.stop());
    const dir = mkdtempSync(join(tmpdir(), 'arrears-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'bench' });
    stops.push(async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await migrate(pg.url);
    const db = createPool(pg.url, 20);
    stops.push(() => db.end());
    await seedShipped(db);
    await insertVersion(db, DefinitionSchema.parse(benchLadder), 'bench', 'benchmark');

    const { code } = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)), preloadModules });
    const connection = await NativeConnection.connect({ address: temporal.address });
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      workflowBundle: { code },
      activities: createActivities({ pool: db, channels: channelAdapters({ MAIL_FROM: 'bench@example.nl' }), partners: partnerAdapters({}), settings: { paymentLinkBase: 'https://bench', contactName: 'Bench', contactPhone: '0' } }),
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    const clientConnection = await Connection.connect({ address: temporal.address });
    stops.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: 'default' });

    const rows: Row[] = [];
    rows.push(...(await caseStarts(db, client)));
    rows.push(...(await startsSideBySide(db, client, DefinitionSchema.parse(benchLadder))));
    rows.push(...(await overhead(db, client)));
    const designer = new URL('./designer.ts', import.meta.url);
    if (existsSync(fileURLToPath(designer)) && process.env.BENCH_SKIP_DESIGNER !== '1') {
      say('designer: measuring in headless Chromium...');
      const mod = (await import(designer.href)) as { runDesignerBench?: () => Promise<Row[]> };
      if (mod.runDesignerBench) rows.push(...(await mod.runDesignerBench()));
    }

    const width = Math.max(...rows.map((r) => r.name.length));
    const lines = rows.map((r) => `${r.name.padEnd(width)}  ${(r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2)).padStart(9)} ${r.unit.padEnd(7)} ${r.note ?? ''}`);
    console.log(['', `Benchmark on ${cpus().length} cores, ${new Date().toISOString()}`, ...lines, ''].join('\n'));
    const out = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(out, { recursive: true });
    const file = join(out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, settings: { STARTS, START_CONCURRENCY, LADDER_CASES, ROUNDS }, rows }, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await stopAll();
  }
}

await main();
