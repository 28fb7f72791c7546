// The seasonal prevention campaigns (server/prevention/router.ts), with the module's own schemas.
import { z } from 'zod';
import { campaignManagers } from '../../definition/access.ts';
import { CampaignIdSchema, CampaignSchema } from '../prevention/schemas.ts';
import { json, roles, type Operation } from './operation.ts';

const managers = roles(...campaignManagers);
const params = z.object({ id: CampaignIdSchema });

export const preventionOperations: Operation[] = [
  { method: 'get', path: '/api/prevention/campaigns', tag: 'Prevention', summary: 'The seasonal prevention campaigns, each with its recent runs (day, the month looked back to, processes opened)', access: managers, status: 200, response: json('{campaigns}'), errors: [401, 403] },
  {
    method: 'put',
    path: '/api/prevention/campaigns/:id',
    tag: 'Prevention',
    summary: 'Make or change a campaign: its Temporal Schedule (prevention-campaign-<id>) runs once a year on runMonth/runDay at 09:00 Amsterdam and opens the prevention process definitionId (one that starts on the seasonal signal) for every tenancy whose arrears began in behindMonth, the last time it came round; inactive: the Schedule is paused. Audited',
    access: managers,
    params,
    body: CampaignSchema,
    status: 200,
    response: json('{campaign}'),
    errors: [400, 401, 403],
  },
  { method: 'post', path: '/api/prevention/campaigns/:id/run', tag: 'Prevention', summary: 'Run the campaign now, as its Schedule\u2019s action; a second run the same day is the same run and opens nobody twice. Audited', access: managers, params, status: 202, response: json('{campaign}'), errors: [400, 401, 403, 404] },
  { method: 'delete', path: '/api/prevention/campaigns/:id', tag: 'Prevention', summary: 'Remove a campaign and its Schedule; the prevention processes it opened run on. Audited', access: managers, params, status: 204, errors: [400, 401, 403, 404] },
];
