// `npm run start:cluster`: a production-like system without containers, docker-compose.yml's
// topology as processes (runtime/cluster.ts): PostgreSQL, the real Temporal server on it,
// the API and WORKERS worker processes. State in DATA_DIR/cluster, so a restart keeps cases.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadEnv } from '../server/env.ts';
import { printBanner } from './banner.ts';
import { startCluster, temporalOptions } from './cluster.ts';
import { cliTlsArgs } from './temporal-tls.ts';
import { EmbeddedPostgresError } from './embedded-postgres.ts';
import { TEMPORAL_SERVER_VERSION } from './temporal-server.ts';
import { ensureWebBuild } from './web-build.ts';

// Ctrl+C signals every process in the terminal's foreground group at once, and the embedded
// PostgreSQL (the package starts it in our group) would stop before the Temporal server that
// writes to it. So the cluster runs in a process group of its own, started from here, and this
// process only passes the signals on; it stops everything in order.
const OWN_GROUP = '--own-process-group';
if (!process.argv.includes(OWN_GROUP)) {
  const cluster = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1), OWN_GROUP], { stdio: 'inherit', detached: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => cluster.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
  cluster.on('exit', (code) => process.exit(code ?? 1));
} else {
  await run();
}

async function run() {
  const env = loadEnv();
  if (env.TEMPORAL_ADDRESS) {
    console.error(
      `start:cluster runs a Temporal server of its own, but TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS} is set. Unset it, or run server/main.ts and worker/main.ts against that cluster (README, "Production").`,
    );
    process.exit(1);
  }
  const log = (line: string) => console.log(`[start:cluster] ${line}`);
  const dir = join(env.dataDir, 'cluster');

  // Ctrl+C while starting: what has started is stopped after the current step; twice: at once.
  const starting = new AbortController();
  let stop = (signal: string) => {
    if (starting.signal.aborted) process.exit(130);
    log(`${signal}: stopping after the current step (again to stop at once)`);
    starting.abort();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await ensureWebBuild(log);
  const cluster = await startCluster({
    dir,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    temporal: temporalOptions(env),
    api: { host: env.HOST, port: env.PORT },
    ui: { port: env.TEMPORAL_UI_PORT },
    // The first worker's port is WORKER_METRICS_PORT (9464), the next ones count up.
    workerMetricsPorts: Array.from({ length: env.WORKERS }, (_, i) => (env.WORKER_METRICS_PORT ?? 9464) + i),
    ...(env.WORKFLOW_BUNDLE ? { workflowBundle: env.WORKFLOW_BUNDLE } : {}),
    env: { NODE_ENV: env.NODE_ENV, ...(env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: env.TEMPORAL_UI_URL } : {}) },
    log,
    signal: starting.signal,
  }).catch((err: unknown) => {
    if (starting.signal.aborted) process.exit(130);
    if (err instanceof EmbeddedPostgresError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  });

  printBanner(
    'Arrears case engine is running as a cluster.',
    [
      `  Web app and API   http://localhost:${env.PORT}   (API under /api, health at /api/health)   log ${join(cluster.logsDir, 'api.log')}`,
      `  Temporal Web UI   ${cluster.temporalUiUrl}   log ${join(cluster.logsDir, 'temporal-ui.log')}`,
      `  Temporal          ${cluster.temporalAddress}   server ${TEMPORAL_SERVER_VERSION} on PostgreSQL, ${env.TEMPORAL_HISTORY_SHARDS} history shards`,
      `                    mutual TLS: only clients with a certificate from ${join(dir, 'tls', 'ca.pem')} connect`,
      `                    e.g. temporal workflow list --address ${cluster.temporalAddress} ${cliTlsArgs(cluster.operatorTls).join(' ')} --query "CaseStep = 'wait-after-reminder'"`,
      `                    metrics ${cluster.temporalMetricsUrl}   log ${join(cluster.logsDir, 'temporal.log')}`,
      `  Workers           ${cluster.workers.length} processes, metrics and /health on ports ${cluster.workers.map((w) => w.metricsPort).join(', ')}   logs ${join(cluster.logsDir, 'worker-N.log')}`,
      `  PostgreSQL        ${cluster.databaseUrl.replace(/:[^:@/]+@/, ':***@')}${env.DATABASE_URL ? '' : ' (embedded)'}; Temporal's: ${env.TEMPORAL_DATABASE}, ${env.TEMPORAL_VISIBILITY_DATABASE}`,
      `  State             ${dir}`,
    ],
    env,
  );

  // A process that dies is started again by the cluster's supervisors, which log it.
  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the workers, the API, Temporal${env.DATABASE_URL ? '' : ' and PostgreSQL'}`);
    void cluster.stop().then(() => process.exit(0));
  };
  if (starting.signal.aborted) stop('SIGINT');
}
