// The rent ledger's intake at a corporation's size: a 50,000-line arrears list (most tenancies
// without arrears, some under the threshold, a few hundred over it), read and checked, then
// worked through as the intake workflow's activity does, chunk by chunk, opening real cases on
// the bench's worker. Reports the time to take the file in, the time to work it, and lines/s.
import { performance } from 'node:perf_hooks';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { processChunk } from '../server/intake/process.ts';
import { getRun } from '../server/intake/runs-repository.ts';
import { submitList } from '../server/intake/submit.ts';
import type { ScaleSetup } from './scale.ts';
import { say, type Row } from './support.ts';

const LINES = Number(process.env.BENCH_INTAKE_LINES ?? 50_000);
const OPENED = Number(process.env.BENCH_INTAKE_OPENED ?? 250);
const BELOW = Math.round(LINES / 50);

export async function intakeBench(setup: ScaleSetup): Promise<Row[]> {
  const tag = `ib${Date.now().toString(36)}`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const lines = ['huurcontract;naam;telefoon;straat;postcode;plaats;achterstand;oudste_vervaldatum;huur;minderjarigen'];
  for (let i = 0; i < LINES; i++) {
    const [arrears, due] = i < OPENED ? ['1.450,00', day(-40)] : i < OPENED + BELOW ? ['725,00', day(0)] : ['0,00', ''];
    lines.push(`${tag}-${i};Bench Huurder ${i};0612345678;Benchstraat ${i % 300};3511 AB;Utrecht;${arrears};${due};725,00;nee`);
  }
  const text = lines.join('\n');
  say(`intake: ${LINES} lines (${OPENED} new arrears)...`);
  const t0 = performance.now();
  const { runId } = await submitList(setup.db, { kind: 'csv', text }, { source: 'upload', filename: 'bench.csv', actor: 'system:intake', defaultDefinitionId: 'standard-ladder' });
  const taken = performance.now() - t0;
  const deps = { pool: setup.db, temporal: setup.client, taskQueue: TASK_QUEUE, defaultTimeScale: 1, allowTimeScale: false };
  const t1 = performance.now();
  for (;;) {
    const p = await processChunk(deps, runId, 200);
    if (p.remaining === 0) break;
  }
  const worked = performance.now() - t1;
  const run = (await getRun(setup.db, runId))!;
  if (run.counts.opened !== OPENED) throw new Error(`the intake bench opened ${run.counts.opened ?? 0} cases, not ${OPENED}`);
  return [
    { name: `${setup.label}: intake, read and check ${LINES} lines`, value: taken / 1000, unit: 's' },
    { name: `${setup.label}: intake, work ${LINES} lines (${OPENED} cases opened)`, value: worked / 1000, unit: 's', note: `${Math.round(LINES / (worked / 1000))} lines/s` },
  ];
}
