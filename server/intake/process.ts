// Works through an intake run's lines in chunks (the intake workflow's activity calls this): each
// line's outcome is recorded as soon as it is done, so a retried chunk starts where the last
// attempt stopped and never acts on a line twice.
import { AppError } from '../errors.ts';
import { intakeThresholdOf } from '../../definition/intake.ts';
import { latestVersion, preventionDefinitions } from '../definitions/repository.ts';
import type { CaseDeps } from '../cases/service.ts';
import { applyLine, openCasesOf, type RunContext } from './apply-line.ts';
import { finishRun, pendingLines, recordOutcome, runMeta, updateProgress } from './runs-repository.ts';

/** The intake acts for the corporation, as its finance department (the books are theirs). */
const actorFor = (startedBy: string) => ({ userId: startedBy, roles: ['finance' as const] });

export async function processChunk(deps: CaseDeps, runId: string, size: number, progress?: (done: number) => void): Promise<{ done: number; total: number; remaining: number }> {
  const meta = await runMeta(deps.pool, runId);
  if (!meta) throw new Error(`no intake run ${runId}`);
  const definition = await latestVersion(deps.pool, meta.definitionId);
  const lines = await pendingLines(deps.pool, runId, size);
  if (!definition) {
    for (const l of lines) await recordOutcome(deps.pool, runId, l.line, { outcome: 'skipped', message: `the definition "${meta.definitionId}" has no published version` });
  } else {
    const ctx: RunContext = { runId, asOf: meta.asOf, definition, threshold: intakeThresholdOf(definition.body), actor: actorFor(meta.startedBy), prevention: await preventionDefinitions(deps.pool) };
    const open = await openCasesOf(deps.pool, lines.map((l) => l.data.tenancyReference));
    for (const [i, l] of lines.entries()) {
      let result;
      try {
        result = await applyLine(deps, ctx, l.data, open.get(l.data.tenancyReference));
      } catch (err) {
        // The engine away: the chunk fails and is retried from this line. Anything else the
        // line itself caused is reported for it, and the run goes on.
        if (!(err instanceof AppError) || err.code === 'unavailable') throw err;
        result = { outcome: 'skipped' as const, message: err.message };
      }
      await recordOutcome(deps.pool, runId, l.line, result);
      progress?.(i + 1);
    }
  }
  const p = await updateProgress(deps.pool, runId);
  return { ...p, remaining: p.total - p.done };
}

export { finishRun };
