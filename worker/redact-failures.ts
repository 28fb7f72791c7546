// An activity interceptor that redacts every failure an activity throws before the SDK turns
// it into a Failure for the history: its message and stack trace are stored as they are, not
// encrypted by the payload codec, and the SDK logs them too ("Activity failed"). Adapters
// redact what they know of a case (activities/send-message.ts); this is the net for the rest
// (a database error quoting a row, a partner's 5xx body).
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { redactError } from '../server/redact.ts';

class RedactFailures implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (err) {
      throw redactError(err);
    }
  }
}

export function redactFailuresInterceptor(): ActivityInterceptorsFactory {
  return () => ({ inbound: new RedactFailures() });
}
