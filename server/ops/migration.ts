// Moving running cases of version N to a later version, in bulk: a preview that asks every
// case where it stands (its live state, through the same planMigration rule the workflow's
// validator applies, so the preview and the move agree), and the move itself, per case.
import type { Logger } from 'pino';
import type { Definition } from '../../definition/schema.ts';
import type { Actor } from '../../workflows/messages.ts';
import { migrationSubject, planMigration } from '../../workflows/migration.ts';
import * as cases from '../cases/service.ts';
import type { Db } from '../db/pool.ts';
import { getVersion, type PublishedVersion } from '../definitions/repository.ts';
import { invalid, invalidField, notFound, type FieldProblem } from '../errors.ts';
import { requireRealCases } from './bulk.ts';
import { queryCaseState } from './live-state.ts';
import { openCasesOfVersion } from './repository.ts';
import { runPerCase } from './run-per-case.ts';
import type { MigrationPreviewInput, MigrationRunInput } from './schemas.ts';

const CONCURRENCY = 16;

type Versions = { from: PublishedVersion; to: PublishedVersion };

async function versions(pool: Db, input: MigrationPreviewInput): Promise<Versions> {
  const [from, to] = await Promise.all([getVersion(pool, input.definitionId, input.fromVersion), getVersion(pool, input.definitionId, input.toVersion)]);
  if (!from) throw notFound(`definition "${input.definitionId}" has no version ${input.fromVersion}`);
  if (!to) throw notFound(`definition "${input.definitionId}" has no version ${input.toVersion}`);
  const fromIds = new Set(from.body.steps.map((s) => s.id));
  const toIds = new Set(to.body.steps.map((s) => s.id));
  const problems: FieldProblem[] = [];
  for (const [old, target] of Object.entries(input.stepMapping)) {
    if (!fromIds.has(old)) problems.push({ field: `body.stepMapping.${old}`, message: `version ${input.fromVersion} has no step "${old}"` });
    if (!toIds.has(target)) problems.push({ field: `body.stepMapping.${old}`, message: `version ${input.toVersion} has no step "${target}"` });
  }
  if (problems.length) throw invalid(problems.map((p) => `${p.field.replace(/^body\./, '')}: ${p.message}`).join('; '), problems);
  return { from, to };
}

const waits = (body: Definition) => body.steps.filter((s) => s.kind === 'wait').map((s) => ({ id: s.id, name: s.name }));

/** The mapping a wait gets without a choice: the step of the same id, when that is a wait too. */
export function defaultMapping(from: Definition, to: Definition): Record<string, string | null> {
  const targetWaits = new Set(waits(to).map((w) => w.id));
  return Object.fromEntries(waits(from).map((w) => [w.id, targetWaits.has(w.id) ? w.id : null]));
}

export type PreviewRow = { caseId: string; reference: string; stepId: string | null; paused: boolean; ok: true; toStep: string } | { caseId: string; reference: string; stepId: string | null; paused: boolean; ok: false; reason: string };

export async function previewMigration(deps: cases.CaseDeps, input: MigrationPreviewInput) {
  const { from, to } = await versions(deps.pool, input);
  const open = await openCasesOfVersion(deps.pool, input.definitionId, input.fromVersion);
  const results: PreviewRow[] = new Array(open.length);
  let next = 0;
  const worker = async () => {
    while (next < open.length) {
      const index = next++;
      const row = open[index]!;
      const base = { caseId: row.id, reference: row.reference, stepId: row.currentStep, paused: row.status === 'paused' };
      const live = await queryCaseState(deps.temporal, row.workflowId);
      if ('error' in live) {
        results[index] = { ...base, ok: false, reason: `the case engine did not answer: ${live.error}` };
        continue;
      }
      const plan = planMigration(migrationSubject(live.state), { id: to.id, version: to.version, body: to.body }, input.stepMapping);
      results[index] = plan.ok
        ? { ...base, stepId: plan.fromStep, ok: true, toStep: plan.toStep }
        : { ...base, stepId: live.state.currentStep?.id ?? base.stepId, ok: false, reason: plan.reason };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, open.length) }, worker));
  const movable = results.filter((r) => r.ok).length;
  return {
    definitionId: input.definitionId,
    fromVersion: from.version,
    toVersion: to.version,
    stepMapping: input.stepMapping,
    defaultMapping: defaultMapping(from.body, to.body),
    waits: { from: waits(from.body), to: waits(to.body) },
    cases: results,
    summary: { total: results.length, movable, notMovable: results.length - movable },
  };
}

export async function runMigration(deps: cases.CaseDeps & { log: Logger }, input: MigrationRunInput, actor: Actor) {
  await versions(deps.pool, input);
  const targets = await requireRealCases(deps.pool, input.caseIds);
  return await runPerCase(
    deps,
    { action: 'migrate', actor: actor.userId, cases: targets, auditDetails: { definitionId: input.definitionId, fromVersion: input.fromVersion, toVersion: input.toVersion } },
    async (caseId) => {
      const target = targets.find((t) => t.id === caseId)!;
      if (target.definitionId !== input.definitionId || target.definitionVersion !== input.fromVersion)
        throw invalidField('body.fromVersion', `the case runs ${target.definitionId} version ${target.definitionVersion}, not ${input.definitionId} version ${input.fromVersion}`);
      return await cases.migrateCase(deps, caseId, { toVersion: input.toVersion, stepMapping: input.stepMapping }, actor);
    },
  );
}
