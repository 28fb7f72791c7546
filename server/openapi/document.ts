// The OpenAPI 3.1 document, generated from the zod schemas the routers parse with (through
// routes.ts). Built once per process: it depends on code only.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { roles as roleVocabulary } from '../../definition/catalog.ts';
import { errorCodes } from '../../definition/error-codes.ts';
import type { ErrorStatus, Operation } from './operation.ts';
import { operations } from './routes.ts';

const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().describe('What is wrong, naming the field (body.x, query.y, path.id) for invalid input'),
    details: z
      .union([z.array(z.object({ field: z.string().describe('body.x, query.y, path.id; body for the body as a whole'), message: z.string() }).loose()), z.unknown()])
      .optional()
      .describe('For a 400 always a list, one entry per wrong field (an entry may say more, such as the rule a definition breaks); for other statuses what the refusal is about'),
  }),
});

const errorText: Record<ErrorStatus, string> = {
  400: 'Invalid input; the message names every wrong field, and details lists them ({field, message})',
  401: 'Not signed in',
  403: 'Signed in without a role this needs (or, for tasks, a claim or the four-eyes rule)',
  404: 'Unknown id',
  409: 'Conflicts with the current state (for example a closed task or case)',
  413: 'The body is too large',
  429: 'Too many failed sign-ins on this account or from this address; Retry-After says when to try again',
  503: 'The case engine did not answer in time; nothing was applied twice',
};

/** Express's /a/:id to OpenAPI's /a/{id}. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function route(op: Operation, errorRef: z.ZodType): RouteConfig {
  const responses: RouteConfig['responses'] = {
    [op.status]: op.response
      ? { description: 'Success', content: { 'application/json': { schema: op.response } } }
      : op.responseFile
        ? { description: 'Success: the file', content: { [op.responseFile]: { schema: z.string().describe('binary') } } }
        : { description: 'Success, no content' },
  };
  for (const status of op.errors) responses[status] = { description: errorText[status], content: { 'application/json': { schema: errorRef } } };
  const who = op.access.public ? 'Anyone' : op.access.roles === 'any' ? 'Any signed-in user' : `Roles: ${op.access.roles.join(', ')}`;
  return {
    method: op.method,
    path: openApiPath(op.path),
    tags: [op.tag],
    summary: op.summary,
    description: [who, op.description].filter(Boolean).join('. '),
    ...(op.access.public ? { security: [] } : {}),
    'x-roles': op.access.public ? 'public' : op.access.roles,
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.body ? { body: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      ...(op.bodyIsCsv
        ? {
            body: {
              required: true,
              content: {
                'text/csv': { schema: z.string().describe('The bank statement as exported (CSV)') },
                'application/xml': { schema: z.string().describe('A CAMT.053 statement (ISO 20022)') },
                'application/octet-stream': { schema: z.string().describe('An MT940 statement') },
              },
            },
          }
        : {}),
    },
    responses,
  };
}

let built: unknown;

export function openApiDocument(): unknown {
  if (built) return built;
  const registry = new OpenAPIRegistry();
  // Inlined rather than registered as a component: a component needs zod's prototype
  // extended (extendZodWithOpenApi), a global change this one document is not worth.
  const errorRef = ErrorSchema;
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'arrears_session' });
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'The session token of the cookie POST /api/auth/login sets, for scripts that send it as a header' });
  for (const op of operations) registry.registerPath(route(op, errorRef));
  built = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Huurincasso API',
      version: '1',
      description: [
        'The durable case engine for rent-arrears collection: cases, the task inbox, approvals, payments, process definitions.',
        'Sign in with POST /api/auth/login; the session is an HttpOnly cookie (a script may send its value as a Bearer header). A change (POST, PUT, PATCH, DELETE) must send JSON or CSV and, from a browser, come from the app itself. A session ends after 30 minutes without a request, and after 12 hours in any case.',
        `Roles: ${roleVocabulary.ids.map((r) => `${r} (${roleVocabulary.labels[r].nl})`).join(', ')}.`,
        'Amounts are in euro cents. Times of case events are business times (they run ahead of the calendar for a case on a time scale).',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { bearer: [] }],
  });
  return built;
}
