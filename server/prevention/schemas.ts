// A seasonal prevention campaign as the API takes it (server/prevention/campaigns.ts).
import { z } from 'zod';
import { DefinitionIdSchema } from '../../definition/schema.ts';
import { slugSchema } from '../../definition/ids.ts';

const month = (name: string) => z.number({ error: `${name} must be a month number (1 to 12)` }).int(`${name} must be a whole month number`).min(1, `${name} is 1 (January) to 12 (December)`).max(12, `${name} is 1 (January) to 12 (December)`);

export const CampaignIdSchema = slugSchema('a campaign id');

export const CampaignSchema = z.object({
  name: z.string({ error: 'name is required' }).trim().min(3, 'name needs at least 3 characters').max(120),
  /** A published prevention process that starts on the seasonal signal. */
  definitionId: DefinitionIdSchema,
  /** When it runs each year (09:00 Amsterdam): month and day; days stop at 28 so every month has them. */
  runMonth: month('runMonth'),
  runDay: z.number({ error: 'runDay must be a day of the month' }).int('runDay must be a whole day').min(1, 'runDay is 1 to 28').max(28, 'runDay is 1 to 28 (every month has it)'),
  /** Whom it calls: tenancies whose arrears began in this month, the last time it came round before the run. */
  behindMonth: month('behindMonth'),
  active: z.boolean({ error: 'active must be true or false' }).default(true),
});
export type CampaignInput = z.output<typeof CampaignSchema>;
