// Opening a case: the read model first (tenant, tenancy, case, one transaction), then its
// workflow. Between the two the API can die (a crash, a kill, a lost machine); the client's
// retry of the same opening then finds the tenancy's case recorded but never started, and
// starts it, so an opening is never left half done.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { arrearsCase } from '../../workflows/case-workflow.ts';
import { caseWorkflowId, TASK_QUEUE, WORKFLOW_TYPE, type Actor } from '../../workflows/messages.ts';
import type { CaseInput } from '../../workflows/case-input.ts';
import { audit } from '../audit/repository.ts';
import { getVersion, latestVersion, type PublishedVersion } from '../definitions/repository.ts';
import { AppError, forbidden, fromTemporal, invalidField, notFound } from '../errors.ts';
import { caseScopeOf, postcodeInScope } from '../teams/scope.ts';
import { discardCase, getCaseRow, insertCase, unstartedCase, type CaseRow } from './repository.ts';
import type { OpenCase } from './schemas.ts';
import type { CaseDeps } from './service.ts';
import { purposeOf, signalsOf } from '../../definition/prevention.ts';
import { endPrevention } from '../prevention/end-prevention.ts';

export async function openCase(deps: CaseDeps, input: OpenCase, actor: Actor): Promise<CaseRow> {
  const definition = await latestVersion(deps.pool, input.definitionId);
  if (!definition) throw notFound(`definition "${input.definitionId}" has no published version`);
  if (input.timeScale !== undefined && !deps.allowTimeScale) throw invalidField('body.timeScale', 'a time scale per case is not allowed in production');
  if (input.businessStart !== undefined && !deps.allowTimeScale) throw invalidField('body.businessStart', 'a business start per case is not allowed in production');
  const scope = await caseScopeOf(deps.pool, actor.userId);
  if (!postcodeInScope(scope, input.tenancy.postalCode)) throw forbidden(`the postcode ${input.tenancy.postalCode} lies outside the areas of your teams (${scope!.teams.join(', ')})`);
  return await startCase(deps, input, actor, definition);
}

/**
 * Records and starts a case in a published version, for a caller already allowed to (a person
 * checked by openCase, or the rent ledger's intake, which acts for the whole corporation).
 */
export async function startCase(deps: CaseDeps, input: OpenCase, actor: Actor, definition: PublishedVersion, opening: { campaignRun?: string } = {}): Promise<CaseRow> {
  const id = randomUUID();
  const timeScale = input.timeScale ?? deps.defaultTimeScale;
  const purpose = purposeOf(definition.body);
  if (purpose === 'prevention' && input.riskSignal === undefined) throw invalidField('body.riskSignal', `a prevention process starts on a risk signal: name one of ${signalsOf(definition.body).join(', ')}`);
  if (purpose === 'prevention' && !signalsOf(definition.body).includes(input.riskSignal!)) throw invalidField('body.riskSignal', `"${definition.name}" does not start on ${input.riskSignal}; it takes ${signalsOf(definition.body).join(', ')}`);
  if (purpose === 'arrears' && input.riskSignal !== undefined) throw invalidField('body.riskSignal', `a risk signal opens a prevention process; "${definition.id}" is an arrears process`);
  let recorded: Awaited<ReturnType<typeof insertCase>>;
  try {
    recorded = await insertCase(deps.pool, input, { id, workflowIdFor: caseWorkflowId, definitionVersion: definition.version, timeScale, openedBy: actor.userId, purpose, ...opening });
  } catch (err) {
    const resumed = await resumeOpening(deps, err, input, actor);
    if (resumed) return resumed;
    throw err;
  }
  const { tenancyId, workflowId, minors } = recorded;
  try {
    await startWorkflow(deps, definition, {
      caseId: id,
      tenancyId,
      timeScale,
      arrearsCents: input.arrearsCents,
      dueDate: input.dueDate,
      ...(input.businessStart !== undefined ? { businessStart: input.businessStart } : {}),
      ...(input.segmentSuggestion ? { segmentSuggestion: input.segmentSuggestion } : {}),
      ...(minors !== null ? { minors } : {}),
      ...(input.tenant.preferredChannel ? { preferredChannel: input.tenant.preferredChannel } : {}),
    }, workflowId);
  } catch (err) {
    // A start that timed out or lost its connection may still have happened; then the case
    // is open and stays. Only a start that certainly did not happen is undone.
    if (!(await startedAfterAll(deps.temporal, workflowId, id))) {
      await discardCase(deps.pool, id, actor.userId, (err as Error).message);
      throw fromTemporal(err, 'open case') ?? err;
    }
  }
  // Arrears take over from prevention: the tenancy's prevention process ends now.
  if (purpose === 'arrears') await endPrevention(deps, tenancyId, id, actor);
  return (await getCaseRow(deps.pool, id))!;
}

type StartArgs = Omit<CaseInput, 'definition' | 'messageHours' | 'historyLimit'>;

async function startWorkflow(deps: CaseDeps, definition: PublishedVersion, args: StartArgs, workflowId: string): Promise<void> {
  await deps.temporal.workflow.start<typeof arrearsCase>(WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    workflowId,
    // Which case this run is, for a start whose answer was lost (startedAfterAll).
    memo: { caseId: args.caseId },
    args: [
      {
        ...args,
        definition: { id: definition.id, version: definition.version, body: definition.body },
        ...(deps.messageHours ? { messageHours: deps.messageHours } : {}),
        ...(deps.historyLimit ? { historyLimit: deps.historyLimit } : {}),
      },
    ],
  });
}

async function startedAfterAll(temporal: Client, workflowId: string, caseId: string): Promise<boolean> {
  try {
    return (await temporal.workflow.getHandle(workflowId).describe()).memo?.caseId === caseId;
  } catch {
    return false;
  }
}

/**
 * The tenancy's open case that `err` names, when it was recorded but its workflow never
 * started (the opening was cut off): started now from what was recorded, and returned. Any
 * other conflict (a case that runs) is left to the caller to report.
 */
async function resumeOpening(deps: CaseDeps, err: unknown, input: OpenCase, actor: Actor): Promise<CaseRow | undefined> {
  const caseId = err instanceof AppError && err.code === 'conflict' ? (err.details as { caseId?: string } | undefined)?.caseId : undefined;
  if (!caseId) return undefined;
  const found = await unstartedCase(deps.pool, caseId);
  if (!found || (await startedAfterAll(deps.temporal, found.row.workflowId, caseId))) return undefined;
  const definition = await getVersion(deps.pool, found.row.definitionId, found.row.definitionVersion);
  if (!definition) return undefined;
  try {
    await startWorkflow(deps, definition, {
      caseId,
      tenancyId: found.row.tenancyId,
      timeScale: found.row.timeScale,
      arrearsCents: found.row.arrearsCents,
      dueDate: found.row.dueDate,
      ...(input.businessStart !== undefined && deps.allowTimeScale ? { businessStart: input.businessStart } : {}),
      ...(found.row.segmentSuggestion ? { segmentSuggestion: found.row.segmentSuggestion as NonNullable<StartArgs['segmentSuggestion']> } : {}),
      ...(found.minors !== null ? { minors: found.minors } : {}),
      ...(input.tenant.preferredChannel ? { preferredChannel: input.tenant.preferredChannel } : {}),
    }, found.row.workflowId);
  } catch (startErr) {
    // Another attempt started it just now: the case runs, and this opening is a duplicate.
    if (startErr instanceof WorkflowExecutionAlreadyStartedError) return undefined;
    throw fromTemporal(startErr, 'open case') ?? startErr;
  }
  await audit(deps.pool, { actor: actor.userId, action: 'case.open-resumed', caseId, entity: 'case', entityId: caseId, details: { reason: 'recorded, but its workflow had not started' } });
  return (await getCaseRow(deps.pool, caseId))!;
}
