// The outcome analytics endpoints (server/analytics/router.ts), with the module's own schemas.
import { analyticsReaders } from '../../definition/access.ts';
import { ComparisonCsvQuerySchema, ComparisonQuerySchema, OutcomesCsvQuerySchema, OutcomesQuerySchema } from '../analytics/schemas.ts';
import { json, roles, type Operation } from './operation.ts';

const readers = roles(...analyticsReaders);
const rates = 'Every share is {k, n, rate, low, high, tooFew}: a Wilson 95% interval, and tooFew under 30 cases (then never ranked or coloured).';

export const analyticsOperations: Operation[] = [
  { method: 'get', path: '/api/analytics/versions', tag: 'Analytics', summary: 'Definition versions with how many closed cases each has', access: readers, status: 200, response: json('{versions}'), errors: [401, 403] },
  {
    method: 'get',
    path: '/api/analytics/outcomes',
    tag: 'Analytics',
    summary: 'What works in one version: per step (paid in full, arrangement, contact within 7/14/30 days; median days to payment), per channel (response within 14 days), arrangements kept by length and amount',
    description: `Over the closed cases of the version that started (opened) in [from, to). ${rates}`,
    access: readers,
    query: OutcomesQuerySchema,
    status: 200,
    response: json('{definition, period, overall, steps, channels, arrangements}'),
    errors: [400, 401, 403, 404],
  },
  { method: 'get', path: '/api/analytics/outcomes.csv', tag: 'Analytics', summary: 'One table of the outcomes (steps, channels or arrangements) as CSV', access: readers, query: OutcomesCsvQuerySchema, status: 200, errors: [400, 401, 403, 404] },
  {
    method: 'get',
    path: '/api/analytics/comparison',
    tag: 'Analytics',
    summary: 'Version A against version B of one definition over cases that started in the same period, overall and per step',
    description: `Each figure of B minus A with Newcombe's 95% interval and a verdict (higher, lower, no-difference; none under 30 cases). ${rates}`,
    access: readers,
    query: ComparisonQuerySchema,
    status: 200,
    response: json('{versions, cases, overall, steps}'),
    errors: [400, 401, 403, 404],
  },
  { method: 'get', path: '/api/analytics/comparison.csv', tag: 'Analytics', summary: 'The version comparison as CSV', access: readers, query: ComparisonCsvQuerySchema, status: 200, errors: [400, 401, 403, 404] },
];
