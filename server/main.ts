// The API and web app on their own (production). Runs migrations and the shipped seed on
// start; workers run as separate processes (worker/main.ts).
import { tenantAppOptions } from './tenant/config.ts';
import { tenantLinkSettings } from './tenant/link-key.ts';
import { buildApp } from './app.ts';
import { letterheadOf } from './letters/letterhead.ts';
import { listen } from './listen.ts';
import { migrate } from './db/migrate.ts';
import { createPool } from './db/pool.ts';
import { seedDemo, seedShipped, usersWithDemoPassword } from './db/seed.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { ensureRetentionSchedule } from './privacy/retention-schedule.ts';
import { intakeScheduled } from './intake/config.ts';
import { ensureIntakeSchedule } from './intake/schedule.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { connectTemporal } from './temporal.ts';
import { announcePayloadEncryption } from './temporal-codec/encryption-codec.ts';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);
if (!env.TEMPORAL_ADDRESS || !env.DATABASE_URL) {
  console.error('The API needs TEMPORAL_ADDRESS and DATABASE_URL (npm start runs the whole system on embedded defaults instead).');
  process.exit(1);
}
await migrate(env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL);
const pool = createPool(env.DATABASE_URL);
await seedShipped(pool);
if (env.seedDemo) await seedDemo(pool);
if (env.NODE_ENV === 'production') {
  const demo = await usersWithDemoPassword(pool);
  if (demo.length > 0) {
    console.error(`Refusing to start in production: ${demo.join(', ')} still sign in with the published demo password. Give them their own (npm run users -- password <name>) or deactivate them.`);
    process.exit(1);
  }
}
announcePayloadEncryption(log, env.PAYLOAD_KEYS);
const temporal = await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, { payloadKeys: env.PAYLOAD_KEYS, tls: env.temporalTls });
// Nightly: closed cases past RETENTION_DAYS lose their personal data (server/privacy/anonymise.ts).
await ensureRetentionSchedule(temporal, { taskQueue: env.TASK_QUEUE ?? TASK_QUEUE, retentionDays: env.RETENTION_DAYS }).catch((err: unknown) =>
  log.error({ err }, 'the retention schedule could not be made or updated; closed cases keep their personal data until the next start succeeds'),
);
// Every morning, when a folder or URL is set: the rent ledger's arrears list (server/intake/).
if (intakeScheduled(env))
  await ensureIntakeSchedule(temporal, { taskQueue: env.TASK_QUEUE ?? TASK_QUEUE }).catch((err: unknown) => log.error({ err }, 'the intake schedule could not be made or updated'));
const links = tenantLinkSettings(env);
const app = buildApp({
  ...tenantAppOptions(env),
  pool,
  temporal,
  log,
  ...(env.TASK_QUEUE ? { taskQueue: env.TASK_QUEUE } : {}),
  defaultTimeScale: env.CASE_TIME_SCALE,
  historyLimit: env.CASE_HISTORY_LIMIT,
  messageHours: env.MESSAGE_HOURS,
  allowTimeScale: env.NODE_ENV !== 'production',
  secureCookies: env.NODE_ENV === 'production',
  tenantLinkKey: links.key,
  letters: { publicUrl: links.publicUrl, letterhead: letterheadOf(env) },
  paymentApprovalCents: env.PAYMENT_APPROVAL_THRESHOLD_CENTS,
  secondFactorRoles: env.secondFactorRoles,
  intakeDefinitionId: env.INTAKE_DEFINITION,
  ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
  ...(env.TEMPORAL_UI_URL ? { temporalUiUrl: env.TEMPORAL_UI_URL } : {}),
});
const server = listen(app, env.PORT, env.HOST, () => log.info({ port: env.PORT }, 'API listening'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => void Promise.all([pool.end(), temporal.connection.close()]).then(() => process.exit(0)));
  });
}
