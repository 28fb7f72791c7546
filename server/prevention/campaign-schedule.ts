// Each active campaign is a Temporal Schedule (visible in `temporal schedule list` and the UI):
// once a year on its day at 09:00 Amsterdam it starts the campaign workflow. Saving a campaign
// makes or updates its Schedule; an inactive one is paused, a deleted one removed.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Campaign } from './campaigns-repository.ts';

export const campaignScheduleId = (id: string) => `prevention-campaign-${id}`;

export async function syncCampaignSchedule(client: Client, taskQueue: string, c: Campaign): Promise<void> {
  const scheduleId = campaignScheduleId(c.id);
  const spec = { calendars: [{ month: monthName(c.runMonth), dayOfMonth: c.runDay, hour: 9 }], timezone: 'Europe/Amsterdam' };
  const action = { type: 'startWorkflow' as const, workflowType: 'preventionCampaign', workflowId: scheduleId, taskQueue, args: [{ campaignId: c.id }] };
  const state = { paused: !c.active, note: c.active ? `${c.name}` : `${c.name} (uitgezet)` };
  try {
    await client.schedule.create({ scheduleId, spec, action, state, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, state }));
  }
}

export async function removeCampaignSchedule(client: Client, id: string): Promise<void> {
  try {
    await client.schedule.getHandle(campaignScheduleId(id)).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}

/** Runs the campaign now (staff's "nu uitvoeren"): the Schedule's own action, so Temporal shows it as the campaign's. */
export async function triggerCampaign(client: Client, id: string): Promise<void> {
  await client.schedule.getHandle(campaignScheduleId(id)).trigger();
}

const months = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
const monthName = (m: number) => months[m - 1]!;
