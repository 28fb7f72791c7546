// "Try again now" on the trouble list: Temporal retries a failing activity by itself with a
// growing backoff (up to a minute here); once ops fixed the cause (the provider is back, a
// phone number corrected), this resets the activity (Temporal's activity reset, server 1.28+):
// a fresh set of attempts, the next one now. The activity is idempotent by key, so an early
// attempt never sends twice.
import type { Client } from '@temporalio/client';
import type { Actor } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import type { Db } from '../db/pool.ts';
import { conflict, notFound } from '../errors.ts';
import { failingActivities } from './failing-activities.ts';

const GRPC_NOT_FOUND = 5;

export async function retryActivity(deps: { pool: Db; temporal: Client }, caseId: string, activityId: string, actor: Actor) {
  const row = (await deps.pool.query<{ workflow_id: string; status: string }>(`SELECT workflow_id, status FROM cases WHERE id = $1 AND NOT dry_run`, [caseId])).rows[0];
  if (!row) throw notFound(`case ${caseId} does not exist`);
  if (row.status === 'closed') throw conflict(`case ${caseId} is closed; nothing is retried`);
  const description = await deps.temporal.workflow.getHandle(row.workflow_id).describe();
  const pending = (description.raw.pendingActivities ?? []).find((p) => p.activityId === activityId);
  if (!pending) throw conflict(`activity ${activityId} of case ${caseId} is no longer pending: it succeeded or the case moved on`);
  try {
    await deps.temporal.workflowService.resetActivity({
      namespace: deps.temporal.options.namespace,
      execution: { workflowId: row.workflow_id },
      identity: `arrears-ops:${actor.userId}`,
      id: activityId,
    });
  } catch (err) {
    if ((err as { code?: number }).code === GRPC_NOT_FOUND) throw conflict(`activity ${activityId} of case ${caseId} is no longer pending`);
    throw err;
  }
  await audit(deps.pool, {
    actor: actor.userId,
    action: 'activity.retry',
    caseId,
    entity: 'activity',
    entityId: activityId,
    before: { activity: pending.activityType?.name ?? null, attempt: pending.attempt ?? null },
    after: { attempt: 1 },
  });
  // The next look at the trouble list asks Temporal afresh.
  void failingActivities(deps.temporal, { fresh: true }).catch(() => undefined);
  return { caseId, activityId, activity: pending.activityType?.name ?? null, previousAttempt: pending.attempt ?? null };
}
