// The servers the bench measures on: a setup is a Temporal server, a PostgreSQL with the
// schema and the bench's definitions, a client, and an in-process worker running the
// interpreter beside the hand-written ladder. Two setups: the dev server, and the real
// Temporal server on PostgreSQL configured as start:cluster configures it.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { channelAdapters, createActivities, partnerAdapters } from '../activities/index.ts';
import { createPolicyHoldActivities } from '../activities/policy-holds.ts';
import { DefinitionSchema } from '../definition/schema.ts';
import { loopbackTemporal, prepareTemporal } from '../runtime/cluster.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { registerNamespace } from '../runtime/temporal-namespace.ts';
import { ensureTemporalServer, startTemporalServer } from '../runtime/temporal-server.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { migrate } from '../server/db/migrate.ts';
import { createPool, type Db } from '../server/db/pool.ts';
import { seedShipped } from '../server/db/seed.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { freePort } from '../runtime/ports.ts';
import { preloadModules } from '../worker/bundle-options.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { benchLadder } from './bench-ladder.ts';
import type { ScaleSetup } from './scale.ts';
import { publishScaleDefinitions } from './scale.ts';
import { say } from './support.ts';

export type Setup = ScaleSetup & { address: string; databaseUrl: string; stop(): Promise<void> };

/** The database, a client and the bench worker, on a Temporal server already running at `address`. */
export async function benchOn(label: string, address: string, databaseUrl: string, stops: Array<() => Promise<void>>): Promise<Setup> {
  await migrate(databaseUrl);
  const db = createPool(databaseUrl, 20);
  stops.push(() => db.end());
  await seedShipped(db);
  await insertVersion(db, DefinitionSchema.parse(benchLadder), 'bench', 'benchmark');
  await publishScaleDefinitions(db);

  const { code } = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)), preloadModules });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: { code },
    activities: {
      ...createActivities({ pool: db, channels: channelAdapters({ MAIL_FROM: 'bench@example.nl' }), partners: partnerAdapters({}), settings: { tenantLinks: { publicUrl: 'https://bench', key: Buffer.alloc(32, 1) }, contactName: 'Bench', contactPhone: '0' } }),
      ...createPolicyHoldActivities({ pool: db }),
    },
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
    await connection.close();
  });
  const clientConnection = await Connection.connect({ address });
  stops.push(() => clientConnection.close());
  const client = new Client({ connection: clientConnection, namespace: 'default' });

  return {
    label,
    address,
    databaseUrl,
    db,
    client,
    async startWorkerProcess({ taskQueue, maxCachedWorkflows }) {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../worker/main.ts', import.meta.url))], {
        env: { ...process.env, TEMPORAL_ADDRESS: address, DATABASE_URL: databaseUrl, TASK_QUEUE: taskQueue, WORKER_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      return {
        pid: child.pid!,
        async stop() {
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
          child.kill('SIGKILL');
        },
      };
    },
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/** An embedded PostgreSQL in a folder of its own, removed again on stop. */
export async function benchPostgres(stops: Array<() => Promise<void>>) {
  const dir = mkdtempSync(join(tmpdir(), 'arrears-bench-pg-'));
  // Run as root, PostgreSQL runs as the user postgres, who must enter this folder.
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'bench' });
  stops.push(async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, url: pg.url };
}

/** The Temporal dev server (SQLite, in memory) and an embedded PostgreSQL. */
export async function devServerSetup(): Promise<Setup> {
  const stops: Array<() => Promise<void>> = [];
  say('starting the Temporal dev server and PostgreSQL...');
  const temporal = await startDevServer({ binary: await ensureTemporalCli(say), port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  stops.push(() => temporal.stop());
  const pg = await benchPostgres(stops);
  return await benchOn('dev server', temporal.address, pg.url, stops);
}

/**
 * The real Temporal server on PostgreSQL (its persistence and visibility beside the app's
 * database on one embedded PostgreSQL), with start:cluster's config: 64 history shards, timers
 * on time to 50 ms as on the dev server (accelerated cases).
 */
export async function postgresServerSetup(): Promise<Setup> {
  const stops: Array<() => Promise<void>> = [];
  say('starting PostgreSQL and the Temporal server on it...');
  const programs = await ensureTemporalServer(say);
  const pg = await benchPostgres(stops);
  const temporal = await loopbackTemporal();
  const ports = temporal.ports;
  const configFile = await prepareTemporal({ sqlTool: programs.sqlTool, databaseUrl: pg.url, dir: pg.dir, temporal, log: () => undefined });
  const address = `127.0.0.1:${ports.frontend}`;
  const server = await startTemporalServer({ binary: programs.server, configFile, address, logFile: join(pg.dir, 'temporal.log') });
  stops.push(() => server.stop());
  await registerNamespace({ address, namespace: 'default', retentionHours: 24, log: () => undefined });
  return await benchOn('PostgreSQL server', address, pg.url, stops);
}

/** PostgreSQL alone with the schema and the shipped definitions: for what needs no Temporal (the analytics). */
export async function databaseOnlySetup(): Promise<{ db: Db; url: string; stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = [];
  say('starting PostgreSQL...');
  const pg = await benchPostgres(stops);
  await migrate(pg.url);
  const db = createPool(pg.url, 4);
  stops.push(() => db.end());
  await seedShipped(db);
  return {
    db,
    url: pg.url,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
