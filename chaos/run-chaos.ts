// A chaos run: the production-like topology (runtime/cluster.ts: an embedded PostgreSQL, the
// real Temporal server on it, the API, several workers, all supervised), cases on the standard
// ladder at a time scale with staff and tenants acting on them, and faults meanwhile. Then the
// checks of chaos/checks.ts. `npm run chaos` runs it at full size; test/chaos.test.ts small.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loopbackTemporal, startCluster } from '../runtime/cluster.ts';
import { createPool } from '../server/db/pool.ts';
import { DEMO_PASSWORD } from '../server/db/seed.ts';
import { connectTemporal } from '../server/temporal.ts';
import { preloadModules, workflowsPath } from '../worker/bundle-options.ts';
import { check, findingKeys, type Findings } from './checks.ts';
import { injectFaults, type Fault, type FaultPlan } from './faults.ts';
import { freePort } from '../runtime/ports.ts';
import { StaffClient, newTally, type AnswerTally } from './staff-client.ts';
import { Workload, expectedEnd } from './workload.ts';

export type ChaosOptions = {
  cases: number;
  faults: FaultPlan;
  workers: number;
  /** Case seconds per real second. */
  timeScale: number;
  /** Average pause between faults. */
  faultIntervalMs: number;
  /**
   * How long the cases may go without one of them getting closer to where its plan leads,
   * once the faults are over, before the run stops waiting and checks. A full run leaves the
   * workers a backlog of tens of thousands of workflow tasks to work off; that takes as long as
   * it takes, but a case that makes no progress for this long is stuck.
   */
  settleMs: number;
  /** A prebuilt workflow bundle (the test suite has one); unset: bundled here. */
  workflowBundle?: string;
  /** Extra environment for the API and the workers (a WhatsApp provider stand-in, say). */
  env?: Record<string, string>;
  /** The business moment new cases start at (a working morning, so letters go out at once). */
  businessStart: () => string;
  log: (line: string) => void;
};

export type ChaosReport = {
  options: Omit<ChaosOptions, 'log' | 'businessStart' | 'env' | 'workflowBundle'>;
  findings: Findings;
  faults: Fault[];
  answers: { byStatus: Record<string, number>; unavailableMessages: string[]; unexpected: AnswerTally['unexpected'] };
  acknowledgedPayments: number;
  completedTasks: number;
  restarts: Record<string, number>;
  durationMs: number;
};

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const began = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'arrears-chaos-'));
  // Run as root, the embedded PostgreSQL runs as the user postgres, who must enter this folder.
  chmodSync(dir, 0o755);
  let workflowBundle = o.workflowBundle;
  if (!workflowBundle) {
    workflowBundle = join(dir, 'workflow-bundle.js');
    writeFileSync(workflowBundle, (await bundleWorkflowCode({ workflowsPath, preloadModules, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } })).code);
  }
  o.log(`starting the cluster in ${dir}`);
  const cluster = await startCluster({
    dir,
    embeddedPgPort: await freePort(),
    temporal: await loopbackTemporal(),
    api: { host: '127.0.0.1', port: await freePort() },
    workerMetricsPorts: await Promise.all(Array.from({ length: o.workers }, () => freePort())),
    workflowBundle,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: 'true', ...o.env },
    log: o.log,
  });
  const pool = createPool(cluster.databaseUrl, 4);
  const temporal = await connectTemporal(cluster.temporalAddress, 'default', { tls: cluster.temporalTls });
  // A failed run keeps its folder: the logs of the API, the workers and Temporal say what happened.
  let keep = false;
  try {
    const tally = newTally();
    const api = new StaffClient(cluster.apiUrl, tally);
    await api.signIn('sanne', DEMO_PASSWORD);
    // Finance approves the manual payments above the threshold that sanne registers.
    const approver = new StaffClient(cluster.apiUrl, tally);
    await approver.signIn('fleur', DEMO_PASSWORD);
    const workload = new Workload({ api, approver, pool, timeScale: o.timeScale, businessStart: o.businessStart, concurrency: 16, log: o.log });

    // The faults begin as the first cases open and go on while there is work.
    let working = true;
    const faults = injectFaults({
      targets: { workers: cluster.workers, temporal: cluster.temporal, postgres: cluster.postgres! },
      plan: o.faults,
      intervalMs: o.faultIntervalMs,
      apiUrl: cluster.apiUrl,
      log: o.log,
    });
    const driving = (async () => {
      while (working) {
        await workload.tick().catch((err: Error) => o.log(`reading the cases: ${err.message}`));
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    o.log(`opening ${o.cases} cases`);
    await workload.open(o.cases);
    const done = await faults;
    o.log(`all ${done.length} faults done; letting the cases settle`);
    // Actions done: the last ones need the case's time to reach their end (an aftercare wait).
    const settled = await settle(pool, workload, o.settleMs, o.log);
    working = false;
    await driving;
    if (!settled) o.log('not every case settled in time; the checks will say which');

    const findings = await check({ pool, temporal, cases: workload.cases, acknowledged: [...workload.acknowledged.values()], completedTasks: workload.completedTasks });
    keep = findingKeys.some((k) => findings[k] > 0) || tally.unexpected.length > 0;
    return {
      options: { cases: o.cases, faults: o.faults, workers: o.workers, timeScale: o.timeScale, faultIntervalMs: o.faultIntervalMs, settleMs: o.settleMs },
      findings,
      faults: done,
      answers: { byStatus: tally.byStatus, unavailableMessages: [...tally.unavailableMessages], unexpected: tally.unexpected.slice(0, 10) },
      acknowledgedPayments: workload.acknowledged.size,
      completedTasks: workload.completedTasks.length,
      restarts: Object.fromEntries([cluster.postgres!, cluster.temporal, cluster.api, ...cluster.workers].map((s) => [s.name, s.status().restarts])),
      durationMs: Date.now() - began,
    };
  } finally {
    await temporal.connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await cluster.stop();
    if (keep) o.log(`kept for a look: ${dir} (logs in ${cluster.logsDir}; remove it when done)`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until every case is where its plan leads (read model), or none gets there for `quietMs`. */
async function settle(pool: ReturnType<typeof createPool>, workload: Workload, quietMs: number, log: (line: string) => void): Promise<boolean> {
  let fewest = Infinity;
  let progressAt = Date.now();
  let reportedAt = Date.now();
  for (;;) {
    const rows = (await pool.query<{ id: string; status: string; outcome: string | null; current_step: string | null }>(`SELECT id, status, outcome, current_step FROM cases WHERE id = ANY($1)`, [workload.cases.map((c) => c.id)]).catch(() => ({ rows: [] }))).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const left = workload.cases.filter((c) => {
      const r = byId.get(c.id);
      const end = expectedEnd[c.plan];
      return !r || ('step' in end ? r.current_step !== end.step || r.status === 'closed' : r.status !== 'closed');
    });
    if (left.length === 0 && workload.done()) return true;
    if (left.length < fewest) [fewest, progressAt] = [left.length, Date.now()];
    if (Date.now() - reportedAt > 60_000) {
      log(`${left.length} cases still on their way${workload.done() ? '' : ', staff actions still running'}`);
      reportedAt = Date.now();
    }
    if (Date.now() - progressAt > quietMs && (workload.done() || Date.now() - progressAt > 2 * quietMs)) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
