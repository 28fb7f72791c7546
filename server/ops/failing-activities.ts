// Cases whose activity keeps failing, as Temporal sees them: a pending activity that has
// failed at least once and is being retried, with its last error and attempt number. The
// read model cannot know it (a retried send leaves its outbox row pending, without the error),
// so this asks Temporal. Describing every running case would be costly; the candidates are
// the cases at an engine step (visibility: CaseWaitingOn = 'engine') and the cases with a
// message left pending (an arrangement's reminders go out while the case waits on the tenant);
// DescribeWorkflowExecution then gives each one's pending activities.
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../../workflows/messages.ts';

export type FailingActivity = {
  workflowId: string;
  /** The activity's id in its workflow: what a reset names. */
  activityId: string;
  activity: string;
  /** The attempt now scheduled or running; attempt − 1 attempts have failed. */
  attempt: number;
  error: string | null;
  errorType: string | null;
  lastFailedAt: string | null;
  nextAttemptAt: string | null;
};

export type FailingScan = { scannedAt: string; scanned: number; truncated: boolean; items: FailingActivity[] };

/** At most this many cases are described per scan; a scan of more is reported as truncated. */
const SCAN_LIMIT = 500;
const CONCURRENCY = 8;
/** Heat view and trouble list poll; one scan serves every caller for this long. */
const CACHE_MS = 4_000;

type Timestamp = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;
const isoOf = (ts: Timestamp): string | null => (ts?.seconds == null ? null : new Date(Number(ts.seconds.toString()) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString());

const cache = new WeakMap<Client, { at: number; scan: Promise<FailingScan> }>();

export function failingActivities(temporal: Client, options: { fresh?: boolean; candidates?: () => Promise<string[]> } = {}): Promise<FailingScan> {
  const hit = cache.get(temporal);
  if (hit && !options.fresh && Date.now() - hit.at < CACHE_MS) return hit.scan;
  const scan = runScan(temporal, options.candidates ?? (async () => []));
  cache.set(temporal, { at: Date.now(), scan });
  // A failed scan is not kept: the next caller tries again.
  scan.catch(() => cache.delete(temporal));
  return scan;
}

async function runScan(temporal: Client, candidates: () => Promise<string[]>): Promise<FailingScan> {
  const query = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND CaseWaitingOn = 'engine'`;
  const found = new Set(await candidates());
  let truncated = found.size > SCAN_LIMIT;
  for await (const wf of temporal.workflow.list({ query, pageSize: 200 })) {
    if (found.size >= SCAN_LIMIT) {
      truncated = true;
      break;
    }
    found.add(wf.workflowId);
  }
  const ids = [...found].slice(0, SCAN_LIMIT);
  const items: FailingActivity[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const workflowId = ids[next++]!;
      try {
        const description = await temporal.workflow.getHandle(workflowId).describe();
        for (const p of description.raw.pendingActivities ?? []) {
          const attempt = p.attempt ?? 1;
          if (attempt < 2 && !p.lastFailure) continue;
          items.push({
            workflowId,
            activityId: p.activityId ?? '',
            activity: p.activityType?.name ?? 'unknown',
            attempt,
            error: p.lastFailure?.message ?? null,
            errorType: p.lastFailure?.applicationFailureInfo?.type ?? null,
            lastFailedAt: isoOf(p.lastAttemptCompleteTime as Timestamp),
            nextAttemptAt: isoOf(p.nextAttemptScheduleTime as Timestamp),
          });
        }
      } catch {
        // The case closed between the list and the describe: it is not failing.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  items.sort((a, b) => b.attempt - a.attempt || a.workflowId.localeCompare(b.workflowId));
  return { scannedAt: new Date().toISOString(), scanned: ids.length, truncated, items };
}
