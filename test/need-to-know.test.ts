// Need-to-know: every endpoint of the OpenAPI document called as every role, on a case of the
// caller's own team and on another team's case, answers exactly the expected status, and no
// refused answer carries a tenant's data. Teams scope the case list, the inbox and payment
// approvals to their postcode areas; admin and policy owner read no tenant's data at all; ops
// sees ids, steps and amounts in lists and a name only by opening a case, which is recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../definition/catalog.ts';
import type { DefinitionInput } from '../definition/schema.ts';
import { demoUsers } from '../server/db/seed.ts';
import type { Operation } from '../server/openapi/operation.ts';
import { operations } from '../server/openapi/routes.ts';
import { openTask } from './support/cases.ts';
import { startHarness, type Api, type ApiResponse, type Harness } from './support/harness.ts';

let h: Harness;
const as: Record<string, Api> = {};
const userId: Record<string, string> = {};

// Two teams: noord works postcodes 3500-3549 (sanne, mark), zuid 3550-3599 (tom). Everyone
// else is in no team and sees both cases.
const tenants = {
  noord: { name: 'Anna Noorderlicht', phone: '+31612340001', email: 'anna.noorderlicht@example.nl', street: 'Lindelaan 4', postalCode: '3511 AB' },
  zuid: { name: 'Bram Zuidema', phone: '+31612340002', email: 'bram.zuidema@example.nl', street: 'Eikenweg 9', postalCode: '3581 CD' },
} as const;
type TeamName = keyof typeof tenants;
const teamOf: Partial<Record<string, TeamName>> = { sanne: 'noord', mark: 'noord', tom: 'zuid' };
const personalData = Object.values(tenants).flatMap((t) => [t.name, t.phone, t.email, t.street, t.name.split(' ')[1]!]);

type Fixture = { caseId: string; taskId: string; requestId: string; reference: string };
const fixtures = {} as Record<TeamName, Fixture>;
const definitionId = `ntk-${randomUUID().slice(0, 8)}`;

function callProcess(id: string): DefinitionInput {
  return {
    id,
    name: 'Bellen en afsluiten',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'end' } },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

async function openCaseIn(team: TeamName, by: string) {
  const t = tenants[team];
  const reference = `NTK-${team.toUpperCase()}-${randomUUID().slice(0, 6)}`;
  return await as[by]!.post('/api/cases', {
    tenancy: { reference, street: t.street, postalCode: t.postalCode, city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: t.name, phone: t.phone, email: t.email },
    arrearsCents: 90_000,
    dueDate: '2026-11-01',
    definitionId,
  });
}

beforeAll(async () => {
  // Its own database: the team memberships given here must not scope other files' demo users.
  h = await startHarness({ ownDatabase: true });
  for (const u of demoUsers) {
    as[u.username] = await h.as(u.username);
    userId[u.username] = (await as[u.username]!.get('/api/auth/me')).body.user.id;
  }
  expect((await as.eva!.post('/api/definitions/publish', { definition: callProcess(definitionId), note: 'need-to-know' })).status).toBe(201);
  for (const [id, areas, members] of [
    ['noord', [{ from: 3500, to: 3549 }], ['sanne', 'mark']],
    ['zuid', [{ from: 3550, to: 3599 }], ['tom']],
  ] as const) {
    const res = await as.admin!.call('PUT', `/api/teams/${id}`, { name: `Team ${id}`, areas, members: members.map((m) => userId[m]) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  for (const [team, by] of [
    ['noord', 'sanne'],
    ['zuid', 'tom'],
  ] as const) {
    const opened = await openCaseIn(team, by);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.case.id as string;
    const task = await openTask(h, caseId, 'call');
    const payment = await as[by]!.post(`/api/cases/${caseId}/payments`, { reference: `BANK-${randomUUID().slice(0, 8)}`, amountCents: 30_000, reason: 'overboeking gezien in de bank' });
    expect(payment.status, JSON.stringify(payment.body)).toBe(202);
    fixtures[team] = { caseId, taskId: task.id, requestId: payment.body.request.id, reference: opened.body.case.tenancyReference };
  }
});
afterAll(async () => h?.stop());

// --- The matrix --------------------------------------------------------------------------------

/** Which fixture an endpoint's `:id` names: a case, a task or a payment request; none for the rest. */
function subjectOf(op: Operation): keyof Omit<Fixture, 'reference'> | null {
  if (op.path.startsWith('/api/cases/:id')) return 'caseId';
  if (op.path.startsWith('/api/tasks/:id')) return 'taskId';
  if (op.path.startsWith('/api/payment-requests/:id')) return 'requestId';
  return null;
}

// Ids for the other endpoints: real where reading one is harmless, made up where acting on one
// would change something (a user, a grant, a team), so those answer 404.
const otherIds: Record<string, string> = { handoverId: 'no-such-handover', version: '1' };
function idFor(op: Operation): string {
  if (op.path.startsWith('/api/definitions/')) return definitionId;
  if (op.path.startsWith('/api/templates/')) return op.method === 'get' ? 'betalingsherinnering' : 'no-such-template';
  if (op.path.startsWith('/api/teams/')) return 'no-such-team';
  return randomUUID();
}

function url(op: Operation, subject: string | null): string {
  return op.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(name === 'id' ? (subject ?? idFor(op)) : (otherIds[name] ?? 'x')));
}

/**
 * What a request with a wrong body answers: every endpoint that takes one gets `[]` (a JSON
 * array where an object is expected, or no CSV), so nothing is ever changed by the walk.
 */
const takesBody = (op: Operation) => op.body !== undefined || op.bodyIsCsv === true;

/** The status an allowed caller gets from an endpoint, where it is not its documented success. */
const allowedStatus: Record<string, number> = {
  // Made-up ids: nothing to find.
  'GET /api/dry-runs/:id': 404,
  'POST /api/dry-runs/:id/stop': 404,
  'POST /api/users/:id/unlock': 404,
  'POST /api/users/:id/second-factor/reset': 404,
  'POST /api/role-grants/:id/confirm': 404,
  'POST /api/role-grants/:id/reject': 404,
  'DELETE /api/teams/:id': 404,
  'DELETE /api/definitions/:id/draft': 404,
  'GET /api/definitions/:id/draft': 404,
  'DELETE /api/templates/:id': 404,
  'POST /api/ops/cases/:id/activities/:activityId/retry': 404,
  'GET /api/intake/runs/:id': 404,
  'POST /api/prevention/campaigns/:id/run': 404,
  'DELETE /api/prevention/campaigns/:id': 404,
  'GET /api/policy-holds/:id': 404,
  // A made-up day ('x') and message id: refused as input, so the walk never makes a print batch
  // (letters.test.ts reads real ones, and refuses a team member a batch with other areas' letters).
  'GET /api/letters/batches/:date.pdf': 400,
  'POST /api/letters/batches/:date/handed-over': 400,
  'GET /api/outbox/:id/letter.pdf': 400,
  // A batch's id is a number, so a made-up uuid is refused as input; no signal waits in this
  // database, so making a batch finds nothing (municipality-signal.test.ts makes and reads real ones).
  'GET /api/municipality-signals/batches/:id/export': 400,
  'POST /api/municipality-signals/batches': 409,
  // A query that is required and not given.
  'GET /api/definitions/:id/diff': 400,
  'GET /api/ops/heat': 400,
  'GET /api/analytics/outcomes': 400,
  'GET /api/analytics/outcomes.csv': 400,
  'GET /api/analytics/comparison': 400,
  'GET /api/analytics/comparison.csv': 400,
  // Checking a definition answers its problems, also for one that is no definition at all.
  'POST /api/definitions/validate': 200,
  // The walk gives every claim back at once (see below), so there is never one to give back.
  'POST /api/tasks/:id/unclaim': 409,
};

function expectedStatus(op: Operation, username: string, target: TeamName | null): number {
  const name = `${op.method.toUpperCase()} ${op.path}`;
  const team = teamOf[username];
  // Outside one's own areas a case does not exist, whatever one's roles.
  if (target && team && target !== team) return 404;
  if (op.access.public) return op.status;
  const roles = demoUsers.find((u) => u.username === username)!.roles;
  if (op.access.roles !== 'any' && !roles.some((r: Role) => (op.access as { roles: Role[] }).roles.includes(r))) return 403;
  if (allowedStatus[name] !== undefined) return allowedStatus[name];
  if (takesBody(op)) return 400;
  // A task is claimed by those of its own role (here the caseworker's call); a colleague of
  // another task role is refused by the task, not by the endpoint.
  if (name === 'POST /api/tasks/:id/claim' && !roles.includes('caseworker')) return 403;
  return op.status;
}

type Call = { name: string; username: string; target: TeamName | null; expected: number; res: ApiResponse };
const calls: Call[] = [];

describe('every endpoint as every role, on its own team\'s case and on another team\'s', () => {
  test('each answers exactly the expected status', async () => {
    const guarded = operations.filter((op) => !op.access.public);
    for (const u of demoUsers) {
      for (const op of guarded) {
        const subject = subjectOf(op);
        for (const target of subject ? (['noord', 'zuid'] as const) : [null]) {
          const name = `${op.method.toUpperCase()} ${op.path}`;
          const body = op.bodyIsCsv ? '' : takesBody(op) ? [] : op.method === 'get' || op.method === 'delete' ? undefined : {};
          const headers: Record<string, string> = op.bodyIsCsv ? { 'content-type': 'text/csv' } : {};
          const res = await as[u.username]!.call(op.method.toUpperCase(), url(op, target ? fixtures[target][subject!] : null), body, headers);
          calls.push({ name, username: u.username, target, expected: expectedStatus(op, u.username, target), res });
          // Claiming is the one bodiless action on a case's task: give it back at once.
          if (name === 'POST /api/tasks/:id/claim' && res.status === 200) await as[u.username]!.post(url({ ...op, path: '/api/tasks/:id/unclaim' }, fixtures[target!].taskId));
        }
      }
    }
    const wrong = calls.filter((c) => c.res.status !== c.expected).map((c) => `${c.name} as ${c.username}${c.target ? ` on ${c.target}` : ''}: ${c.res.status}, expected ${c.expected} ${JSON.stringify(c.res.body).slice(0, 160)}`);
    expect(wrong).toEqual([]);
    // The walk reached both sides of the rule it is about.
    expect(calls.filter((c) => c.expected === 404 && c.target).length).toBeGreaterThan(50);
    expect(calls.filter((c) => c.res.status === 200 && c.target).length).toBeGreaterThan(50);
  });

  test('no refused answer carries a tenant\'s data', () => {
    const refused = calls.filter((c) => c.res.status >= 400);
    expect(refused.length).toBeGreaterThan(500);
    const leaks = refused.filter((c) => personalData.some((p) => JSON.stringify(c.res.body).includes(p))).map((c) => `${c.name} as ${c.username}`);
    expect(leaks).toEqual([]);
  });

  test('admin and policy owner read no tenant\'s data anywhere; ops only on opening a case', () => {
    const carrying = (c: Call) => c.res.status < 300 && personalData.some((p) => JSON.stringify(c.res.body).includes(p));
    expect(calls.filter((c) => ['admin', 'lotte', 'eva'].includes(c.username) && carrying(c)).map((c) => c.name)).toEqual([]);
    expect([...new Set(calls.filter((c) => c.username === 'omar' && carrying(c)).map((c) => c.name))]).toEqual(['GET /api/cases/:id']);
    // Those who work cases do see them: the walk would find no leak if nothing were shown.
    expect(calls.some((c) => c.username === 'sanne' && c.name === 'GET /api/cases/:id' && carrying(c))).toBe(true);
  });
});

// --- Teams scope lists -------------------------------------------------------------------------

describe('teams scope the lists to their areas', () => {
  const ids = (list: Array<{ id: string }>) => list.map((c) => c.id).sort();

  test('the case list, the inbox and its counts show a member only their teams\' cases; staff in no team see both', async () => {
    const listed = async (u: string) => ids((await as[u]!.get(`/api/cases?definitionId=${definitionId}`)).body.cases);
    expect(await listed('sanne')).toEqual([fixtures.noord.caseId]);
    expect(await listed('mark')).toEqual([fixtures.noord.caseId]);
    expect(await listed('tom')).toEqual([fixtures.zuid.caseId]);
    expect(await listed('johan')).toEqual(ids([{ id: fixtures.noord.caseId }, { id: fixtures.zuid.caseId }]));

    const inbox = async (u: string) => (await as[u]!.get('/api/tasks?view=mine')).body;
    const sanne = await inbox('sanne');
    expect(sanne.tasks.map((t: { id: string }) => t.id)).toContain(fixtures.noord.taskId);
    expect(sanne.tasks.map((t: { id: string }) => t.id)).not.toContain(fixtures.zuid.taskId);
    const tom = await inbox('tom');
    expect(tom.tasks.map((t: { id: string }) => t.id)).toEqual([fixtures.zuid.taskId]);
    expect((await as.tom!.get('/api/tasks/counts')).body.mine).toBe(1);
  });

  test('payment approvals: a team lead sees requests of their areas only, finance (in no team) all', async () => {
    const waiting = async (u: string) => ids((await as[u]!.get('/api/payment-requests?status=pending')).body.requests);
    expect(await waiting('mark')).toEqual([fixtures.noord.requestId]);
    expect(await waiting('fleur')).toEqual(ids([{ id: fixtures.noord.requestId }, { id: fixtures.zuid.requestId }]));
  });

  test('a member opens cases only for postcodes of their areas; a refused one leaves nothing', async () => {
    const res = await openCaseIn('zuid', 'sanne');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('the postcode 3581 CD lies outside the areas of your teams (noord)');
    const count = await h.pool.query(`SELECT count(*)::int AS n FROM cases WHERE definition_id = $1`, [definitionId]);
    expect(count.rows[0].n).toBe(2);
  });

  test('ops: ids, steps and amounts in the list, no names, and no search by name; opening a case shows the name and is recorded', async () => {
    const list = await as.omar!.get(`/api/cases?definitionId=${definitionId}`);
    expect(list.body.cases).toHaveLength(2);
    for (const c of list.body.cases) expect(c).toMatchObject({ tenantName: null, currentStep: 'call', balanceCents: 90_000 });
    expect((await as.omar!.get(`/api/cases?q=${encodeURIComponent('Noorderlicht')}`)).body.total).toBe(0);
    expect((await as.omar!.get(`/api/cases?q=${encodeURIComponent(fixtures.noord.reference)}`)).body.cases.map((c: { id: string }) => c.id)).toEqual([fixtures.noord.caseId]);
    const before = await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = 'personal-data.list'`, [userId.omar]);
    expect(before.rows[0].n).toBe(0);
    const opened = await as.omar!.get(`/api/cases/${fixtures.noord.caseId}`);
    expect(opened.body.tenant.name).toBe(tenants.noord.name);
    const read = await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = 'personal-data.read' AND case_id = $2`, [userId.omar, fixtures.noord.caseId]);
    expect(read.rows[0].n).toBeGreaterThan(0);
  });

  test('a team is defined whole and audited; bad areas and unknown members are named and change nothing; leaving every team widens the view again', async () => {
    const bad = await as.admin!.call('PUT', '/api/teams/oost', { name: 'Team oost', areas: [{ from: 3600, to: 3650 }, { from: 3640, to: 3700 }, { from: 999, to: 1200 }], members: [randomUUID()] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.areas.1', 'body.areas.2.from']);
    const unknown = await as.admin!.call('PUT', '/api/teams/oost', { name: 'Team oost', areas: [{ from: 3600, to: 3650 }], members: [randomUUID()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.members.0');
    expect((await as.admin!.get('/api/teams')).body.teams.map((t: { id: string }) => t.id)).toEqual(['noord', 'zuid']);

    // Mark leaves noord: in no team, he sees every case again.
    const moved = await as.admin!.call('PUT', '/api/teams/noord', { name: 'Team noord', areas: [{ from: 3500, to: 3549 }], members: [userId.sanne] });
    expect(moved.status).toBe(200);
    expect(moved.body.team.members).toEqual([{ id: userId.sanne, displayName: 'Sanne Jansen' }]);
    expect((await as.mark!.get(`/api/cases/${fixtures.zuid.caseId}`)).status).toBe(200);
    const logged = await h.pool.query(`SELECT actor, before, after FROM audit_log WHERE action = 'team.change' AND entity_id = 'noord' ORDER BY id DESC LIMIT 1`);
    expect(logged.rows[0]).toMatchObject({ actor: userId.admin, before: { members: expect.arrayContaining([userId.mark]) }, after: { members: [userId.sanne] } });
    // Back as it was, for the walk above if it runs again.
    expect((await as.admin!.call('PUT', '/api/teams/noord', { name: 'Team noord', areas: [{ from: 3500, to: 3549 }], members: [userId.sanne, userId.mark] })).status).toBe(200);
  });
});
