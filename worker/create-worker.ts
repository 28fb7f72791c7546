// A worker for the case task queue: the interpreter workflow and the activities, with a pg
// pool injected. Tests pass a prebuilt bundle and their own task queue.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { channelAdapters, createActivities, partnerAdapters, type ChannelConfig } from '../activities/index.ts';
import type { MessageSettings } from '../activities/send-message.ts';
import type { Db } from '../server/db/pool.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { activityMetricsInterceptor } from './activity-metrics.ts';
import { preloadModules, workflowsPath } from './bundle-options.ts';

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
};

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return await Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath, bundlerOptions: { preloadModules } }),
    activities: createActivities({ pool: o.pool, channels: channelAdapters(o.channels), partners: partnerAdapters(o.channels), settings: o.settings }),
    interceptors: { activity: [activityMetricsInterceptor(o.log)] },
    ...o.tuning,
  });
}

export function messageSettings(env: { PAYMENT_LINK_BASE: string; ORG_CONTACT_NAME: string; ORG_CONTACT_PHONE: string }): MessageSettings {
  return { paymentLinkBase: env.PAYMENT_LINK_BASE, contactName: env.ORG_CONTACT_NAME, contactPhone: env.ORG_CONTACT_PHONE };
}
