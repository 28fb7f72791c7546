// A worker process on its own (production, or several with `--scale worker=N`). It needs
// TEMPORAL_ADDRESS and DATABASE_URL; migrations are the API's job.
import { readFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPool } from '../server/db/pool.ts';
import { loadEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { announcePayloadEncryption } from '../server/temporal-codec/encryption-codec.ts';
import { temporalTls } from '../server/temporal.ts';
import { createCaseWorker, messageSettings } from './create-worker.ts';
import { intakeSettings } from '../server/intake/config.ts';
import { startMetricsServer } from './metrics-server.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
if (!env.TEMPORAL_ADDRESS || !env.DATABASE_URL) {
  console.error('The worker needs TEMPORAL_ADDRESS and DATABASE_URL (npm start runs one inside the whole system instead).');
  process.exit(1);
}
Runtime.install({ logger: new DefaultLogger('WARN', (entry) => log.warn({ sdk: entry.meta }, entry.message)) });
announcePayloadEncryption(log, env.PAYLOAD_KEYS);
const pool = createPool(env.DATABASE_URL);
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS, ...temporalTls(env.temporalTls) });
const worker = await createCaseWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  pool,
  channels: env,
  settings: messageSettings(env),
  payloadKeys: env.PAYLOAD_KEYS,
  intake: intakeSettings(env),
  ...(env.TASK_QUEUE ? { taskQueue: env.TASK_QUEUE } : {}),
  ...(env.WORKFLOW_BUNDLE ? { workflowBundle: { code: readFileSync(env.WORKFLOW_BUNDLE, 'utf8') } } : {}),
  ...(env.WORKER_MAX_CACHED_WORKFLOWS !== undefined ? { tuning: { maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS } } : {}),
  log,
});
const metrics = env.WORKER_METRICS_PORT ? await startMetricsServer(env.WORKER_METRICS_PORT, { token: env.METRICS_TOKEN }) : undefined;
log.info({ taskQueue: worker.options.taskQueue, metricsPort: env.WORKER_METRICS_PORT ?? null }, 'worker started');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => worker.shutdown());
await worker.run();
metrics?.close();
await connection.close();
await pool.end();
