// Applies an accepted migration at the case's wait: moves it to the new version's wait and
// continues as new on that version. The wait keeps the time it already waited: its deadline
// shifts by the difference in duration, if any.
import { allHandlersFinished, condition } from '@temporalio/workflow';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { StepOf } from '../definition/schema.ts';
import type { ContinueWith, StepContext } from './step-context.ts';
import { caseView } from './case-view.ts';
import { migrationSubject, planMigration } from './migration.ts';
import { upsertSearchAttributes } from '@temporalio/workflow';
import * as sa from './search-attributes.ts';

export async function applyMigration(ctx: StepContext, continueWith: ContinueWith) {
  const { s, d } = ctx;
  const m = s.pendingMigration!;
  s.pendingMigration = null;
  const current = d.current;
  const run = current?.run;
  const plan = planMigration(migrationSubject(caseView(s)), m.definition, m.mapping);
  if (!plan.ok || !current || run?.kind !== 'wait') {
    s.migrationOutcome = { error: plan.ok ? 'the case left its wait in the meantime' : plan.reason };
    return;
  }
  const before = s.step(plan.fromStep) as StepOf<'wait'>;
  const after = m.definition.body.steps.find((x) => x.id === plan.toStep) as StepOf<'wait'>;
  run.deadline += s.caseMsFor(after.duration, after.workingDays) - s.caseMsFor(before.duration, before.workingDays);
  const remainingMs = Math.max(0, (run.deadline - s.caseNow()) * d.timeScale);
  const fromVersion = d.definition.version;
  current.stepId = plan.toStep;
  const record = d.history[d.history.length - 1];
  if (record?.stepId === plan.fromStep) record.stepId = plan.toStep;
  const known = new Set(m.definition.body.steps.map((x) => x.id));
  d.lastOutcome = Object.fromEntries(
    Object.entries(d.lastOutcome)
      .map(([id, outcome]) => [m.mapping[id] ?? id, outcome] as const)
      .filter(([id]) => known.has(id)),
  );
  d.definition = { id: m.definition.id, version: m.definition.version };
  await ctx.acts.recordEvent({
    caseId: d.caseId,
    key: idempotencyKey(d.caseId, 'migrated', m.definition.version),
    type: 'migrated',
    at: s.businessIso(),
    by: m.by,
    stepId: plan.toStep,
    data: { fromVersion, toVersion: m.definition.version, fromStep: plan.fromStep, toStep: plan.toStep, remainingMs },
    patch: { definition: { version: m.definition.version, stepId: plan.toStep, stepName: after.name } },
  });
  upsertSearchAttributes([
    { key: sa.CaseDefinitionVersion, value: m.definition.version },
    { key: sa.CaseStep, value: plan.toStep },
  ]);
  s.migrationOutcome = { fromVersion, toVersion: m.definition.version, fromStep: plan.fromStep, toStep: plan.toStep, remainingMs };
  await condition(allHandlersFinished);
  await continueWith(d, m.definition);
}
