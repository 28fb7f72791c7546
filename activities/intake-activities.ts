// The intake workflow's activities (workflows/intake.ts): collect the day's arrears lists from
// the configured folder or URL, work a run through in chunks (heartbeating its progress), and
// close it. Idempotent: a file is a run once (by its SHA-256), a line is done once.
import { Context } from '@temporalio/activity';
import type { CaseDeps } from '../server/cases/service.ts';
import { collectIntakeFiles, type IntakeSource } from '../server/intake/sources.ts';
import { finishRun, processChunk } from '../server/intake/process.ts';

export type IntakeActivities = {
  collectIntakeFiles(): Promise<string[]>;
  processIntakeChunk(input: { runId: string }): Promise<{ done: number; total: number; remaining: number }>;
  finishIntakeRun(input: { runId: string }): Promise<void>;
};

const CHUNK = 200;

export function createIntakeActivities(deps: CaseDeps & { source?: IntakeSource | undefined }): IntakeActivities {
  return {
    async collectIntakeFiles() {
      return deps.source ? await collectIntakeFiles(deps.pool, deps.source) : [];
    },
    async processIntakeChunk({ runId }) {
      const ctx = Context.current();
      const progress = await processChunk(deps, runId, CHUNK, (n) => ctx.heartbeat({ runId, inChunk: n }));
      ctx.log.info('intake progress', { runId, done: progress.done, total: progress.total });
      return progress;
    },
    async finishIntakeRun({ runId }) {
      await finishRun(deps.pool, runId);
    },
  };
}
