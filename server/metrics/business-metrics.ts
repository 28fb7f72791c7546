// Business metrics computed from PostgreSQL at scrape time (see snapshot-metric.ts for why).
// Durations are business time, the time a case lives in (the same as wall-clock time in
// production, where cases run at time scale 1). Dry runs are never counted.
import type { Client } from '@temporalio/client';
import type { Registry } from 'prom-client';
import type { Db } from '../db/pool.ts';
import { failingCases } from '../ops/failing-cases.ts';
import { snapshot, stepBounds, taskBounds } from './repository.ts';
import { histogramValues, SnapshotMetric, type SnapshotValue } from './snapshot-metric.ts';

/** Several scrapers (or one metric after another) within this time share one set of queries. */
const CACHE_MS = 5_000;

export function registerBusinessMetrics(registry: Registry, pool: Db, temporal?: Client) {
  let cached: { at: number; value: ReturnType<typeof snapshot> } | null = null;
  const current = () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const value = snapshot(pool);
      value.catch(() => (cached = null));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
  const metric = (name: string, help: string, type: 'counter' | 'gauge' | 'histogram', read: (s: Awaited<ReturnType<typeof snapshot>>) => SnapshotValue[]) =>
    new SnapshotMetric(name, help, type, async () => read(await current())).register(registry);

  metric('arrears_cases_opened_total', 'Cases opened (all time)', 'counter', (s) => [{ value: s.opened }]);
  metric('arrears_cases_closed_total', 'Cases closed, by outcome (all time)', 'counter', (s) => s.closed);
  metric('arrears_cases_open', 'Open cases, by status (active, paused, blocked)', 'gauge', (s) => s.open);
  metric('arrears_step_duration_seconds', 'Business time a case spent in a step, per completed step visit, by step kind and step id', 'histogram', (s) =>
    histogramValues('arrears_step_duration_seconds', stepBounds, s.steps),
  );
  metric('arrears_task_completion_seconds', 'Business time from a task opening to its completion by a person, by role and task kind', 'histogram', (s) =>
    histogramValues('arrears_task_completion_seconds', taskBounds, s.tasksDone),
  );
  metric('arrears_tasks_open', 'Open tasks, by role', 'gauge', (s) => s.tasksOpen);
  metric('arrears_tasks_overdue', 'Open tasks past their deadline, by role', 'gauge', (s) => s.tasksOverdue);
  metric('arrears_messages_total', 'Messages in the outbox, by channel and status (sent, failed for good, pending, awaiting-print: a letter before its print batch is handed to the post)', 'counter', (s) => s.messages);

  if (temporal) {
    // From Temporal, not the database: cases whose activity is being retried after failing.
    new SnapshotMetric('arrears_cases_failing_activity', 'Open cases with an activity that failed and is being retried (from Temporal)', 'gauge', async () => {
      try {
        const failing = await failingCases(pool, temporal);
        return [{ value: new Set(failing.items.map((f) => f.caseId)).size }];
      } catch {
        return [];
      }
    }).register(registry);
  }
}
