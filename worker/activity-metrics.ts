// An activity interceptor that counts attempts and failures and times them, and logs a failed
// attempt with its case id. Activities stay free of metric code; every activity passes through
// here, the read-model writes of runs that still make them as local activities included.
import { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import type { Logger } from 'pino';
import { activityDuration, activityExecutions, activityFailures } from '../server/metrics/process-metrics.ts';
import { redact } from '../server/redact.ts';

function caseIdOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (first && typeof first === 'object' && 'caseId' in first && typeof first.caseId === 'string') return first.caseId;
  return undefined;
}

class ActivityMetrics implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly log?: Logger,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const activity = this.ctx.info.activityType;
    const end = activityDuration.startTimer({ activity });
    try {
      const result = await next(input);
      activityExecutions.inc({ activity, result: 'ok' });
      return result;
    } catch (err) {
      activityExecutions.inc({ activity, result: 'failed' });
      activityFailures.inc({ activity });
      this.log?.warn(
        { caseId: caseIdOf(input.args), activity, attempt: this.ctx.info.attempt, local: this.ctx.info.isLocal, error: redact((err as Error)?.message ?? String(err)).slice(0, 500) },
        'activity attempt failed; Temporal retries it',
      );
      throw err;
    } finally {
      end();
    }
  }
}

export function activityMetricsInterceptor(log?: Logger): ActivityInterceptorsFactory {
  return (ctx) => ({ inbound: new ActivityMetrics(ctx, log) });
}
