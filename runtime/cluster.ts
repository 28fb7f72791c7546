// `npm run start:cluster` without the terminal: docker-compose.yml's topology as processes on
// this machine. PostgreSQL (DATABASE_URL's server, or an embedded one), Temporal's databases
// set up by its own schema tool, the real Temporal server on PostgreSQL, the namespace and
// search attributes, the API (server/main.ts) and N workers (worker/main.ts), each its own
// process. The test of several workers (test/cluster.test.ts) starts it the same way.
// Every one of them is supervised (runtime/supervise.ts): one that dies is started again, on
// the same ports and state, after a backoff; the rest reconnect to it by themselves.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@temporalio/common';
import { bundleWorkflowCode } from '@temporalio/worker';
import { pino } from 'pino';
import { preloadModules, workflowsPath } from '../worker/bundle-options.ts';
import { startChild, waitUntilReady, type Child } from './child-process.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { supervise, type Started, type Supervisor } from './supervise.ts';
import type { Env } from '../server/env.ts';
import { freeTemporalPorts } from './ports.ts';
import { DEFAULT_HISTORY_SHARDS, portsAround, writeTemporalConfig, type TemporalPorts } from './temporal-config.ts';
import { registerNamespace } from './temporal-namespace.ts';
import { ensureDatabase, setupTemporalSchema, sqlConnectionOf } from './temporal-schema.ts';
import { ensureTemporalServer, startTemporalServer } from './temporal-server.ts';
import { appClientTls, ensureTemporalCertificates, operatorClientTls, tlsEnv, type TemporalTlsFiles } from './temporal-tls.ts';
import { ensureTemporalUi, startTemporalUi } from './temporal-ui.ts';
import type { TemporalClientTls } from '../server/temporal.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export type ClusterOptions = {
  /** Where its state lives: the embedded PostgreSQL, Temporal's config, the bundle, the logs. */
  dir: string;
  /** The app's database; its server also gets Temporal's two. Unset: an embedded PostgreSQL. */
  databaseUrl?: string;
  embeddedPgPort: number;
  temporal: {
    database: string;
    visibilityDatabase: string;
    historyShards: number;
    ip: string;
    ports: TemporalPorts;
    namespace: string;
    retentionHours: number;
    /** Timers on time to the 50 ms, for accelerated case clocks (not production). */
    fastTimers: boolean;
  };
  api: { host: string; port: number };
  /** The Temporal Web UI on this port (at the Temporal server's address); unset: none. */
  ui?: { port: number };
  /** One worker process per port: its metrics and /health (WORKER_METRICS_PORT). */
  workerMetricsPorts: number[];
  /** A prebuilt workflow bundle; unset: bundled once at start for every worker. */
  workflowBundle?: string;
  /** Passed to the API and the workers on top of this process's environment. */
  env: Record<string, string>;
  log: (line: string) => void;
  /** Aborted: the start stops after its current step and undoes what it started. */
  signal?: AbortSignal;
};

export type Cluster = {
  databaseUrl: string;
  temporalAddress: string;
  temporalMetricsUrl: string;
  temporalUiUrl: string | undefined;
  apiUrl: string;
  /** The client certificates its Temporal server asks for: the app's, and an operator's for the CLI. */
  temporalTls: TemporalClientTls;
  operatorTls: TemporalClientTls;
  /** Each process it keeps running; `status().pid` is the one running now. */
  postgres: Supervisor | undefined;
  temporal: Supervisor;
  api: Supervisor;
  workers: Array<Supervisor & { metricsPort: number; logFile: string }>;
  logsDir: string;
  stop(): Promise<void>;
};

async function answers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return res.ok;
}

/** Any HTTP answer: the process is up, though what it depends on may still be down (a 503). */
async function listens(url: string): Promise<boolean> {
  await fetch(url, { signal: AbortSignal.timeout(3000) });
  return true;
}

const asStarted = (child: Child): Started => ({ process: child.process, stop: () => child.stop(), tail: child.tail });

/** The supervisor's structured log lines as the cluster's one-line log. */
function lineLogger(log: (line: string) => void) {
  return pino({ level: 'info', base: null, timestamp: false }, { write: (json: string) => log((JSON.parse(json) as { msg: string }).msg) });
}

/** The Temporal server's settings from the environment (start:cluster, cluster:setup). */
export function temporalOptions(env: Env): ClusterOptions['temporal'] {
  return {
    database: env.TEMPORAL_DATABASE,
    visibilityDatabase: env.TEMPORAL_VISIBILITY_DATABASE,
    historyShards: env.TEMPORAL_HISTORY_SHARDS,
    ip: env.TEMPORAL_IP,
    ports: portsAround(env.TEMPORAL_PORT),
    namespace: env.TEMPORAL_NAMESPACE,
    retentionHours: env.TEMPORAL_RETENTION,
    // Timers on time to the 50 ms for accelerated case clocks; production keeps the default.
    fastTimers: env.NODE_ENV !== 'production',
  };
}

/** A throwaway server on loopback, on free ports, timers on time (the tests, the chaos run, the bench). */
export async function loopbackTemporal(database = 'temporal', visibilityDatabase = 'temporal_visibility'): Promise<ClusterOptions['temporal']> {
  return { database, visibilityDatabase, historyShards: DEFAULT_HISTORY_SHARDS, ip: '127.0.0.1', ports: await freeTemporalPorts(), namespace: 'default', retentionHours: 24, fastTimers: true };
}

/** Where a cluster keeps what, under its folder (DATA_DIR/cluster); deploy/systemd's units name these paths. */
export function clusterPaths(dir: string) {
  return {
    postgres: join(dir, 'postgres'),
    temporalConfig: join(dir, 'temporal'),
    temporalUi: join(dir, 'temporal-ui'),
    workflowBundle: join(dir, 'workflow-bundle.js'),
    logs: join(dir, 'logs'),
    tls: join(dir, 'tls'),
  };
}

/**
 * Temporal's databases and schema (its own temporal-sql-tool) on the server of `databaseUrl`,
 * which also gets the app's database if missing, and the server's config files; returns the
 * config file. What start:cluster does before the server, and deploy/systemd's setup unit.
 */
export async function prepareTemporal(o: {
  sqlTool: string;
  databaseUrl: string;
  dir: string;
  temporal: ClusterOptions['temporal'];
  log: (line: string) => void;
  /** Mutual TLS on the server (runtime/temporal-tls.ts); unset only for the tests' and the bench's throwaway servers. */
  tls?: TemporalTlsFiles;
}): Promise<string> {
  const sql = sqlConnectionOf(o.databaseUrl);
  const t = o.temporal;
  await ensureDatabase(sql, sql.database);
  o.log(`Temporal's schema in ${t.database} and ${t.visibilityDatabase} (temporal-sql-tool)`);
  await setupTemporalSchema({ sqlTool: o.sqlTool, sql, database: t.database, visibilityDatabase: t.visibilityDatabase, log: o.log });
  return writeTemporalConfig(clusterPaths(o.dir).temporalConfig, {
    sql,
    database: t.database,
    visibilityDatabase: t.visibilityDatabase,
    historyShards: t.historyShards,
    ip: t.ip,
    ports: t.ports,
    fastTimers: t.fastTimers,
    logLevel: 'warn',
    ...(o.tls ? { tls: o.tls } : {}),
  });
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const paths = clusterPaths(o.dir);
  const logsDir = paths.logs;
  // Undone in reverse on stop or on a failed start: workers, API, Temporal, PostgreSQL.
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    while (stops.length > 0) await stops.pop()!().catch((err: Error) => o.log(`while stopping: ${err.message}`));
  };
  try {
    const programs = await ensureTemporalServer(o.log);
    const uiProgram = o.ui ? await ensureTemporalUi(o.log) : undefined;
    o.signal?.throwIfAborted();

    const supervisorLog = lineLogger(o.log);
    const keep = async (name: string, start: () => Promise<Started>) => {
      const s = await supervise({ name, start, log: supervisorLog });
      stops.push(() => s.stop());
      return s;
    };

    let databaseUrl = o.databaseUrl;
    let postgres: Supervisor | undefined;
    if (!databaseUrl) {
      o.log('starting the embedded PostgreSQL');
      const options = { dir: paths.postgres, port: o.embeddedPgPort, database: 'arrears', log: o.log, ownProcessGroup: true };
      postgres = await keep('PostgreSQL (embedded)', async () => {
        const db = await startEmbeddedPostgres(options);
        databaseUrl = db.url;
        return db;
      });
      o.signal?.throwIfAborted();
    }
    const t = o.temporal;
    const tlsFiles = await ensureTemporalCertificates(paths.tls, [t.ip], o.log);
    const temporalTls = appClientTls(tlsFiles);
    const operatorTls = operatorClientTls(tlsFiles);
    const configFile = await prepareTemporal({ sqlTool: programs.sqlTool, databaseUrl: databaseUrl!, dir: o.dir, temporal: t, log: o.log, tls: tlsFiles });
    o.signal?.throwIfAborted();

    const temporalAddress = `${t.ip}:${t.ports.frontend}`;
    o.log(`starting the Temporal server on ${temporalAddress}`);
    const temporal = await keep('the Temporal server', async () => {
      const server = await startTemporalServer({ binary: programs.server, configFile, address: temporalAddress, logFile: join(logsDir, 'temporal.log'), tls: temporalTls });
      return asStarted(server.child);
    });
    await registerNamespace({ address: temporalAddress, namespace: t.namespace, retentionHours: t.retentionHours, log: o.log, tls: temporalTls });
    o.signal?.throwIfAborted();
    let temporalUiUrl: string | undefined;
    if (o.ui && uiProgram) {
      const ui = o.ui;
      const codecEndpoint = `http://${o.api.host === '0.0.0.0' ? '127.0.0.1' : o.api.host}:${o.api.port}/api/temporal-codec`;
      const options = { binary: uiProgram, dir: paths.temporalUi, temporalAddress, ip: t.ip, port: ui.port, namespace: t.namespace, codecEndpoint, logFile: join(logsDir, 'temporal-ui.log'), tls: operatorTls };
      await keep('the Temporal Web UI', async () => asStarted((await startTemporalUi(options)).child));
      temporalUiUrl = `http://${t.ip}:${ui.port}`;
      o.signal?.throwIfAborted();
    }

    let workflowBundle = o.workflowBundle;
    if (!workflowBundle) {
      o.log('bundling the workflow code for the workers');
      workflowBundle = paths.workflowBundle;
      writeFileSync(workflowBundle, (await bundleWorkflowCode({ workflowsPath, preloadModules, logger: quietBundler })).code);
      o.signal?.throwIfAborted();
    }

    // The API links to this UI unless o.env names another (a proxy in front of it, say).
    const env = { ...process.env, ...(temporalUiUrl ? { TEMPORAL_UI_URL: temporalUiUrl } : {}), ...o.env, DATABASE_URL: databaseUrl!, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_NAMESPACE: t.namespace, ...tlsEnv(temporalTls) };
    const node = (name: string, script: string, extra: Record<string, string>, logFile: string) =>
      startChild({ name, command: process.execPath, args: ['--import', 'tsx', script], env: { ...env, ...extra }, cwd: root, logFile });
    // The first start waits until it is healthy; a restart only until it answers, for what it
    // depends on (Temporal, PostgreSQL) may be the very thing that is down meanwhile.
    const nodeService = async (name: string, script: string, extra: Record<string, string>, logFile: string, health: string) => {
      let first = true;
      return keep(name, async () => {
        const child = node(name, script, extra, logFile);
        await waitUntilReady(child, first ? `a healthy ${health}` : `an answer on ${health}`, () => (first ? answers(health) : listens(health)), 120_000);
        first = false;
        return asStarted(child);
      });
    };

    // The API first: it migrates the database the workers write to.
    o.log('starting the API');
    const apiUrl = `http://${o.api.host === '0.0.0.0' ? '127.0.0.1' : o.api.host}:${o.api.port}`;
    const api = await nodeService('the API', 'server/main.ts', { HOST: o.api.host, PORT: String(o.api.port) }, join(logsDir, 'api.log'), `${apiUrl}/api/health`);
    o.signal?.throwIfAborted();

    o.log(`starting ${o.workerMetricsPorts.length} workers`);
    const workers = await Promise.all(
      o.workerMetricsPorts.map(async (metricsPort, i) => {
        const logFile = join(logsDir, `worker-${i + 1}.log`);
        const s = await nodeService(`worker ${i + 1}`, 'worker/main.ts', { WORKFLOW_BUNDLE: workflowBundle, WORKER_METRICS_PORT: String(metricsPort) }, logFile, `http://127.0.0.1:${metricsPort}/health`);
        return Object.assign(s, { metricsPort, logFile });
      }),
    );
    o.signal?.throwIfAborted();

    return {
      databaseUrl: databaseUrl!,
      temporalAddress,
      temporalMetricsUrl: `http://${t.ip}:${t.ports.metrics}/metrics`,
      temporalUiUrl,
      apiUrl,
      temporalTls,
      operatorTls,
      postgres,
      temporal,
      api,
      workers,
      logsDir,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

const quietBundler: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (message) => console.error(message) };
