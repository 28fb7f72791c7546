// The run-time legal check the loop runs before every step whose kind has requirements
// (definition/steps/*: `requires`), over the facts this case recorded. A failing check holds
// the case for a person: the team lead records what is missing and has it checked again, or
// stops the case. Where the missing fact is a person's own judgement (the household
// assessment of rule 8), the review task itself records it.
import { patched } from '@temporalio/workflow';
import { costsAllowedFrom } from '../definition/fourteen-day-deadline.ts';
import { factLabels, runtimeViolations, type Fact, type Requirement } from '../definition/legal.ts';
import type { Step } from '../definition/schema.ts';
import { kindOf } from '../definition/steps/index.ts';
import type { OpenTask } from './case-data.ts';
import type { StepContext } from './step-context.ts';
import { Interrupt } from './interrupt.ts';

/** Facts the review task can record itself: the person doing the review is the one who judges. */
const recordedInReview: Partial<Record<Fact, OpenTask['outcomes'][number]>> = {
  'household-assessed': {
    id: 'household-assessed',
    label: 'Gezinssituatie beoordeeld: doorgaan',
    arrangement: false,
    fields: [{ id: 'assessment', label: 'Beoordeling (wat is er met de kinderen besproken of geregeld?)', type: 'longtext', required: true }],
  },
};

/**
 * The requirements the gate checks for a step. Both guards below keep cases that ran before
 * these checks existed replaying as they ran (their histories have no marker).
 */
function requirementsAt(step: Step): Requirement[] {
  if (step.kind === 'end' && !patched('legal-gate-before-end')) return [];
  const all = kindOf(step).requires(step);
  if (!all.some((r) => r.rule === 'household-assessment')) return all;
  return patched('rule-8-household-assessment') ? all : all.filter((r) => r.rule !== 'household-assessment');
}

export function hasRequirements(step: Step): boolean {
  return kindOf(step).requires(step).length > 0;
}

/**
 * A step that needs the 14-day period (collection costs) waits, before any check, until the
 * pay-by date printed on the letter has passed: printed letters wait for their batch and the
 * post, so a fixed number of days after sending is not enough. Cases from before it replay without.
 */
async function untilPayByPassed(ctx: StepContext, requirements: Requirement[]) {
  const { d, s } = ctx;
  const sent = d.facts['fourteen-day-letter'];
  if (sent === undefined || !requirements.some((r) => r.needs.includes('fourteen-day-period')) || !patched('fourteen-day-pay-by')) return;
  const from = costsAllowedFrom(sent);
  while (s.businessNow() < from) await ctx.sleepUntil(s.caseMomentOf(from), () => false);
}

export async function legalGate(ctx: StepContext, step: Step) {
  const { d, s } = ctx;
  const requirements = requirementsAt(step);
  await untilPayByPassed(ctx, requirements);
  for (;;) {
    const violations = runtimeViolations(requirements, d.facts, s.businessNow());
    if (violations.length === 0) {
      if (d.blocked) {
        d.blocked = null;
        ctx.upsertStatus();
      }
      return;
    }
    const first = violations[0]!;
    const run = ctx.stepRun<'blocked'>(() => ({ kind: 'blocked', human: null, round: ++d.legalBlocks }));
    if (!d.blocked) {
      d.blocked = { stepId: step.id, rule: first.rule, missing: first.missing };
      ctx.upsertStatus();
      await ctx.record('legal-block', ctx.key('legal-block', run.round), { data: { violations }, patch: { status: s.statusPatch() }, passed: ctx.passed() });
    }
    run.human ??= ctx.newHuman(ctx.key('legal-block', run.round, 'task'));
    const ownOutcomes = first.missing.flatMap((f) => recordedInReview[f] ?? []);
    const result = await ctx.human(run.human, {
      stepId: step.id,
      title: `Juridische controle blokkeert "${step.name}"`,
      kind: 'legal-review',
      role: 'team-lead',
      instructions: `Voor deze stap ontbreekt: ${first.missing.map((f) => factLabels[f].nl).join('; ')}. Leg het ontbrekende vast (bijvoorbeeld een contactmoment) en controleer opnieuw, of stop de zaak.`,
      outcomes: [
        ...ownOutcomes,
        { id: 'recheck', label: 'Opnieuw controleren', arrangement: false, fields: [] },
        { id: 'stop', label: 'Zaak stoppen', arrangement: false, fields: [{ id: 'reason', label: 'Reden', type: 'longtext', required: true }] },
      ],
    });
    run.human = null;
    d.blocked = null;
    d.current!.run = null;
    const recorded = Object.entries(recordedInReview).find(([, o]) => o.id === result.outcome)?.[0] as Fact | undefined;
    if (recorded) s.establish([recorded]);
    ctx.upsertStatus();
    await ctx.record('legal-block-lifted', ctx.key('legal-block-lifted', run.round), {
      by: result.userId ?? undefined,
      data: { decision: result.outcome },
      patch: { status: s.statusPatch() },
    });
    if (result.outcome === 'stop') {
      d.cancelled = { reason: String(result.fields.reason ?? 'stopped after a legal check'), by: result.userId ?? 'system' };
      throw new Interrupt('cancelled');
    }
  }
}
