// Payment arrangements: the plan a tenant and caseworker agree, its schedule, and whether it
// is realistic against the limits of the arrangement step it will run in.
import { z } from 'zod';
import { addDuration, calendarDate } from './duration.ts';
import type { FieldProblem } from './error-codes.ts';
import { formatEuro } from './templates.ts';
import type { StepOf } from './schema.ts';

export const PlanSchema = z.object({
  instalmentCents: z.number().int().positive('an instalment must be positive'),
  instalments: z.number().int().min(1, 'at least one instalment').max(60, 'at most 60 instalments'),
  interval: z.enum(['P1W', 'P2W', 'P1M']),
  firstDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the first due date is written YYYY-MM-DD'),
});
export type Plan = z.infer<typeof PlanSchema>;

export type Instalment = { index: number; dueMs: number; amountCents: number };

function nthDue(firstMs: number, interval: Plan['interval'], n: number): number {
  return addDuration(firstMs, interval === 'P1M' ? `P${n}M` : `P${(interval === 'P1W' ? 7 : 14) * n}D`);
}

/** The instalments of a plan for a balance: equal amounts, the last one takes the rest. */
export function schedule(plan: Plan, balanceCents: number): Instalment[] {
  const out: Instalment[] = [];
  let left = balanceCents;
  const first = calendarDate(plan.firstDueDate) ?? Date.parse(`${plan.firstDueDate}T00:00:00Z`);
  for (let i = 0; i < plan.instalments && left > 0; i++) {
    const amount = i === plan.instalments - 1 ? left : Math.min(plan.instalmentCents, left);
    // Counted from the first date each time, so the 31st stays the 31st where a month has one.
    out.push({ index: i, dueMs: nthDue(first, plan.interval, i), amountCents: amount });
    left -= amount;
  }
  return out;
}

/** Reasons a plan does not fit the step's limits or does not pay off the balance. */
export function planProblems(plan: Plan, step: StepOf<'arrangement'>, balanceCents: number, todayMs: number): string[] {
  return planFieldProblems(plan, step, balanceCents, todayMs).map((p) => p.message);
}

/** The same problems, each with the plan field it is about (too little to cover the balance: the instalment). */
export function planFieldProblems(plan: Plan, step: StepOf<'arrangement'>, balanceCents: number, todayMs: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (plan.instalmentCents < step.minInstalmentCents)
    problems.push({ field: 'instalmentCents', message: `the instalment of ${formatEuro(plan.instalmentCents)} is below the minimum of ${formatEuro(step.minInstalmentCents)}` });
  if (plan.instalments > step.maxInstalments) problems.push({ field: 'instalments', message: `${plan.instalments} instalments is more than the maximum of ${step.maxInstalments}` });
  if (plan.instalmentCents * plan.instalments < balanceCents)
    problems.push({ field: 'instalmentCents', message: `${plan.instalments} × ${formatEuro(plan.instalmentCents)} does not cover the balance of ${formatEuro(balanceCents)}` });
  const first = calendarDate(plan.firstDueDate);
  if (first === null) problems.push({ field: 'firstDueDate', message: `${plan.firstDueDate} is not a real date` });
  else if (first < todayMs - 86_400_000) problems.push({ field: 'firstDueDate', message: `the first instalment date ${plan.firstDueDate} lies in the past` });
  return problems;
}

/** A plan for when none was agreed: the step's interval, as few instalments as the minimum allows. */
export function defaultPlan(step: StepOf<'arrangement'>, balanceCents: number, todayMs: number): Plan {
  const byMax = Math.ceil(balanceCents / step.maxInstalments);
  const instalmentCents = Math.max(step.minInstalmentCents, byMax);
  const instalments = Math.max(1, Math.ceil(balanceCents / instalmentCents));
  const first = new Date(addDuration(todayMs, step.defaultInterval)).toISOString().slice(0, 10);
  return { instalmentCents, instalments, interval: step.defaultInterval, firstDueDate: first };
}

/** The plan a tenant proposes on their own page: an amount a month from a date, as many months as it takes. */
export function tenantPlan(p: { instalmentCents: number; firstDueDate: string }, balanceCents: number): Plan {
  return { instalmentCents: p.instalmentCents, instalments: Math.max(1, Math.ceil(balanceCents / p.instalmentCents)), interval: 'P1M', firstDueDate: p.firstDueDate };
}

/** A tenant's own plan starts within a month; a later start is for a person to agree. */
export const TENANT_FIRST_DUE_WITHIN = 'P1M';

/**
 * Why a tenant's plan cannot be accepted at once: the step's limits and the realism check staff
 * use (planFieldProblems), and a first instalment within TENANT_FIRST_DUE_WITHIN. A plan with
 * problems still reaches a caseworker, as a proposal to discuss.
 */
export function tenantPlanProblems(plan: Plan, step: StepOf<'arrangement'>, balanceCents: number, todayMs: number): FieldProblem[] {
  const problems = planFieldProblems(plan, step, balanceCents, todayMs);
  const first = calendarDate(plan.firstDueDate);
  const latest = addDuration(todayMs, TENANT_FIRST_DUE_WITHIN);
  if (first !== null && first > latest)
    problems.push({ field: 'firstDueDate', message: `the first instalment date ${plan.firstDueDate} is more than a month away (at the latest ${new Date(latest).toISOString().slice(0, 10)})` });
  return problems;
}
