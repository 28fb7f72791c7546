// The engine's own figures: case starts through the case service, starts of the interpreter
// beside a hand-written workflow doing the same ladder, and the interpreter's overhead over
// whole ladders (wall time and worker CPU), the two variants in alternating rounds.
import type { Client } from '@temporalio/client';
import { DefinitionSchema } from '../definition/schema.ts';
import { openCase } from '../server/cases/open-case.ts';
import type { Db } from '../server/db/pool.ts';
import { benchLadder } from './bench-ladder.ts';
import { firstTimers, median, percentile, pool, prepareCases, say, tenancyInput, type Row, type Variant } from './support.ts';

export const STARTS = Number(process.env.BENCH_STARTS ?? 200);
export const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 16);
export const LADDER_CASES = Number(process.env.BENCH_LADDER_CASES ?? 40);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// 20 business hours a second: a 2-hour wait of the bench ladder in 0.1 s.
const LADDER_SCALE = 20 * 3_600;

export async function caseStarts(db: Db, client: Client): Promise<Row[]> {
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

async function startRound(db: Db, client: Client, variant: Variant, body: unknown): Promise<number> {
  const starts = await prepareCases(db, client, { variant, definition: { id: 'bench-ladder', body }, count: STARTS, timeScale: 1 });
  const t0 = Date.now();
  await pool(starts, START_CONCURRENCY, async (s) => void (await s.start()));
  const timers = await firstTimers(client, starts.map((s) => s.workflowId));
  return STARTS / ((Math.max(...timers) - t0) / 1000);
}

export async function startsSideBySide(db: Db, client: Client, body: unknown): Promise<Row[]> {
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
  const starts = await prepareCases(db, client, { variant, definition: { id: 'bench-ladder', body }, count: LADDER_CASES, timeScale: LADDER_SCALE });
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

export async function overhead(db: Db, client: Client): Promise<Row[]> {
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

