// The forms behind human steps: which fields an outcome asks for and how their values are
// checked. The inbox renders these specs; the server and the workflow validate with them.
import { z } from 'zod';
import { calendarDate } from './duration.ts';
import type { FieldProblem } from './error-codes.ts';
import type { ApprovalLevel, Field, TaskOutcome } from './schema.ts';

export const planFields: Field[] = [
  { id: 'instalmentCents', label: 'Bedrag per termijn', type: 'money', required: true },
  { id: 'instalments', label: 'Aantal termijnen', type: 'number', required: true },
  { id: 'interval', label: 'Elke', type: 'choice', required: true, options: ['P1W', 'P2W', 'P1M'] },
  { id: 'firstDueDate', label: 'Eerste termijn op', type: 'date', required: true },
];

/** All fields an outcome asks for: its own, plus the plan when it agrees an arrangement. */
export function outcomeFields(outcome: TaskOutcome): Field[] {
  return outcome.arrangement ? [...outcome.fields, ...planFields] : outcome.fields;
}

export type ApprovalDecision = 'propose' | 'withdraw' | 'approve' | 'reject';

/** The outcomes a person can choose at one level of an approval, with their fields. */
export function approvalOutcomes(level: ApprovalLevel, subject: 'forgiveness' | 'proceed'): TaskOutcome[] {
  const reason = (required: boolean): Field => ({ id: 'reason', label: 'Motivering', type: 'longtext', required });
  if (level.proposes) {
    const amount: Field[] = subject === 'forgiveness' ? [{ id: 'amountCents', label: 'Kwijt te schelden bedrag', type: 'money', required: true }] : [];
    return [
      { id: 'propose', label: 'Voorstel indienen', arrangement: false, fields: [...amount, reason(true)] },
      { id: 'withdraw', label: 'Geen voorstel', arrangement: false, fields: [reason(true)] },
    ];
  }
  const adjust: Field[] = level.mayAdjust && subject === 'forgiveness' ? [{ id: 'amountCents', label: 'Aangepast bedrag (optioneel)', type: 'money', required: false }] : [];
  return [
    { id: 'approve', label: 'Akkoord', arrangement: false, fields: [...adjust, reason(false)] },
    { id: 'reject', label: 'Afwijzen', arrangement: false, fields: [reason(true)] },
  ];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fieldSchema(field: Field): z.ZodType {
  const label = `${field.label} (${field.id})`;
  switch (field.type) {
    case 'text':
    case 'longtext':
      return z.string({ error: `${label} must be text` }).trim().min(1, `${label} is required`).max(field.type === 'text' ? 500 : 10_000);
    case 'number':
      return z.number({ error: `${label} must be a number` }).finite();
    case 'money':
      return z.number({ error: `${label} must be an amount in cents` }).int(`${label} must be whole cents`).min(0, `${label} cannot be negative`);
    case 'date':
      return z
        .string({ error: `${label} must be a date` })
        .regex(DATE, `${label} must be a date written YYYY-MM-DD`)
        .refine((d) => calendarDate(d) !== null, `${label} is not a real date`);
    case 'yes-no':
      return z.boolean({ error: `${label} must be yes or no` });
    case 'choice':
      return z.enum((field.options ?? ['']) as [string, ...string[]], { error: `${label} must be one of ${(field.options ?? []).join(', ')}` });
  }
}

function checkFields(fields: Field[], values: Record<string, unknown>) {
  const problems: FieldProblem[] = [];
  const clean: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.id];
    const empty = raw === undefined || raw === null || raw === '';
    if (empty) {
      if (field.required) problems.push({ field: field.id, message: `${field.label} (${field.id}) is required` });
      continue;
    }
    const result = fieldSchema(field).safeParse(raw);
    if (result.success) clean[field.id] = result.data;
    else problems.push({ field: field.id, message: result.error.issues[0]?.message ?? `${field.id} is invalid` });
  }
  const unknown = Object.keys(values).filter((k) => !fields.some((f) => f.id === k));
  for (const k of unknown) problems.push({ field: k, message: `there is no field "${k}" for this outcome` });
  return { problems, clean };
}

/** Checks submitted values against the fields; returns the clean values or the errors. */
export function checkFieldValues(fields: Field[], values: Record<string, unknown>): { ok: true; values: Record<string, unknown> } | { ok: false; errors: string[] } {
  const { problems, clean } = checkFields(fields, values);
  return problems.length ? { ok: false, errors: problems.map((p) => p.message) } : { ok: true, values: clean };
}

/** The same checks, each problem with the id of the field it is about (a value for no field: its key). */
export function fieldValueProblems(fields: Field[], values: Record<string, unknown>): FieldProblem[] {
  return checkFields(fields, values).problems;
}
