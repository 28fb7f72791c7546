// `npm run chaos`: the fault suite at full size (README, "Faults survived"). Sized by flags:
//   npm run chaos -- --cases 2000 --worker-kills 20 --temporal-restarts 4 --postgres-restarts 2
// Prints what it did and found; exits 1 when any check found a defect.
import { parseArgs } from 'node:util';
import { workingStart } from '../test/support/clock.ts';
import { LoopbackProvider } from '../test/support/loopback.ts';
import { findingKeys } from './checks.ts';
import { runChaos } from './run-chaos.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    'worker-kills': { type: 'string', default: '50' },
    'temporal-restarts': { type: 'string', default: '10' },
    'postgres-restarts': { type: 'string', default: '5' },
    workers: { type: 'string', default: '3' },
    'days-per-second': { type: 'string', default: '1' },
    'fault-interval': { type: 'string', default: '8', short: 'i' },
    // Minutes without any case getting closer to its end before the run gives up waiting.
    'settle-minutes': { type: 'string', default: '10' },
  },
});
const int = (name: keyof typeof values, min: number) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number of at least ${min} (it is "${values[name]}")`);
    process.exit(2);
  }
  return n;
};

// Stopped by hand: exiting stops every process the cluster started (their exit hooks).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const provider = await new LoopbackProvider().start();
const started = new Date();
const log = (line: string) => console.log(`[chaos ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(5)} s] ${line}`);
try {
  const report = await runChaos({
    cases: int('cases', 1),
    faults: { worker: int('worker-kills', 0), temporal: int('temporal-restarts', 0), postgres: int('postgres-restarts', 0) },
    workers: int('workers', 2),
    timeScale: int('days-per-second', 0.01) * 86_400,
    faultIntervalMs: int('fault-interval', 0.1) * 1000,
    settleMs: int('settle-minutes', 1) * 60_000,
    env: { WHATSAPP_API_URL: provider.url },
    businessStart: () => workingStart(),
    log,
  });
  const down = (kind: string) => report.faults.filter((f) => f.kind === kind).map((f) => f.downMs ?? NaN);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const whatsapp = new Set(provider.requests.map((r) => r.headers['idempotency-key'])).size;
  console.log(
    [
      '',
      `Chaos run: ${report.options.cases} cases, ${report.options.workers} workers, ${(report.durationMs / 60_000).toFixed(1)} min`,
      `  faults       ${['worker', 'temporal', 'postgres'].map((k) => `${down(k).length} ${k} (back in median ${(median(down(k)) / 1000).toFixed(1)} s)`).join(', ')}`,
      `  restarts     ${Object.entries(report.restarts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `  API answers  ${Object.entries(report.answers.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
      ...report.answers.unavailableMessages.map((m) => `    503 said: ${m}`),
      `  acknowledged ${report.acknowledgedPayments} payments, ${report.completedTasks} task completions; WhatsApp provider saw ${whatsapp} distinct messages, delivered ${provider.delivered.size}`,
      '  checks',
      ...findingKeys.map((k) => `    ${k.padEnd(24)} ${report.findings[k]}`),
      ...report.findings.examples.map((e) => `    e.g. ${e}`),
      ...report.answers.unexpected.map((u) => `    unexpected ${u.status} on ${u.what}: ${JSON.stringify(u.body)}`),
    ].join('\n'),
  );
  const failed = findingKeys.some((k) => report.findings[k] > 0) || report.answers.unexpected.length > 0;
  console.log(failed ? '\nFAILED' : '\nPASSED: every check 0');
  process.exitCode = failed ? 1 : 0;
} finally {
  await provider.stop();
}
