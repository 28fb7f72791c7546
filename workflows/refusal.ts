// How the workflow says no. The type travels with the failure to the caller of an Update, and
// the server turns it into an HTTP status (invalid → 400, forbidden → 403, conflict → 409).
import { ApplicationFailure } from '@temporalio/common';
import type { RefusalCode } from '../definition/error-codes.ts';

export function refusal(type: RefusalCode, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
