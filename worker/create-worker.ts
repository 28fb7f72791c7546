// A worker for the case task queue: the interpreter workflow and the activities, with a pg
// pool injected. Tests pass a prebuilt bundle and their own task queue.
import { tenantLinkSettings } from '../server/tenant/link-key.ts';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { channelAdapters, createActivities, partnerAdapters, type ChannelConfig } from '../activities/index.ts';
import { createRetentionActivities } from '../activities/retention-activities.ts';
import { createIntakeActivities } from '../activities/intake-activities.ts';
import { createPreventionActivities } from '../activities/prevention-activities.ts';
import { createPolicyHoldActivities } from '../activities/policy-holds.ts';
import { Client } from '@temporalio/client';
import type { IntakeSettings } from '../server/intake/config.ts';
import type { MessageSettings } from '../activities/send-message.ts';
import type { Db } from '../server/db/pool.ts';
import { payloadDataConverter } from '../server/temporal-codec/encryption-codec.ts';
import type { PayloadKey } from '../server/temporal-codec/payload-keys.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { activityMetricsInterceptor } from './activity-metrics.ts';
import { preloadModules, workflowsPath } from './bundle-options.ts';
import { redactFailuresInterceptor } from './redact-failures.ts';

export { workflowsPath } from './bundle-options.ts';

export type CaseWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  pool: Db;
  channels: ChannelConfig;
  settings: MessageSettings;
  taskQueue?: string;
  workflowBundle?: { code: string };
  tuning?: Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows'>;
  /** Where a failed activity attempt is logged (with its case id); metrics are counted either way. */
  log?: Logger;
  /**
   * PAYLOAD_KEYS: the worker encrypts what it sends and decrypts what it reads, with the same
   * keys as the client. The codec runs in the worker, outside the workflow sandbox, so the
   * workflow bundle is the same with or without it.
   */
  payloadKeys?: readonly PayloadKey[];
  /** The rent ledger's intake: where the daily list is, and what each case it opens starts with. */
  intake?: IntakeSettings;
};

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  const dataConverter = payloadDataConverter(o.payloadKeys);
  const openerDeps = {
    pool: o.pool,
    temporal: new Client({ connection: o.connection, namespace: o.namespace, ...(dataConverter ? { dataConverter } : {}) }),
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    defaultTimeScale: 1,
    allowTimeScale: false,
    ...(o.intake?.historyLimit !== undefined ? { historyLimit: o.intake.historyLimit } : {}),
    ...(o.intake?.messageHours ? { messageHours: o.intake.messageHours } : {}),
  };
  return await Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath, bundlerOptions: { preloadModules } }),
    activities: {
      ...createActivities({ pool: o.pool, channels: channelAdapters(o.channels), partners: partnerAdapters(o.channels), settings: o.settings }),
      ...createRetentionActivities({ pool: o.pool }),
      ...createPolicyHoldActivities({ pool: o.pool }),
      // The intake and the prevention campaigns open cases and tell running ones of new rent: they need a client, on the worker's own connection.
      ...createIntakeActivities({ ...openerDeps, source: o.intake?.source }),
      ...createPreventionActivities(openerDeps),
    },
    // Redaction innermost: the metrics log, the SDK's own log and the history all get the redacted failure.
    interceptors: { activity: [activityMetricsInterceptor(o.log), redactFailuresInterceptor()] },
    ...(dataConverter ? { dataConverter } : {}),
    ...o.tuning,
  });
}

export function messageSettings(env: Parameters<typeof tenantLinkSettings>[0] & { ORG_CONTACT_NAME: string; ORG_CONTACT_PHONE: string }): MessageSettings {
  return { tenantLinks: tenantLinkSettings(env), contactName: env.ORG_CONTACT_NAME, contactPhone: env.ORG_CONTACT_PHONE };
}
