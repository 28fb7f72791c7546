// HTTP for the rent ledger's intake: upload a CSV or push JSON (202: the run works in its own
// workflow; its progress and per-line report are read back), and the runs.
import express, { Router } from 'express';
import { intakeRunners } from '../../definition/access.ts';
import { TASK_QUEUE } from '../../workflows/messages.ts';
import type { arrearsIntake } from '../../workflows/intake.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { CaseDeps } from '../cases/service.ts';
import { invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { getRun, listRuns, runLines } from './runs-repository.ts';
import { IntakeLinesQuerySchema, IntakeRunIdSchema, IntakeUploadQuerySchema } from './schemas.ts';
import { submitList, type Submitted } from './submit.ts';

export type IntakeDeps = CaseDeps & { intakeDefinitionId: string };

export const intakeWorkflowId = (runId: string) => `intake-${runId}`;

export function intakeRouter(deps: IntakeDeps): Router {
  const router = Router();
  const start = async (run: Submitted) => {
    // A run is worked once: its workflow id is the run's, so a second start of it is refused by Temporal.
    if (run.fresh)
      await deps.temporal.workflow.start<typeof arrearsIntake>('arrearsIntake', { taskQueue: deps.taskQueue ?? TASK_QUEUE, workflowId: intakeWorkflowId(run.runId), args: [{ runId: run.runId }] });
    const found = (await getRun(deps.pool, run.runId))!;
    return { run: found, alreadyImported: !run.fresh };
  };

  router.post('/intake/arrears', requireRole(...intakeRunners), express.text({ type: 'text/csv', limit: '50mb' }), express.json({ limit: '50mb' }), async (req, res) => {
    const query = parseInput(IntakeUploadQuerySchema, req.query, 'query');
    const meta = { filename: query.filename ?? null, asOf: query.asOf, definitionId: query.definitionId, actor: actorOf(req).userId, defaultDefinitionId: deps.intakeDefinitionId };
    let run: Submitted;
    if (typeof req.body === 'string') {
      if (req.body.trim() === '') throw invalid('send the arrears list as the request body', [{ field: 'body', message: 'the body is empty' }]);
      run = await submitList(deps.pool, { kind: 'csv', text: req.body }, { ...meta, source: 'upload' });
    } else run = await submitList(deps.pool, { kind: 'json', body: req.body, text: JSON.stringify(req.body) }, { ...meta, source: 'push' });
    res.status(202).json(await start(run));
  });

  router.get('/intake/runs', requireRole(...intakeRunners), async (_req, res) => {
    res.json({ runs: await listRuns(deps.pool, 50) });
  });
  router.get('/intake/runs/:id', requireRole(...intakeRunners), async (req, res) => {
    const id = parseInput(IntakeRunIdSchema, req.params.id, 'path.id');
    const run = await getRun(deps.pool, id);
    if (!run) throw notFound(`no intake run ${id}`);
    res.json({ run, lines: await runLines(deps.pool, id, parseInput(IntakeLinesQuerySchema, req.query, 'query')) });
  });
  return router;
}
