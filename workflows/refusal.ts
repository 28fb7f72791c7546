// How the workflow says no. The type travels with the failure to the caller of an Update, and
// the server turns it into an HTTP status (invalid → 400, forbidden → 403, conflict → 409).
import { ApplicationFailure } from '@temporalio/common';

export const refusalTypes = ['invalid', 'forbidden', 'conflict', 'not-found'] as const;
export type RefusalType = (typeof refusalTypes)[number];

export function refusal(type: RefusalType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
