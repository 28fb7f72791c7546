// How the workflow says no. The type travels with the failure to the caller of an Update, and
// the server turns it into an HTTP status (invalid → 400, forbidden → 403, conflict → 409).
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import type { Refusal } from '../definition/access.ts';
import type { RefusalCode } from '../definition/error-codes.ts';
import type { CaseState } from './case-state.ts';
import { InvalidPayload, parsePayload } from './messages.ts';

export function refusal(type: RefusalCode, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** Parses an update's payload or refuses it as invalid, naming every wrong field. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  try {
    return parsePayload(schema, input);
  } catch (err) {
    if (err instanceof InvalidPayload) throw refusal('invalid', err.message);
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
