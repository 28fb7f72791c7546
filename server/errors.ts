// Domain errors carry an HTTP status and a code; route handlers throw them, one error
// handler answers. Refusals from the workflow (typed ApplicationFailures) map the same way.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { isRefusalCode, type ErrorCode } from '../definition/error-codes.ts';

export type { ErrorCode };

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
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

export const invalid = (message: string, details?: unknown) => new AppError('invalid', message, details);
export const notFound = (message: string) => new AppError('not-found', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const forbidden = (message: string) => new AppError('forbidden', message);

/** Turns what the Temporal client throws into an AppError. */
export function fromTemporal(err: unknown, what: string): AppError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const type = err.cause.type;
    const code: ErrorCode = isRefusalCode(type) ? type : 'internal';
    return new AppError(code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return conflict(`${what}: the case workflow is not running`);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return conflict(`${what}: a case is already running for this tenancy`);
  const message = (err as Error | undefined)?.message ?? '';
  if (/workflow execution already completed/i.test(message)) return conflict(`${what}: the case is closed`);
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const known = err instanceof AppError ? err : fromTemporal(err, 'request');
    if (known) {
      res.status(known.status).json({ error: { code: known.code, message: known.message, ...(known.details !== undefined ? { details: known.details } : {}) } });
      return;
    }
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid', message: 'the request body is not valid JSON' } });
      return;
    }
    if ((err as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'invalid', message: 'the request body is too large' } });
      return;
    }
    log.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'something went wrong on our side; it has been logged' } });
  };
}
