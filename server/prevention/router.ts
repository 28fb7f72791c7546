// HTTP for the seasonal prevention campaigns: list, save (makes or updates the Schedule), run
// now, delete. Prevention processes themselves open through the intake or POST /api/cases with
// a prevention definition, and are worked like any case.
import { Router } from 'express';
import { campaignManagers } from '../../definition/access.ts';
import { purposeOf, signalsOf } from '../../definition/prevention.ts';
import { TASK_QUEUE } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { CaseDeps } from '../cases/service.ts';
import { latestVersion } from '../definitions/repository.ts';
import { invalidField, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { removeCampaignSchedule, syncCampaignSchedule, triggerCampaign } from './campaign-schedule.ts';
import { deleteCampaign, getCampaign, listCampaigns, runsOf, saveCampaign } from './campaigns-repository.ts';
import { CampaignIdSchema, CampaignSchema } from './schemas.ts';

export function preventionRouter(deps: CaseDeps): Router {
  const router = Router();
  const guard = requireRole(...campaignManagers);
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;

  router.get('/prevention/campaigns', guard, async (_req, res) => {
    const campaigns = await listCampaigns(deps.pool);
    res.json({ campaigns: await Promise.all(campaigns.map(async (c) => ({ ...c, runs: await runsOf(deps.pool, c.id) }))) });
  });

  router.put('/prevention/campaigns/:id', guard, async (req, res) => {
    const id = parseInput(CampaignIdSchema, req.params.id, 'path.id');
    const input = parseInput(CampaignSchema, req.body, 'body');
    const definition = await latestVersion(deps.pool, input.definitionId);
    if (!definition) throw invalidField('body.definitionId', `the process "${input.definitionId}" has no published version`);
    if (purposeOf(definition.body) !== 'prevention') throw invalidField('body.definitionId', `"${definition.name}" is an arrears process; a campaign opens a prevention process`);
    if (!signalsOf(definition.body).includes('seasonal')) throw invalidField('body.definitionId', `"${definition.name}" does not start on the seasonal signal; tick it on its start in the designer`);
    const before = await getCampaign(deps.pool, id);
    const saved = await saveCampaign(deps.pool, id, input, actorOf(req).userId);
    await syncCampaignSchedule(deps.temporal, taskQueue, saved);
    await audit(deps.pool, { actor: actorOf(req).userId, action: before ? 'prevention-campaign.change' : 'prevention-campaign.create', entity: 'prevention-campaign', entityId: id, ...(before ? { before } : {}), after: input });
    res.status(before ? 200 : 201).json({ campaign: saved });
  });

  router.post('/prevention/campaigns/:id/run', guard, async (req, res) => {
    const id = parseInput(CampaignIdSchema, req.params.id, 'path.id');
    const campaign = await getCampaign(deps.pool, id);
    if (!campaign) throw notFound(`no prevention campaign "${id}"`);
    await syncCampaignSchedule(deps.temporal, taskQueue, campaign);
    await triggerCampaign(deps.temporal, id);
    await audit(deps.pool, { actor: actorOf(req).userId, action: 'prevention-campaign.run', entity: 'prevention-campaign', entityId: id });
    res.status(202).json({ campaign });
  });

  router.delete('/prevention/campaigns/:id', guard, async (req, res) => {
    const id = parseInput(CampaignIdSchema, req.params.id, 'path.id');
    const before = await getCampaign(deps.pool, id);
    if (!before || !(await deleteCampaign(deps.pool, id))) throw notFound(`no prevention campaign "${id}"`);
    await removeCampaignSchedule(deps.temporal, id);
    await audit(deps.pool, { actor: actorOf(req).userId, action: 'prevention-campaign.delete', entity: 'prevention-campaign', entityId: id, before });
    res.status(204).end();
  });
  return router;
}
