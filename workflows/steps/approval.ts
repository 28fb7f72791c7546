// An approval: one task per level, each decided by a different person (the update validator
// enforces four eyes); a rejection ends it. A forgiveness proposed on the case page enters
// with its first level decided (workflows/forgiveness.ts). A forgiveness approval lowers the
// balance by the approved amount once every level agreed.
import { approvalOutcomes } from '../../definition/forms.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { StepRun } from '../case-data.ts';
import type { HumanResult, StepContext } from '../step-context.ts';
import type { StepRunner } from './runner.ts';

type Run = Extract<StepRun, { kind: 'approval' }>;

/**
 * One level's decision: a person's, in a task; or, for the proposal, the one made on the case
 * page. It hands back the task's own promise (no await of its own), so cases recorded before
 * it replay step for step.
 */
function decision(step: StepOf<'approval'>, run: Run, ctx: StepContext): Promise<HumanResult> {
  const level = step.levels[run.level]!;
  if (run.level === 0 && run.given) return Promise.resolve({ outcome: 'propose', fields: { amountCents: run.given.amountCents, reason: run.given.reason }, userId: run.given.userId });
  run.human ??= ctx.newHuman(ctx.key('approval', run.level));
  return ctx.human(run.human, {
    stepId: step.id,
    title: `${step.name}: ${level.label}`,
    kind: 'approval',
    role: level.role,
    outcomes: approvalOutcomes(level, step.subject).map((o) => ({ id: o.id, label: o.label, arrangement: false, fields: o.fields })),
    deadline: level.deadline,
    approval: { stepId: step.id, level: run.level, levelId: level.id, levels: step.levels.length, subject: step.subject },
  });
}

export const approvalRunner: StepRunner<StepOf<'approval'>> = {
  async run(step, ctx) {
    const { d, s } = ctx;
    const run = ctx.stepRun<'approval'>(() => ({ kind: 'approval', level: 0, proposal: null, human: null }));
    while (run.level < step.levels.length) {
      const level = step.levels[run.level]!;
      const result = await decision(step, run, ctx);
      const amountCents = typeof result.fields.amountCents === 'number' ? result.fields.amountCents : undefined;
      const reason = typeof result.fields.reason === 'string' ? result.fields.reason : undefined;
      const record = {
        stepId: step.id,
        visit: d.current!.visit,
        level: run.level,
        levelId: level.id,
        role: level.role,
        userId: result.userId ?? 'deadline',
        decision: result.outcome,
        ...(amountCents !== undefined ? { amountCents } : {}),
        ...(reason !== undefined ? { reason } : {}),
        at: s.businessNow(),
      };
      d.approvals.push(record);
      await ctx.record('approval-decision', ctx.key('approval', run.level, 'decision'), {
        by: record.userId,
        data: { level: level.id, role: level.role, decision: result.outcome, amountCents, reason, previousAmountCents: run.proposal?.amountCents },
      });
      if (result.outcome === 'reject' || result.outcome === 'withdraw') return 'rejected';
      if (result.outcome === 'propose') run.proposal = { amountCents, reason };
      else if (amountCents !== undefined && run.proposal) run.proposal.amountCents = amountCents;
      run.level++;
      run.human = null;
      delete run.given;
    }
    if (step.subject === 'forgiveness') {
      const amount = Math.max(0, Math.min(run.proposal?.amountCents ?? 0, d.balanceCents));
      d.balanceCents -= amount;
      d.forgivenCents += amount;
      ctx.upsertStatus();
      await ctx.record('forgiven', ctx.key('forgiven'), { data: { amountCents: amount }, patch: { balance: s.balancePatch() } });
    }
    return 'approved';
  },
  waitingOn: (step, d) => step.levels[d.current?.run?.kind === 'approval' ? d.current.run.level : 0]?.role ?? step.levels[0]!.role,
  passesSilently: false,
  leavesWhenPaid: true,
};
