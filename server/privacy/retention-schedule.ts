// The Temporal Schedule that runs the retention workflow every night (03:15 Amsterdam time),
// made at start-up, or brought to the current RETENTION_DAYS and task queue if it exists.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const RETENTION_SCHEDULE_ID = 'privacy-retention';

export async function ensureRetentionSchedule(client: Client, o: { taskQueue: string; retentionDays: number; scheduleId?: string }): Promise<void> {
  const scheduleId = o.scheduleId ?? RETENTION_SCHEDULE_ID;
  const spec = { calendars: [{ hour: 3, minute: 15 }], timezone: 'Europe/Amsterdam' };
  const action = { type: 'startWorkflow' as const, workflowType: 'privacyRetention', workflowId: scheduleId, taskQueue: o.taskQueue, args: [{ retentionDays: o.retentionDays }] };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
