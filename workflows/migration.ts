// Moving a running case to a newer version of its definition. Only at a safe point: while it
// waits (no step half done, no task or handover open), and only to a wait in the new version.
// Pure, so the server's preview gives the same answer as the workflow's validator; both build
// the subject from the case's view with `migrationSubject`.
import type { CasePhase } from '../definition/case-status.ts';
import type { Definition, Step } from '../definition/schema.ts';

export type MigrationPlan = { ok: true; fromStep: string; toStep: string } | { ok: false; reason: string };

export type MigrationSubject = {
  definition: { id: string; version: number };
  phase: CasePhase;
  currentStep: { id: string; kind: string } | null;
  openTasks: number;
  awaitingHandover: boolean;
};

export type Migrated = { fromVersion: number; toVersion: number; fromStep: string; toStep: string; remainingMs: number };

/** What a case view (workflows/case-view.ts) says of where the case is: enough to plan a move. */
type WhereTheCaseIs = {
  definition: { id: string; version: number };
  phase: CasePhase;
  currentStep: { id: string; kind: string; waitingOn: string } | null;
  openTasks: readonly unknown[];
};

export function migrationSubject(view: WhereTheCaseIs): MigrationSubject {
  return {
    definition: { id: view.definition.id, version: view.definition.version },
    phase: view.phase,
    currentStep: view.currentStep ? { id: view.currentStep.id, kind: view.currentStep.kind } : null,
    openTasks: view.openTasks.length,
    // The view names a partner it waits on only while a handover awaits its answer.
    awaitingHandover: view.currentStep?.waitingOn.startsWith('partner:') ?? false,
  };
}

export function planMigration(subject: MigrationSubject, target: { id: string; version: number; body: Pick<Definition, 'steps'> }, mapping: Record<string, string>): MigrationPlan {
  if (subject.phase === 'closed') return { ok: false, reason: 'the case is closed' };
  if (target.id !== subject.definition.id) return { ok: false, reason: `the case runs definition "${subject.definition.id}", not "${target.id}"` };
  if (target.version <= subject.definition.version)
    return { ok: false, reason: `the case is on version ${subject.definition.version}; it can only move to a later version` };
  const current = subject.currentStep;
  if (!current || current.kind !== 'wait' || subject.openTasks > 0 || subject.awaitingHandover)
    return { ok: false, reason: `the case is at step "${current?.id ?? 'none'}" (${current?.kind ?? 'not started'}), not in a wait; it can move once it waits` };
  const toStep = mapping[current.id] ?? current.id;
  const step: Step | undefined = target.body.steps.find((s) => s.id === toStep);
  if (!step) return { ok: false, reason: `step "${current.id}" does not exist in version ${target.version} and the mapping gives no other step` };
  if (step.kind !== 'wait') return { ok: false, reason: `step "${current.id}" maps to "${toStep}", which is a ${step.kind}, not a wait` };
  return { ok: true, fromStep: current.id, toStep };
}
