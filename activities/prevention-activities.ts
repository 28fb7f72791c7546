// The seasonal prevention campaign's activities (workflows/prevention-campaign.ts). The run's day
// is taken here, in Amsterdam, not in the workflow: a retried activity finds the same run.
import { Context } from '@temporalio/activity';
import type { CaseDeps } from '../server/cases/service.ts';
import { amsterdamToday } from '../server/intake/submit.ts';
import { openCampaignChunk, startCampaignRun } from '../server/prevention/campaign-run.ts';
import { finishCampaignRun, type CampaignRun } from '../server/prevention/campaigns-repository.ts';

export type PreventionActivities = {
  startCampaignRun(input: { campaignId: string }): Promise<CampaignRun>;
  openCampaignChunk(input: { runKey: string }): Promise<{ opened: number; skipped: string[]; more: boolean }>;
  finishCampaignRun(input: { runKey: string }): Promise<CampaignRun>;
};

const CHUNK = 100;

export function createPreventionActivities(deps: CaseDeps): PreventionActivities {
  return {
    async startCampaignRun({ campaignId }) {
      return await startCampaignRun(deps, campaignId, amsterdamToday());
    },
    async openCampaignChunk({ runKey }) {
      const chunk = await openCampaignChunk(deps, runKey, CHUNK);
      Context.current().log.info('prevention campaign progress', { runKey, opened: chunk.opened, skipped: chunk.skipped.length });
      return chunk;
    },
    async finishCampaignRun({ runKey }) {
      return await finishCampaignRun(deps.pool, runKey);
    },
  };
}
