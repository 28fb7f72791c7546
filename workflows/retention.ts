// The daily retention run, started by its Temporal Schedule (server/privacy/retention-schedule.ts):
// visible in Temporal like every case, one run at a time, its work in one activity.
import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention-activities.ts';

const { anonymiseDueCases } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function privacyRetention(input: { retentionDays: number }): Promise<{ anonymised: number }> {
  return { anonymised: await anonymiseDueCases(input) };
}
