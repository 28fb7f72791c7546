// Tasks a case opens beside its steps, which the loop does not wait on. A tenant who gets in
// touch where no step listens (during a payment arrangement, while a partner has not yet
// answered) always reaches a person: a follow-up task for the caseworker, who can change
// the running arrangement's plan there (within the step's limits, checked as at agreement)
// without breaking it.
import { patched } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contracts.ts';
import { schedule, type Plan } from '../definition/arrangement.ts';
import { planFields } from '../definition/forms.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { OpenTask } from './case-data.ts';
import type { CaseState } from './case-state.ts';
import { planFromNow } from './steps/arrangement.ts';
import type { ContactEffect } from './messages.ts';
import { answerReview } from './pause.ts';
import { agreePlan, applyTenantTask } from './tenant-requests.ts';

export type { ContactEffect };

/** What a contact does where the case is now: a wait that listens ends; an open task has a person on it; else a follow-up task. */
export function contactEffect(s: CaseState): Exclude<ContactEffect, { effect: 'task-opened' }> | { effect: 'needs-task' } {
  const d = s.data;
  const step = d.current ? s.steps.get(d.current.stepId) : undefined;
  if (step?.kind === 'wait' && step.endsOn.includes('contact')) return { effect: 'ended-wait', stepId: step.id };
  const task = d.openTasks[0];
  if (task) return { effect: 'noted-on-task', taskId: task.taskId };
  return { effect: 'needs-task' };
}

const note = (label: string, required: boolean) => ({ id: 'note', label, type: 'longtext' as const, required });

/** Opens the caseworker's follow-up task for a contact no step listened for. Cases from before it replay without. */
export async function openContactTask(s: CaseState, acts: CaseActivities, eventSeq: number): Promise<ContactEffect> {
  if (!patched('contact-follow-up')) return { effect: 'recorded' };
  const d = s.data;
  const stepId = d.current?.stepId ?? 'start';
  const inArrangement = d.current?.run?.kind === 'arrangement';
  const taskId = idempotencyKey(d.caseId, 'contact', eventSeq);
  const outcomes: OpenTask['outcomes'] = [
    { id: 'handled', label: 'Afgehandeld', arrangement: false, fields: [note('Wat is er besproken of afgesproken?', true)] },
    ...(inArrangement ? [{ id: 'change-plan', label: 'Regeling aanpassen', arrangement: true, fields: [note('Toelichting', false), ...planFields] }] : []),
  ];
  const now = s.businessNow();
  d.openTasks.push({ taskId, stepId, title: 'Huurder nam contact op', kind: 'contact-follow-up', role: 'caseworker', alsoRoles: [], outcomes, openedAt: now, dueAt: null, side: 'contact' });
  await acts.openTask({
    taskId,
    caseId: d.caseId,
    stepId,
    kind: 'contact-follow-up',
    title: 'Huurder nam contact op',
    role: 'caseworker',
    instructions: inArrangement
      ? 'De huurder nam contact op tijdens de betalingsregeling (zie de tijdlijn). Bel terug. Kan een termijn niet, pas dan samen de regeling aan in plaats van haar te laten mislukken.'
      : 'De huurder nam contact op (zie de tijdlijn). Bel terug en leg vast wat u besprak.',
    outcomes: outcomes.map((o) => ({ id: o.id, label: o.label, fields: o.fields })),
    at: new Date(now).toISOString(),
  });
  return { effect: 'task-opened', taskId };
}

/** Completes a side task at once: closes it and applies its outcome (a changed plan). */
export async function completeSideTask(s: CaseState, acts: CaseActivities, task: OpenTask, c: { outcome: string; fields: Record<string, unknown>; userId: string }) {
  const d = s.data;
  await acts.closeTask({ caseId: d.caseId, taskId: task.taskId, status: 'completed', outcome: c.outcome, fields: c.fields, by: c.userId, at: s.businessIso() });
  d.openTasks = d.openTasks.filter((t) => t.taskId !== task.taskId);
  if (task.side === 'pause-review') return await answerReview(s, acts, c.outcome, c.fields, c.userId);
  if (task.side === 'getting-help') return await applyTenantTask(s, acts, task, c);
  const run = d.current?.run;
  const f = c.fields;
  const plan: Plan = { instalmentCents: f.instalmentCents as number, instalments: f.instalments as number, interval: f.interval as Plan['interval'], firstDueDate: f.firstDueDate as string };
  // Agreed on the tenant's own proposal: the case follows it from its step, as when the tenant's plan fits at once.
  if (task.side === 'arrangement-proposal' && c.outcome === 'agreed' && run?.kind !== 'arrangement') return void agreePlan(s, plan, c.userId);
  if (!(c.outcome === 'change-plan' || (task.side === 'arrangement-proposal' && c.outcome === 'agreed')) || run?.kind !== 'arrangement') return;
  // The new plan covers what is open now, from now: it starts afresh and wakes the arrangement.
  Object.assign(run, { ...planFromNow(s, plan), revision: (run.revision ?? 0) + 1 });
  await acts.recordEvent({
    caseId: d.caseId,
    key: idempotencyKey(task.taskId, 'plan'),
    type: 'arrangement-changed',
    at: s.businessIso(),
    by: c.userId,
    stepId: d.current!.stepId,
    data: { plan, instalments: schedule(plan, d.balanceCents).map((i) => ({ dueDate: new Date(i.dueMs).toISOString().slice(0, 10), amountCents: i.amountCents })) },
  });
}
