// The Temporal Schedule that takes in the rent ledger's arrears list every morning (06:30
// Amsterdam, after the ERP's night run), made at start-up when INTAKE_DIR or INTAKE_URL is set.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const INTAKE_SCHEDULE_ID = 'arrears-intake';

export async function ensureIntakeSchedule(client: Client, o: { taskQueue: string; scheduleId?: string }): Promise<void> {
  const scheduleId = o.scheduleId ?? INTAKE_SCHEDULE_ID;
  const spec = { calendars: [{ hour: 6, minute: 30 }], timezone: 'Europe/Amsterdam' };
  const action = { type: 'startWorkflow' as const, workflowType: 'arrearsIntake', workflowId: scheduleId, taskQueue: o.taskQueue, args: [{}] };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
