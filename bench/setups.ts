// The servers the bench measures on: a setup is a Temporal server, a PostgreSQL with the
// schema and the bench's definitions, a client, and an in-process worker running the
// interpreter beside the hand-written ladder. More setups (the PostgreSQL-backed server)
// plug in here.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { channelAdapters, createActivities, partnerAdapters } from '../activities/index.ts';
import { DefinitionSchema } from '../definition/schema.ts';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { migrate } from '../server/db/migrate.ts';
import { createPool } from '../server/db/pool.ts';
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
    activities: createActivities({ pool: db, channels: channelAdapters({ MAIL_FROM: 'bench@example.nl' }), partners: partnerAdapters({}), settings: { paymentLinkBase: 'https://bench', contactName: 'Bench', contactPhone: '0' } }),
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

/** The Temporal dev server (SQLite, in memory) and an embedded PostgreSQL. */
export async function devServerSetup(): Promise<Setup> {
  const stops: Array<() => Promise<void>> = [];
  say('starting the Temporal dev server and PostgreSQL...');
  const temporal = await startDevServer({ binary: await ensureTemporalCli(say), port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  stops.push(() => temporal.stop());
  const dir = mkdtempSync(join(tmpdir(), 'arrears-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'bench' });
  stops.push(async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return await benchOn('dev server', temporal.address, pg.url, stops);
}
