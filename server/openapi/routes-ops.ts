// The ops endpoints (server/ops/router.ts), documented with the ops module's own schemas.
import { BulkActionSchema, CsvQuerySchema, DashboardQuerySchema, HeatQuerySchema, MigrationPreviewSchema, MigrationRunSchema, RetryActivityParamsSchema } from '../ops/schemas.ts';
import { opsRoles } from '../../definition/access.ts';
import { json, roles, type Operation } from './operation.ts';

const ops = roles(...opsRoles);

export const opsOperations: Operation[] = [
  { method: 'get', path: '/api/ops/versions', tag: 'Ops', summary: 'Definition versions with running cases', access: ops, status: 200, response: json('{versions}'), errors: [401, 403] },
  { method: 'get', path: '/api/ops/heat', tag: 'Ops', summary: 'How many cases stand at each step of one version, and the policy holds that stop its steps with the cases waiting for each', access: ops, query: HeatQuerySchema, status: 200, response: json('heat view'), errors: [400, 401, 403] },
  { method: 'get', path: '/api/ops/dashboard', tag: 'Ops', summary: 'Weekly figures: opened, closed, outcomes, waiting', access: ops, query: DashboardQuerySchema, status: 200, response: json('dashboard'), errors: [400, 401, 403] },
  { method: 'get', path: '/api/ops/trouble', tag: 'Ops', summary: 'Cases that are stuck or failing, with links to Temporal', access: ops, status: 200, response: json('trouble list'), errors: [401, 403] },
  { method: 'get', path: '/api/ops/cases.csv', tag: 'Ops', summary: 'The filtered case list as CSV (recorded as a read of personal data)', access: ops, query: CsvQuerySchema, status: 200, errors: [400, 401, 403] },
  { method: 'post', path: '/api/ops/cases/bulk', tag: 'Ops', summary: 'Pause, resume or cancel many cases at once (checked whole first)', access: ops, body: BulkActionSchema, status: 200, response: json('result per case'), errors: [400, 401, 403] },
  {
    method: 'post',
    path: '/api/ops/cases/:id/activities/:activityId/retry',
    tag: 'Ops',
    summary: "Try a failing activity again now: Temporal's activity reset (a fresh set of attempts, the next one at once; idempotent activities never act twice); audited",
    access: ops,
    params: RetryActivityParamsSchema,
    status: 200,
    response: json('{caseId, activityId, activity, previousAttempt}'),
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'post', path: '/api/ops/migrations/preview', tag: 'Ops', summary: 'Which cases of a version can move to a later one, and where they would land', access: ops, body: MigrationPreviewSchema, status: 200, response: json('preview'), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/ops/migrations', tag: 'Ops', summary: 'Move cases to a later definition version', access: ops, body: MigrationRunSchema, status: 200, response: json('result per case'), errors: [400, 401, 403, 404] },
];
