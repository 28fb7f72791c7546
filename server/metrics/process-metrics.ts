// Metrics that belong to this process rather than to the data: Node's own (memory, event
// loop) and the activities this process's worker ran. One registry per process, so the API
// (npm start runs a worker inside it) and a worker process on its own both expose them.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'arrears_' });

export const activityExecutions = new Counter({
  name: 'arrears_activity_executions_total',
  help: 'Activity attempts run by this process, by activity and result (ok or failed; a failed attempt is retried by Temporal)',
  labelNames: ['activity', 'result'] as const,
  registers: [processRegistry],
});

export const activityFailures = new Counter({
  name: 'arrears_activity_failures_total',
  help: 'Activity attempts that threw in this process (Temporal retries them), by activity',
  labelNames: ['activity'] as const,
  registers: [processRegistry],
});

export const activityDuration = new Histogram({
  name: 'arrears_activity_duration_seconds',
  help: 'Wall-clock duration of activity attempts in this process',
  labelNames: ['activity'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});
