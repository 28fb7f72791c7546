// How the workflow says no. The type travels with the failure to the caller of an Update, and
// the server turns it into an HTTP status (invalid → 400, forbidden → 403, conflict → 409).
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { Refusal } from '../definition/access.ts';
import type { FieldProblem, RefusalCode } from '../definition/error-codes.ts';
import type { CaseState } from './case-state.ts';
import { InvalidPayload, parsePayload } from './messages.ts';

/**
 * A refusal; one about the caller's input names the fields it is about (paths in the update's
 * argument, `fields.amountCents`), carried as the failure's details so the API can answer a
 * 400 that names them. They are part of the update's answer only: no command changes.
 */
export function refusal(type: RefusalCode, message: string, fields?: FieldProblem[]): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, ...(fields?.length ? { details: [fields] } : {}) });
}

/** An invalid refusal about fields of a task's form (`fields.<id>` in the update's argument). */
export function invalidFields(message: string, problems: FieldProblem[]): ApplicationFailure {
  return refusal('invalid', message, problems.map((p) => ({ field: `fields.${p.field}`, message: p.message })));
}

/** Parses an update's payload or refuses it as invalid, naming every wrong field. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  try {
    return parsePayload(schema, input);
  } catch (err) {
    if (err instanceof InvalidPayload) throw refusal('invalid', err.message, err.fields);
    throw err;
  }
}

/** Refuses with what definition/access.ts decided, when it refused. */
export function refuse(r: Refusal | null): void {
  if (r) throw refusal(r.code, r.message);
}

export function whileOpen(s: CaseState): void {
  if (s.data.phase === 'closed') throw refusal('conflict', `the case is closed (${s.data.outcome ?? 'closed'})`);
}
