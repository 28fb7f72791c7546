// `npm run bench`: figures on a real Temporal server and a real PostgreSQL, measured side by
// side in one run. Prints a table and writes JSON to bench/results/.
//
// 1. The engine's own figures (overhead.ts): case starts through the case service, starts of
//    the interpreter beside a hand-written workflow doing the same ladder, and the
//    interpreter's overhead over whole ladders (wall time and worker CPU).
// 2. Scale figures (scale.ts, api-load.ts, history-length.ts), per server: starts at a fixed
//    offered load, payment → query, a timer storm with a worker caching every case, the staff
//    API over a full database, and the length of whole histories.
// 3. The rent ledger's intake (intake.ts): a 50,000-line arrears list taken in and worked.
// 4. Outcome analytics (analytics.ts): the "what works" queries over 100,000 closed cases, on
//    PostgreSQL alone.
// BENCH_PARTS=engine,scale,api,history,intake,analytics picks parts, BENCH_SERVERS=dev,postgres the servers (a
// full-size storm on one server alone takes about 20 minutes here); sizes come from BENCH_*.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DefinitionSchema } from '../definition/schema.ts';
import { analyticsBench } from './analytics.ts';
import { apiUnderLoad } from './api-load.ts';
import { benchLadder } from './bench-ladder.ts';
import { historyLengths } from './history-length.ts';
import { intakeBench } from './intake.ts';
import { caseStarts, LADDER_CASES, overhead, ROUNDS, START_CONCURRENCY, STARTS, startsSideBySide } from './overhead.ts';
import { openLoopStarts, paymentToQuery, SCALE, stormAndCache } from './scale.ts';
import { databaseOnlySetup, devServerSetup, postgresServerSetup, type Setup } from './setups.ts';
import { say, type Row } from './support.ts';

const parts = new Set((process.env.BENCH_PARTS ?? 'engine,scale,api,history,intake,analytics').split(','));
// Only these need a Temporal server; the analytics read PostgreSQL alone.
const temporalParts = ['engine', 'scale', 'api', 'history', 'intake'].filter((p) => parts.has(p));

async function measure(setup: Setup): Promise<Row[]> {
  const rows: Row[] = [];
  if (parts.has('engine')) {
    const engine = [
      ...(await caseStarts(setup.db, setup.client)),
      ...(await startsSideBySide(setup.db, setup.client, DefinitionSchema.parse(benchLadder))),
      ...(await overhead(setup.db, setup.client)),
    ];
    rows.push(...engine.map((r) => ({ ...r, name: `${setup.label}: ${r.name}` })));
  }
  if (parts.has('scale')) {
    rows.push(...(await openLoopStarts(setup)));
    rows.push(...(await paymentToQuery(setup)));
    rows.push(...(await stormAndCache(setup)));
  }
  if (parts.has('history')) rows.push(...(await historyLengths(setup.label, setup.db, setup.client)));
  if (parts.has('intake')) rows.push(...(await intakeBench(setup)));
  // Last: it fills the database with ten thousand cases that have no workflow.
  if (parts.has('api')) rows.push(...(await apiUnderLoad(setup.label, setup.db, setup.client)));
  return rows;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const rows: Row[] = [];
  const servers = new Set((process.env.BENCH_SERVERS ?? 'dev,postgres').split(','));
  const setups = [
    ['dev', devServerSetup],
    ['postgres', postgresServerSetup],
  ] as const;
  for (const [, start] of setups.filter(([name]) => servers.has(name) && temporalParts.length > 0)) {
    const setup = await start();
    try {
      rows.push(...(await measure(setup)));
    } finally {
      await setup.stop();
    }
  }
  if (parts.has('analytics')) {
    const setup = await databaseOnlySetup();
    try {
      rows.push(...(await analyticsBench('PostgreSQL', setup.db, setup.url)));
    } finally {
      await setup.stop();
    }
  }
  const designer = new URL('./designer.ts', import.meta.url);
  if (parts.has('engine') && existsSync(fileURLToPath(designer)) && process.env.BENCH_SKIP_DESIGNER !== '1') {
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
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, settings: { STARTS, START_CONCURRENCY, LADDER_CASES, ROUNDS, ...SCALE }, rows }, null, 2));
  console.log(`written to ${file}`);
}

await main();
