// Dry runs: a draft runs on the real engine and task queue, in accelerated time, for a
// fictional tenant, with a simulator answering for staff, partners and the tenant. The case
// row is marked dry_run, so no list, inbox or count shows it, and its messages never leave.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { DryRunBehaviourSchema, dryRunTenant } from '../../definition/dry-run.ts';
import type { MessageHours } from '../../definition/message-hours.ts';
import type { arrearsCase } from '../../workflows/case-workflow.ts';
import { TASK_QUEUE, WORKFLOW_TYPE } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';
import { definitionRefused, validateAgainstLibrary } from '../definitions/service.ts';
import { invalidField, notFound } from '../errors.ts';
import { discardDryRun, dryRunProgress, getDryRun, insertDryRun } from './repository.ts';
import type { DryRunSimulator } from './simulator.ts';

/** Four business days per real second: the standard ladder reaches the bailiff in well under a minute. */
export const DRY_RUN_TIME_SCALE = 86_400 * 4;
/**
 * The definition id the workflow sees. The case input only allows published versions (version
 * ≥ 1), so a dry run cannot say "version 0" there; a reserved id keeps dry runs apart in
 * Temporal's search attributes (CaseDefinition = 'dry-run') from every real definition.
 */
export const DRY_RUN_WORKFLOW_DEFINITION = { id: 'dry-run', version: 1 } as const;

export const StartDryRunSchema = z.object({ definition: z.unknown(), behaviour: DryRunBehaviourSchema });

export type DryRunDeps = { pool: Db; temporal: Client; taskQueue?: string; historyLimit?: number; messageHours?: MessageHours; simulator: DryRunSimulator };

export async function startDryRun(deps: DryRunDeps, input: z.output<typeof StartDryRunSchema>, by: string) {
  const checked = await validateAgainstLibrary(deps.pool, input.definition);
  if (!checked.ok) throw definitionRefused('the draft cannot run', input.definition, checked.problems);
  const definition = checked.definition;
  const behaviour = input.behaviour;
  if (behaviour.kind === 'pays-at-step' && !definition.steps.some((s) => s.id === behaviour.stepId))
    throw invalidField('body.behaviour.stepId', `step "${behaviour.stepId}" is not in the definition`);

  const id = randomUUID();
  const caseId = randomUUID();
  const workflowId = `arrears-dryrun-${id}`;
  const dueDate = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const { tenancyId } = await insertDryRun(deps.pool, { id, caseId, workflowId, definition, behaviour: input.behaviour, by, timeScale: DRY_RUN_TIME_SCALE, dueDate });
  try {
    await deps.temporal.workflow.start<typeof arrearsCase>(WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue ?? TASK_QUEUE,
      workflowId,
      args: [
        {
          caseId,
          tenancyId,
          definition: { ...DRY_RUN_WORKFLOW_DEFINITION, body: definition },
          timeScale: DRY_RUN_TIME_SCALE,
          // A dry run keeps the message hours a real case would.
          ...(deps.messageHours ? { messageHours: deps.messageHours } : {}),
          ...(deps.historyLimit ? { historyLimit: deps.historyLimit } : {}),
          arrearsCents: dryRunTenant.arrearsCents,
          dueDate,
        },
      ],
    });
  } catch (err) {
    await discardDryRun(deps.pool, id);
    throw err;
  }
  await deps.simulator.ensure(id);
  return { id, caseId, workflowId, behaviour: input.behaviour, timeScale: DRY_RUN_TIME_SCALE };
}

export type DryRunStatus = 'running' | 'finished' | 'stopped';

export async function dryRunView(deps: DryRunDeps, id: string) {
  const run = await getDryRun(deps.pool, id);
  if (!run) throw notFound(`dry run ${id} not found`);
  // A run whose simulator is not in this process (a restart, another API instance) is picked up again.
  if (!run.finishedAt && run.caseStatus !== 'closed') await deps.simulator.ensure(id);
  const progress = await dryRunProgress(deps.pool, run.caseId);
  const status: DryRunStatus = run.finishedAt ? (run.stopReason === 'closed' ? 'finished' : 'stopped') : run.caseStatus === 'closed' ? 'finished' : 'running';
  return {
    id: run.id,
    definitionId: run.definition.id,
    behaviour: run.behaviour,
    status,
    stopReason: run.stopReason,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    caseId: run.caseId,
    outcome: run.caseOutcome,
    balanceCents: run.balanceCents,
    currentStepId: run.caseStatus === 'closed' ? null : run.currentStep,
    timeScale: run.timeScale,
    ...progress,
  };
}

export async function stopDryRun(deps: DryRunDeps, id: string) {
  const run = await getDryRun(deps.pool, id);
  if (!run) throw notFound(`dry run ${id} not found`);
  if (!run.finishedAt && run.caseStatus !== 'closed') {
    if (!deps.simulator.stop(id, 'stopped')) {
      // Not driven here: start driving so the stop request is carried out.
      await deps.simulator.ensure(id);
      deps.simulator.stop(id, 'stopped');
    }
  }
  return await dryRunView(deps, id);
}
