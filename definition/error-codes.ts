// The kinds of "no" the product gives, written once. The API answers with them (server/errors.ts
// maps each to an HTTP status), the workflow refuses updates with the four that a caller can
// cause, and the web app reads them.
export const errorCodes = ['invalid', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'rate-limited', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The codes a workflow refusal carries: what the caller asked is wrong, not allowed, or clashes with the case. */
export const refusalCodes = ['invalid', 'forbidden', 'conflict', 'not-found'] as const satisfies readonly ErrorCode[];
export type RefusalCode = (typeof refusalCodes)[number];

export const isRefusalCode = (code: unknown): code is RefusalCode => (refusalCodes as readonly unknown[]).includes(code);

/**
 * What an invalid request gets wrong, one field at a time: every 400 carries these as its
 * `details`, `field` naming where in the request (`body.fields.amountCents`, `path.id`).
 */
export type FieldProblem = { field: string; message: string };
