// Domain errors carry an HTTP status and a code; route handlers throw them, one error
// handler answers. Refusals from the workflow (typed ApplicationFailures) map the same way.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Refusal } from '../definition/access.ts';
import { isRefusalCode, type ErrorCode, type FieldProblem } from '../definition/error-codes.ts';

export type { ErrorCode, FieldProblem };

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status() {
    return statusOf[this.code];
  }
}

/**
 * A 400. Every one names what is wrong, field by field (`details`: `{field, message}`, a
 * problem may carry more, such as the rule a definition breaks); one shape for every client.
 */
export const invalid = (message: string, details: Array<FieldProblem & Record<string, unknown>>) => new AppError('invalid', message, details);
/** A 400 about one field of the request (`body.reviewDate`); its message reads "reviewDate: what is wrong". */
export const invalidField = (field: string, message: string) => invalid(`${field.replace(/^body\./, '')}: ${message}`, [{ field, message }]);
export const notFound = (message: string) => new AppError('not-found', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const forbidden = (message: string) => new AppError('forbidden', message);
/** Throws a rule's refusal (definition/access.ts) with its rule and details. */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new AppError(refusal.code, refusal.message, { rule: refusal.rule, ...refusal.details });
}

/** Turns what the Temporal client throws into an AppError. */
export function fromTemporal(err: unknown, what: string): AppError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const type = err.cause.type;
    const code: ErrorCode = isRefusalCode(type) ? type : 'internal';
    if (code === 'invalid') return invalid(err.cause.message, requestFields(err.cause.details?.[0], err.cause.message));
    return new AppError(code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return conflict(`${what}: the case workflow is not running`);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return conflict(`${what}: a case is already running for this tenancy`);
  const message = (err as Error | undefined)?.message ?? '';
  if (/workflow execution already completed/i.test(message)) return conflict(`${what}: the case is closed`);
  return undefined;
}

const isFieldProblem = (v: unknown): v is FieldProblem =>
  typeof v === 'object' && v !== null && typeof (v as FieldProblem).field === 'string' && typeof (v as FieldProblem).message === 'string';

/**
 * The fields a workflow's invalid refusal names (workflows/refusal.ts), as fields of the
 * request: an update's argument is the request body (plus who is signed in), so `fields.note`
 * is `body.fields.note`. A refusal that names none is about the body as a whole.
 */
function requestFields(named: unknown, message: string): FieldProblem[] {
  const fields = Array.isArray(named) ? named.filter(isFieldProblem) : [];
  return fields.length ? fields.map((f) => ({ field: f.field ? `body.${f.field}` : 'body', message: f.message })) : [{ field: 'body', message }];
}

// Connection-level failures: the server is gone, restarting, or refusing connections for now.
const pgDownCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const GRPC_CANCELLED = 1;
const GRPC_INTERNAL = 13;
const GRPC_UNAVAILABLE = 14;
// What a call in flight gets when the Temporal server it talks to is killed under it.
const cutOff = /RST_STREAM|Connection dropped|stream removed|Call cancelled|connection (reset|closed)/i;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_FAILED_PRECONDITION = 9;

/**
 * A 503 for a request that failed because PostgreSQL or Temporal is down (a restart, a
 * crash): the caller may simply try again. Whatever was acknowledged before stays; a retry of
 * this request is safe (payments and messages are idempotent by reference).
 */
export function fromOutage(err: unknown): AppError | undefined {
  const temporalDown = () =>
    new AppError('unavailable', 'The case engine (Temporal) is not reachable at the moment (it may be restarting). Please try again in a moment; a retry is safe, nothing is applied twice.');
  // The update was sent but its answer never came back (the server restarted while the call
  // waited): it may have been applied, and a retry says so (updates are idempotent by key).
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return temporalDown();
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const message = typeof e.message === 'string' ? e.message : '';
    if ((typeof e.code === 'string' && pgDownCodes.has(e.code)) || /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)/i.test(message))
      return new AppError('unavailable', 'The database is not reachable at the moment (it may be restarting), so this request may not have been completed. Please try again in a moment; a retry is safe, nothing is applied twice.');
    if (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED || /^(14 UNAVAILABLE|4 DEADLINE_EXCEEDED)/.test(message)) return temporalDown();
    if ((e.code === GRPC_CANCELLED || e.code === GRPC_INTERNAL || /^(1 CANCELLED|13 INTERNAL)/.test(message)) && cutOff.test(message)) return temporalDown();
    // The case's last step did not finish (its worker died, or took too long under load) and is
    // being retried; Temporal takes no update until it has.
    if ((e.code === GRPC_FAILED_PRECONDITION || message.startsWith('9 FAILED_PRECONDITION')) && /Workflow Task in failed state/i.test(message))
      return new AppError('unavailable', 'The case engine is catching up on this case (its last step is being retried). Please try again in a moment; a retry is safe, nothing is applied twice.');
  }
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const known = err instanceof AppError ? err : (fromTemporal(err, 'request') ?? fromOutage(err));
    if (known) {
      if (known.code === 'unavailable') res.set('Retry-After', '5');
      const retryAfter = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (known.code === 'rate-limited' && retryAfter) res.set('Retry-After', String(retryAfter));
      res.status(known.status).json({ error: { code: known.code, message: known.message, ...(known.details !== undefined ? { details: known.details } : {}) } });
      return;
    }
    // Text PostgreSQL cannot store (a NUL in a CSV line, say): the input's fault, and nothing was kept.
    if ((err as { code?: string }).code === '22021' || (err as { code?: string }).code === '22P05') {
      const message = 'a text in the request holds a character that cannot be stored (such as NUL, \\u0000)';
      res.status(400).json({ error: { code: 'invalid', message, details: [{ field: 'body', message }] } });
      return;
    }
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      const message = 'the request body is not valid JSON';
      res.status(400).json({ error: { code: 'invalid', message, details: [{ field: 'body', message }] } });
      return;
    }
    if ((err as { type?: string }).type === 'entity.too.large') {
      const message = 'the request body is too large';
      res.status(413).json({ error: { code: 'invalid', message, details: [{ field: 'body', message }] } });
      return;
    }
    log.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'something went wrong on our side; it has been logged' } });
  };
}
