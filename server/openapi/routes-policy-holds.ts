// The policy holds' endpoints (server/policy-holds/router.ts), documented with their own schemas.
import { z } from 'zod';
import { policyHoldManagers, policyHoldReaders } from '../../definition/access.ts';
import { PolicyHoldChangeSchema, PolicyHoldEndSchema, PolicyHoldInputSchema } from '../../definition/policy-holds.ts';
import { PolicyHoldListQuerySchema, PolicyHoldParamsSchema, PolicyHoldViewSchema } from '../policy-holds/schemas.ts';
import { roles, type Operation } from './operation.ts';

const tag = 'Policy holds';
const DOC = 'docs/policy-holds.md describes holds.';
const changed = z.object({ hold: PolicyHoldViewSchema, notified: z.number().int().describe('held cases told to ask again at once') });

export const policyHoldOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/policy-holds',
    tag,
    summary: 'The policy holds (?scope=current: not ended and not past their last day), each with how many open cases wait for it',
    access: roles(...policyHoldReaders),
    query: PolicyHoldListQuerySchema,
    status: 200,
    response: z.object({ holds: z.array(PolicyHoldViewSchema) }),
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/api/policy-holds/:id',
    tag,
    summary: 'One policy hold',
    access: roles(...policyHoldReaders),
    params: PolicyHoldParamsSchema,
    status: 200,
    response: z.object({ hold: PolicyHoldViewSchema }),
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/policy-holds',
    tag,
    summary: 'A new policy hold: what it stops, whom it covers, from and through which day (Amsterdam, both inclusive); audited',
    description: `${DOC} A case meets the hold when it comes to a step the hold stops, at the case's own business time.`,
    access: roles(...policyHoldManagers),
    body: PolicyHoldInputSchema,
    status: 201,
    response: z.object({ hold: PolicyHoldViewSchema }),
    errors: [400, 401, 403],
  },
  {
    method: 'patch',
    path: '/api/policy-holds/:id',
    tag,
    summary: 'Changes a hold not yet ended (a later or earlier last day, another reason …); the held cases ask again at once; audited',
    access: roles(...policyHoldManagers),
    params: PolicyHoldParamsSchema,
    body: PolicyHoldChangeSchema,
    status: 200,
    response: changed,
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/policy-holds/:id/end',
    tag,
    summary: 'Ends a hold now, before its last day: the held cases go on at once; audited',
    access: roles(...policyHoldManagers),
    params: PolicyHoldParamsSchema,
    body: PolicyHoldEndSchema,
    status: 200,
    response: changed,
    errors: [400, 401, 403, 404, 409],
  },
];
