// One intake of the rent ledger's arrears list, as its own workflow: started by the daily
// Temporal Schedule (server/intake/schedule.ts: it collects the new files from the configured
// folder or URL) or by staff uploading a list (with the run already recorded). Visible in
// Temporal like every case; the lines are worked in chunks, each an activity that can be retried.
import { proxyActivities } from '@temporalio/workflow';
import type { IntakeActivities } from '../activities/intake-activities.ts';

const { collectIntakeFiles, processIntakeChunk, finishIntakeRun } = proxyActivities<IntakeActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function arrearsIntake(input: { runId?: string } = {}): Promise<{ runs: string[] }> {
  const runs = input.runId ? [input.runId] : await collectIntakeFiles();
  for (const runId of runs) {
    for (;;) {
      const progress = await processIntakeChunk({ runId });
      if (progress.remaining === 0) break;
    }
    await finishIntakeRun({ runId });
  }
  return { runs };
}
