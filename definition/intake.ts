// The rent ledger's intake (server/intake/), what the server and the web app share: what a line
// of the arrears list can come to, and when the daily intake opens a case: arrears of at least an amount, unpaid
// for at least a number of days since the oldest unpaid due date. Set per definition on its start
// step, so a policy owner decides it with the ladder; the server's intake (server/intake/) and
// the designer's start form read it here.
import { z } from 'zod';

export const IntakeThresholdSchema = z.object({
  minArrearsCents: z.number({ error: 'minArrearsCents must be a number of cents' }).int('minArrearsCents must be whole cents').min(1, 'minArrearsCents is at least 1 cent').max(10_000_000),
  minDaysOverdue: z.number({ error: 'minDaysOverdue must be a number of days' }).int('minDaysOverdue must be whole days').min(0).max(365, 'minDaysOverdue is at most 365'),
});
export type IntakeThreshold = z.infer<typeof IntakeThresholdSchema>;

/** What a line of the arrears list came to (docs/intake.md); `pending` while it waits its turn. */
export const intakeOutcomes = ['pending', 'opened', 'prevention', 'rent-due', 'unchanged', 'ledger-cleared', 'below-threshold', 'no-arrears', 'skipped', 'invalid'] as const;
export type IntakeOutcome = (typeof intakeOutcomes)[number];

/** Without a threshold on the start step: any arrears past their due date (the domain's "a case opens when rent is unpaid past the due date"). */
export const DEFAULT_INTAKE_THRESHOLD: IntakeThreshold = { minArrearsCents: 1, minDaysOverdue: 1 };

type StartLike = { kind: string; trigger?: string; intake?: IntakeThreshold | undefined };

export function intakeThresholdOf(definition: { steps: readonly StartLike[] }): IntakeThreshold {
  const start = definition.steps.find((s) => s.kind === 'start' && (s.trigger ?? 'case-opened') === 'case-opened');
  return start?.intake ?? DEFAULT_INTAKE_THRESHOLD;
}

/** Whole days from the oldest unpaid due date to the ledger's date (both YYYY-MM-DD). */
export const daysOverdue = (oldestDueDate: string, asOf: string) => Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${oldestDueDate}T00:00:00Z`)) / 86_400_000);

/** Why arrears open no case yet, or null when they do. */
export function belowThreshold(arrearsCents: number, oldestDueDate: string, asOf: string, t: IntakeThreshold): string | null {
  const days = daysOverdue(oldestDueDate, asOf);
  if (arrearsCents < t.minArrearsCents) return `arrears below the threshold of ${(t.minArrearsCents / 100).toFixed(2)} euro`;
  if (days < t.minDaysOverdue) return `overdue ${days} day(s), the threshold is ${t.minDaysOverdue}`;
  return null;
}
