// The human-task engine every kind that needs a person uses (tasks, approval levels, legal
// reviews): open the task, escalate it by its deadline, and wait until a person completes it
// or the deadline decides. The task's record keeps who may complete it (definition/access.ts).
import type { Role } from '../definition/catalog.ts';
import { addDuration } from '../definition/duration.ts';
import type { HumanRun, OpenTask } from './case-data.ts';
import { upsertSearchAttributes } from '@temporalio/workflow';
import * as sa from './search-attributes.ts';
import type { HumanResult, HumanSpec, StepContext } from './step-context.ts';
import { idempotencyKey } from '../definition/idempotency.ts';

/** Takes a task off the case's list; a completion waiting for it is refused with the reason. */
export function dropTask(ctx: StepContext, taskId: string, why: string) {
  const { d, s } = ctx;
  d.openTasks = d.openTasks.filter((t) => t.taskId !== taskId);
  if (s.completions.has(taskId)) {
    s.completions.delete(taskId);
    s.completed.set(taskId, { error: `task ${taskId} was closed before it could be completed: ${why}` });
  }
}

async function open(ctx: StepContext, run: HumanRun, spec: HumanSpec) {
  const { d, s } = ctx;
  await ctx.active();
  const now = s.businessNow();
  const dueAt = spec.deadline ? addDuration(now, spec.deadline.within) : null;
  const task: OpenTask = {
    taskId: run.taskId,
    stepId: spec.stepId,
    title: spec.title,
    kind: spec.kind,
    role: spec.role,
    alsoRoles: [],
    outcomes: spec.outcomes,
    openedAt: now,
    dueAt,
    ...(spec.approval ? { approval: { stepId: spec.approval.stepId, level: spec.approval.level } } : {}),
  };
  // Listed before the activity runs: the row becomes visible to staff during it, and a
  // completion arriving then must find the task open (it is applied after the activity).
  d.openTasks.push(task);
  await ctx.acts.openTask({
    taskId: run.taskId,
    caseId: d.caseId,
    stepId: spec.stepId,
    kind: spec.kind,
    title: spec.title,
    role: spec.role,
    instructions: spec.instructions,
    dueAt: dueAt === null ? undefined : new Date(dueAt).toISOString(),
    outcomes: spec.outcomes.map((o) => ({ id: o.id, label: o.label, fields: o.fields })),
    approval: spec.approval,
    at: new Date(now).toISOString(),
  });
  run.opened = true;
  run.base = s.caseNow();
  run.interval = spec.deadline ? s.caseMsFor(spec.deadline.within) : 0;
  upsertSearchAttributes([{ key: sa.CaseWaitingOn, value: spec.role }]);
}

export async function awaitHuman(ctx: StepContext, run: HumanRun, spec: HumanSpec): Promise<HumanResult> {
  const { d, s, acts } = ctx;
  const caseId = d.caseId;
  if (!run.opened) await open(ctx, run, spec);
  for (;;) {
    const actions = spec.deadline?.onExpiry ?? [];
    const deadline = run.expiries < actions.length ? run.base + run.interval * (run.expiries + 1) : null;
    const result = await ctx.sleepUntil(deadline, () => s.completions.has(run.taskId));
    const task = d.openTasks.find((t) => t.taskId === run.taskId);
    if (result === 'woken') {
      const c = s.completions.get(run.taskId)!;
      await acts.closeTask({ caseId, taskId: run.taskId, status: 'completed', outcome: c.outcome, fields: c.fields, by: c.userId, at: s.businessIso() });
      d.openTasks = d.openTasks.filter((t) => t.taskId !== run.taskId);
      s.completions.delete(run.taskId);
      s.completed.set(run.taskId, { outcome: c.outcome });
      return { outcome: c.outcome, fields: c.fields, userId: c.userId };
    }
    const action = actions[run.expiries]!;
    run.expiries++;
    const at = s.businessIso();
    const nextDue = run.expiries < actions.length ? new Date(s.businessMomentOf(run.base + run.interval * (run.expiries + 1))).toISOString() : undefined;
    if (action.action === 'outcome') {
      await acts.closeTask({ caseId, taskId: run.taskId, status: 'expired', outcome: action.outcome, at });
      dropTask(ctx, run.taskId, 'its deadline passed');
      return { outcome: action.outcome, fields: {}, userId: null };
    }
    await ctx.active();
    if (action.action === 'escalate' && task) {
      // The task's record keeps every role it had: an escalation brings someone in, it takes no one out.
      if (!task.alsoRoles.includes(task.role)) task.alsoRoles.push(task.role);
      task.role = action.role;
      upsertSearchAttributes([{ key: sa.CaseWaitingOn, value: action.role }]);
    }
    if (task && nextDue) task.dueAt = Date.parse(nextDue);
    await acts.escalateTask({
      caseId,
      taskId: run.taskId,
      key: idempotencyKey(run.taskId, 'expiry', run.expiries),
      action: action.action,
      ...(action.action === 'escalate' ? { role: action.role } : {}),
      ...(nextDue ? { dueAt: nextDue } : {}),
      at,
    });
  }
}

/** Who may complete an open task, as definition/access.ts wants it: the role it opened with, then every role it was escalated to (the order the task's row keeps). */
export function rolesOf(task: Pick<OpenTask, 'role' | 'alsoRoles'>): Role[] {
  return [...task.alsoRoles.filter((r) => r !== task.role), task.role];
}
