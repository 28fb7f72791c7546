// `npm start`: the whole system on embedded defaults in one command: Temporal dev server,
// PostgreSQL, migrations and seed data, the worker, and the API with the web app. The dev
// server and PostgreSQL are restarted when they die (services.ts); the worker, the API's
// Temporal client and its pg pool reconnect by themselves once they are back.
import { startPaymentStandin } from '../server/tenant/payment-standin.ts';
import { tenantAppOptions } from '../server/tenant/config.ts';
import { tenantLinkSettings } from '../server/tenant/link-key.ts';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { buildApp } from '../server/app.ts';
import { letterheadOf } from '../server/letters/letterhead.ts';
import { listen } from '../server/listen.ts';
import { createPool } from '../server/db/pool.ts';
import { loadEnv } from '../server/env.ts';
import { printBanner } from './banner.ts';
import { createLogger } from '../server/logger.ts';
import { ensureRetentionSchedule } from '../server/privacy/retention-schedule.ts';
import { intakeScheduled, intakeSettings } from '../server/intake/config.ts';
import { ensureIntakeSchedule } from '../server/intake/schedule.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { connectTemporal, temporalTls } from '../server/temporal.ts';
import { announcePayloadEncryption } from '../server/temporal-codec/encryption-codec.ts';
import { createCaseWorker, messageSettings } from '../worker/create-worker.ts';
import { EmbeddedPostgresError } from './embedded-postgres.ts';
import { keepWorkerRunning } from './keep-worker.ts';
import { startServices } from './services.ts';
import { Shutdown } from './shutdown.ts';
import { ensureWebBuild } from './web-build.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
announcePayloadEncryption(log, env.PAYLOAD_KEYS);
Runtime.install({ logger: new DefaultLogger('WARN', (entry) => log.warn({ sdk: entry.meta }, entry.message)) });
const shutdown = new Shutdown(log);

const services = await shutdown.step(startServices(env, log), (s) => s.stop()).catch((err: unknown) => {
  // A setup this machine cannot run (the embedded PostgreSQL out of its user's reach): the
  // message is the whole answer, without a stack trace.
  if (err instanceof EmbeddedPostgresError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
});
// A pool survives a PostgreSQL restart: a connection that broke is dropped (pool.ts), the next one is new.
const pool = await shutdown.step(Promise.resolve(createPool(services.databaseUrl)), (p) => p.end());
const temporal = await shutdown.step(connectTemporal(services.temporalAddress, env.TEMPORAL_NAMESPACE, { payloadKeys: env.PAYLOAD_KEYS, tls: env.temporalTls }), (t) => t.connection.close());
// Nightly: closed cases past RETENTION_DAYS lose their personal data (server/privacy/anonymise.ts).
await ensureRetentionSchedule(temporal, { taskQueue: env.TASK_QUEUE ?? TASK_QUEUE, retentionDays: env.RETENTION_DAYS }).catch((err: unknown) =>
  log.error({ err }, 'the retention schedule could not be made or updated; closed cases keep their personal data until the next start succeeds'),
);
// Every morning, when a folder or URL is set: the rent ledger's arrears list (server/intake/).
if (intakeScheduled(env))
  await ensureIntakeSchedule(temporal, { taskQueue: env.TASK_QUEUE ?? TASK_QUEUE }).catch((err: unknown) => log.error({ err }, 'the intake schedule could not be made or updated'));

if (env.RUN_WORKER) {
  const connection = await shutdown.step(NativeConnection.connect({ address: services.temporalAddress, ...temporalTls(env.temporalTls) }), (c) => c.close());
  const create = () => createCaseWorker({ connection, namespace: env.TEMPORAL_NAMESPACE, pool, channels: env, settings: messageSettings(env), payloadKeys: env.PAYLOAD_KEYS, intake: intakeSettings(env), log });
  await shutdown.step(keepWorkerRunning({ create, log }), (w) => w.stop());
}

await ensureWebBuild((line) => log.info(line));
// Without a payment provider, a stand-in on loopback lets the tenant page's iDEAL checkout be tried (nothing is paid).
const standin = env.PAYMENT_PROVIDER_URL || env.NODE_ENV === 'production' ? undefined : await shutdown.step(startPaymentStandin(), (s) => s.close());
const links = tenantLinkSettings(env);
const app = buildApp({
  ...tenantAppOptions(env, standin?.url),
  pool,
  temporal,
  log,
  defaultTimeScale: env.CASE_TIME_SCALE,
  historyLimit: env.CASE_HISTORY_LIMIT,
  messageHours: env.MESSAGE_HOURS,
  allowTimeScale: env.NODE_ENV !== 'production',
  secureCookies: env.NODE_ENV === 'production',
  tenantLinkKey: links.key,
  letters: { publicUrl: links.publicUrl, letterhead: letterheadOf(env) },
  paymentApprovalCents: env.PAYMENT_APPROVAL_THRESHOLD_CENTS,
  secondFactorRoles: env.secondFactorRoles,
  ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
  temporalUiUrl: services.temporalUiUrl,
  intakeDefinitionId: env.INTAKE_DEFINITION,
});
const server = listen(app, env.PORT, env.HOST);
await shutdown.step(new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject)), () => new Promise<void>((r) => server.close(() => r())));

printBanner(
  'Arrears case engine is running.',
  [
    `  Web app and API   http://localhost:${env.PORT}   (API under /api, health at /api/health)`,
    `  Temporal Web UI   ${services.temporalUiUrl ?? '(external cluster)'}`,
    `  Temporal          ${services.temporalAddress}   e.g. temporal workflow list --address ${services.temporalAddress}`,
    `  PostgreSQL        ${services.databaseUrl.replace(/:[^:@/]+@/, ':***@')}${services.embedded.postgres ? ' (embedded)' : ''}`,
    `  Tenant pages      the personal link in each message (${links.publicUrl}/huurder/…)${standin ? `; iDEAL by a stand-in at ${standin.url} (nothing is paid)` : ''}`,
  ],
  env,
);
