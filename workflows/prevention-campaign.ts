// One run of a seasonal prevention campaign (for example: in December, call the tenants who
// fell behind in January), started by the campaign's Temporal Schedule
// (server/prevention/campaign-schedule.ts) or by staff triggering it. The activities pick the
// day and open the prevention processes in chunks; each tenancy once per run.
import { proxyActivities } from '@temporalio/workflow';
import type { PreventionActivities } from '../activities/prevention-activities.ts';

const { startCampaignRun, openCampaignChunk, finishCampaignRun } = proxyActivities<PreventionActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function preventionCampaign(input: { campaignId: string }): Promise<{ runKey: string; opened: number }> {
  const run = await startCampaignRun({ campaignId: input.campaignId });
  for (;;) {
    const chunk = await openCampaignChunk({ runKey: run.runKey });
    if (!chunk.more) break;
  }
  const done = await finishCampaignRun({ runKey: run.runKey });
  return { runKey: run.runKey, opened: done.opened };
}
