// Everything the engine refuses, and that a refusal changes nothing: the case API's 401,
// 403, 400, 404 and 409, invalid signal and update payloads sent straight to a case
// workflow, task completions the workflow itself turns down, and an unlawful definition.
import { randomUUID } from 'node:crypto';
import { workingStart } from './support/clock.ts';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { caseStateQuery, pauseUpdate, paymentReceivedSignal, registerPaymentUpdate } from '../workflows/messages.ts';
import { atStep, complete, openTask, timeline } from './support/cases.ts';
import { insertCase } from '../server/cases/repository.ts';
import { OpenCaseSchema } from '../server/cases/schemas.ts';
import { caseWorkflowId } from '../workflows/messages.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api;
let tom: Api;
let mark: Api;
let priya: Api;
let eva: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, tom, mark, priya, eva] = await Promise.all([h.as('sanne'), h.as('tom'), h.as('mark'), h.as('priya'), h.as('eva')]);
});
afterAll(async () => h?.stop());

// The case's own date: its clock starts on a working morning (on a Saturday, the coming Monday).
const today = () => workingStart().slice(0, 10);
const newReference = () => `HA-${randomUUID().slice(0, 8).toUpperCase()}`;
function caseBody(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    tenancy: { reference, street: 'Kerkstraat 12', postalCode: '3511 AB', city: 'Utrecht' },
    tenant: { name: `Huurder ${reference}`, phone: '+31612345678', email: 'huurder@example.nl' },
    arrearsCents: 75_000 as number,
    dueDate: '2026-11-01',
    businessStart: workingStart(),
    ...overrides,
  };
}

/** What the database holds for a tenancy reference: a refused request must leave all of it at zero. */
async function footprint(reference: string) {
  const r = await h.pool.query<{ tenancies: string; tenants: string; cases: string }>(
    `SELECT (SELECT count(*) FROM tenancies WHERE reference = $1) AS tenancies,
            (SELECT count(*) FROM tenants WHERE name = $2) AS tenants,
            (SELECT count(*) FROM cases c JOIN tenancies y ON y.id = c.tenancy_id WHERE y.reference = $1) AS cases`,
    [reference, `Huurder ${reference}`],
  );
  const row = r.rows[0]!;
  return { tenancies: Number(row.tenancies), tenants: Number(row.tenants), cases: Number(row.cases) };
}
const nothing = { tenancies: 0, tenants: 0, cases: 0 };

async function paymentsOf(caseId: string) {
  return (await h.pool.query<{ reference: string; amount_cents: number }>(`SELECT reference, amount_cents FROM payments WHERE case_id = $1 ORDER BY reference`, [caseId])).rows;
}
async function notesOf(caseId: string) {
  return Number((await h.pool.query<{ n: string }>(`SELECT count(*) AS n FROM case_notes WHERE case_id = $1`, [caseId])).rows[0]!.n);
}
async function cancel(caseId: string) {
  expect((await mark.post(`/api/cases/${caseId}/cancel`, { reason: 'Test afgerond' })).status).toBe(200);
}

/**
 * A case in real time, parked in its first wait (seven days): nothing moves unless a test
 * moves it. Parked means the workflow itself runs the wait's clock, not only that the read
 * model names the step (see case-events.test.ts for why the difference matters).
 */
async function parkedCase() {
  const c = await h.openCase(sanne);
  await atStep(h, c.id, 'wait-after-reminder');
  const handle = h.temporal.workflow.getHandle(c.workflowId);
  await waitFor('the wait running in the workflow', async () => {
    const s = await handle.query(caseStateQuery);
    return s.currentStep?.id === 'wait-after-reminder' && s.currentStep.until !== null;
  });
  return { ...c, handle };
}

describe('401: not signed in', () => {
  test('opening a case without signing in is refused and creates nothing', async () => {
    const reference = newReference();
    const res = await h.anonymous.post('/api/cases', caseBody(reference));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'sign in first' } });
    expect(await footprint(reference)).toEqual(nothing);
  });

  test('reading cases with a made-up session token is refused', async () => {
    const res = await h.anonymous.call('GET', '/api/cases', undefined, { authorization: `Bearer ${randomUUID()}` });
    expect(res.status).toBe(401);
  });
});

describe('403: the wrong role', () => {
  test('a controller cannot open a case, and nothing is created', async () => {
    const reference = newReference();
    const res = await priya.post('/api/cases', caseBody(reference));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toBe('this needs the role caseworker or team-lead or collection-manager; you have controller');
    expect(await footprint(reference)).toEqual(nothing);
  });

  test('a caseworker cannot cancel a case; it keeps running', async () => {
    const c = await parkedCase();
    const res = await sanne.post(`/api/cases/${c.id}/cancel`, { reason: 'Wil ik stoppen' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('team-lead');
    expect((await c.handle.query(caseStateQuery)).status).toBe('active');
    await cancel(c.id);
  });

  test('a caseworker cannot publish a definition, and no version is stored', async () => {
    const id = `copy-${randomUUID().slice(0, 8)}`;
    const res = await sanne.post('/api/definitions/publish', { definition: { ...standardLadder, id } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('policy-owner');
    expect((await h.pool.query(`SELECT 1 FROM definitions WHERE id = $1`, [id])).rowCount).toBe(0);
  });
});

describe('400: invalid input names the field and creates nothing', () => {
  type Body = ReturnType<typeof caseBody>;
  test.each<[string, (b: Body) => void, string]>([
    ['tenancy.postalCode', (b) => (b.tenancy.postalCode = '35110'), 'body.tenancy.postalCode: a Dutch postal code looks like 1234 AB'],
    ['arrearsCents (negative)', (b) => (b.arrearsCents = -100), 'body.arrearsCents: arrearsCents must be more than zero'],
    ['arrearsCents (not whole cents)', (b) => (b.arrearsCents = 750.5), 'body.arrearsCents: arrearsCents must be whole cents'],
    ['arrearsCents (text)', (b) => Object.assign(b, { arrearsCents: '750' }), 'body.arrearsCents: arrearsCents must be a number of cents'],
    ['dueDate (Dutch order)', (b) => (b.dueDate = '01-11-2026'), 'body.dueDate: dueDate must be a date written YYYY-MM-DD'],
    ['dueDate (31 November)', (b) => (b.dueDate = '2026-11-31'), 'body.dueDate: dueDate must be a date written YYYY-MM-DD'],
    ['tenant.email', (b) => (b.tenant.email = 'geen-adres'), 'body.tenant.email: not a valid e-mail address'],
  ])('%s', async (_field, spoil, message) => {
    const reference = newReference();
    const body = caseBody(reference);
    spoil(body);
    const res = await sanne.post('/api/cases', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.message).toContain(message);
    const field = message.split(':')[0];
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await footprint(reference)).toEqual(nothing);
  });

  test('a URL longer than the server takes is refused in the error envelope, saying so', async () => {
    const res = await sanne.get(`/api/cases?step=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.body.error).toEqual({ code: 'invalid', message: expect.stringContaining('longer than 16 KB') });
  });

  test('every wrong field is named in one answer', async () => {
    const reference = newReference();
    const res = await sanne.post('/api/cases', caseBody(reference, { arrearsCents: 0, dueDate: 'gisteren' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.arrearsCents', 'body.dueDate']);
    expect(await footprint(reference)).toEqual(nothing);
  });

  test('a body that is not JSON is refused as such', async () => {
    const res = await sanne.call('POST', '/api/cases', '{"tenancy": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('the request body is not valid JSON');
  });

  test('a pause with a review date in the past is refused and the case is not paused', async () => {
    const c = await parkedCase();
    const notes = await notesOf(c.id);
    const res = await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp gestart', reviewDate: '2020-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`reviewDate: 2020-01-01 lies in the past; the case's date is ${today()}`);
    const state = await c.handle.query(caseStateQuery);
    expect(state.paused).toBeNull();
    expect(state.status).toBe('active');
    expect(await notesOf(c.id)).toBe(notes);
    await cancel(c.id);
  });

  test('a negative payment is refused naming amountCents, and no payment is recorded', async () => {
    const c = await parkedCase();
    const res = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `BANK-${c.reference}`, amountCents: -2_500 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('body.amountCents: amountCents must be positive');
    expect(await paymentsOf(c.id)).toEqual([]);
    expect((await c.handle.query(caseStateQuery)).balanceCents).toBe(80_000);
    await cancel(c.id);
  });

  test('a payment without a reference says the reference is required, and names it', async () => {
    const c = await parkedCase();
    const res = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', amountCents: 2_500 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('body.reference: reference is required');
    expect(res.body.error.details).toEqual([{ field: 'body.reference', message: 'reference is required' }]);
    expect(await paymentsOf(c.id)).toEqual([]);
    await cancel(c.id);
  });

  test('every 400 has one shape: details naming each wrong field, a field left out "is required"', async () => {
    const c = await parkedCase();
    const cases: Array<[string, Promise<{ status: number; body: any }>, Array<{ field: string; message: string }>]> = [
      ['a body that is not JSON', sanne.call('POST', '/api/cases', '{"tenancy": ', { 'content-type': 'application/json' }), [{ field: 'body', message: 'the request body is not valid JSON' }]],
      ['a pause without a reason', sanne.post(`/api/cases/${c.id}/pause`, { reviewDate: '2099-01-01' }), [{ field: 'body.reason', message: 'reason is required' }]],
      ['a pause with a review date in the past', sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp', reviewDate: '2020-01-01' }), [{ field: 'body.reviewDate', message: `2020-01-01 lies in the past; the case's date is ${today()}` }]],
      ['a cancel without a reason', mark.post(`/api/cases/${c.id}/cancel`, {}), [{ field: 'body.reason', message: 'reason is required' }]],
      ['an event without a type', sanne.post(`/api/cases/${c.id}/events`, {}), [{ field: 'body.type', message: 'type is required' }]],
      ['a case without a tenant', sanne.post('/api/cases', { tenancy: caseBody(newReference()).tenancy, arrearsCents: 10_000, dueDate: '2026-11-01' }), [{ field: 'body.tenant', message: 'tenant is required' }]],
      ['a sign-in without a password', h.anonymous.post('/api/auth/login', { username: 'sanne' }), [{ field: 'body.password', message: 'password is required' }]],
      ['a bank statement sent as JSON', (await h.as('fleur')).post('/api/payments/import', { csv: 'date,amount,reference' }), [{ field: 'body', message: expect.stringContaining('text/csv') }]],
    ];
    for (const [what, request, details] of cases) {
      const res = await request;
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('invalid');
      expect(res.body.error.details, what).toEqual(details);
      expect(res.body.error.message, what).not.toMatch(/expected \w+, received/);
    }
    expect((await c.handle.query(caseStateQuery)).paused).toBeNull();
    await cancel(c.id);
  });

  test('a case id that is not an id is refused naming the path', async () => {
    const res = await sanne.get('/api/cases/12345');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('path.id: the case id is not a valid id');
  });
});

describe('404: unknown things', () => {
  test('an unknown case id', async () => {
    const id = randomUUID();
    const res = await sanne.get(`/api/cases/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not-found', message: `case ${id} not found` });
  });

  test('a payment for an unknown case is refused and not recorded', async () => {
    const id = randomUUID();
    const reference = `BANK-${randomUUID()}`;
    const res = await sanne.post(`/api/cases/${id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 1_000 });
    expect(res.status).toBe(404);
    expect((await h.pool.query(`SELECT 1 FROM payments WHERE reference = $1`, [reference])).rowCount).toBe(0);
  });

  test('an unknown task', async () => {
    const res = await sanne.post('/api/tasks/no-such-task/complete', { outcome: 'reached' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('task no-such-task not found');
  });

  test('opening a case on a definition that was never published', async () => {
    const reference = newReference();
    const res = await sanne.post('/api/cases', caseBody(reference, { definitionId: 'bestaat-niet' }));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('definition "bestaat-niet" has no published version');
    expect(await footprint(reference)).toEqual(nothing);
  });
});

describe('409: conflicts', () => {
  test('an opening cut off between recording the case and starting its workflow is finished by the retry, once', async () => {
    // What a crash of the API between the two leaves: the case recorded, no workflow.
    const reference = newReference();
    const body = caseBody(reference);
    const recorded = await insertCase(h.pool, OpenCaseSchema.parse(body), { id: randomUUID(), workflowIdFor: caseWorkflowId, definitionVersion: 1, timeScale: 1, openedBy: 'sanne' });
    const caseId = (await h.pool.query(`SELECT id FROM cases WHERE tenancy_id = $1`, [recorded.tenancyId])).rows[0].id as string;
    // The client's retry of the same opening starts that case rather than refusing it.
    const retried = await sanne.post('/api/cases', body);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.case.id).toBe(caseId);
    await atStep(h, caseId, 'wait-after-reminder');
    expect(await footprint(reference)).toEqual({ tenancies: 1, tenants: 1, cases: 1 });
    const resumed = await h.pool.query(`SELECT actor FROM audit_log WHERE action = 'case.open-resumed' AND case_id = $1`, [caseId]);
    expect(resumed.rows).toEqual([{ actor: (await sanne.get('/api/auth/me')).body.user.id }]);
    // Once it runs, another opening is the ordinary conflict.
    const again = await sanne.post('/api/cases', body);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ caseId });
    await cancel(caseId);
  });

  test('a second open case for the same tenancy is refused; the first case is untouched', async () => {
    const c = await parkedCase();
    const before = await footprint(c.reference);
    const res = await tom.post('/api/cases', {
      tenancy: { reference: c.reference, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht' },
      tenant: { name: 'Test Huurder', phone: '+31611111111' },
      arrearsCents: 12_000,
      dueDate: '2026-11-01',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe(`tenancy ${c.reference} already has an open case`);
    expect(res.body.error.details).toEqual({ caseId: c.id });
    expect(await footprint(c.reference)).toEqual(before);
    const state = await c.handle.query(caseStateQuery);
    expect(state.arrearsCents).toBe(80_000);
    // The refused request did not overwrite the tenant's contact data either.
    const tenant = await h.pool.query(`SELECT t.email FROM tenants t JOIN tenancies y ON y.tenant_id = t.id WHERE y.reference = $1`, [c.reference]);
    expect(tenant.rows[0].email).toBe('huurder@example.nl');
    await cancel(c.id);
  });

  test('resuming a case that is not paused is refused by the workflow', async () => {
    const c = await parkedCase();
    const notes = await notesOf(c.id);
    const res = await sanne.post(`/api/cases/${c.id}/resume`, { note: 'Schuldhulp is afgerond' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('the case is not paused');
    expect((await timeline(h, c.id)).some((e) => e.type === 'resumed')).toBe(false);
    expect(await notesOf(c.id)).toBe(notes);
    await cancel(c.id);
  });

  test('a payment reference reused for another amount is refused; the same payment again is a harmless duplicate', async () => {
    const c = await parkedCase();
    const reference = `BANK-${c.reference}-1`;
    const first = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 10_000 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ duplicate: false, balanceCents: 70_000 });

    const again = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 10_000 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, balanceCents: 70_000 });

    const other = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 15_000 });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain(`payment reference "${reference}" is already used for another payment (10000 cents`);
    expect(await paymentsOf(c.id)).toEqual([{ reference, amount_cents: 10_000 }]);
    expect((await c.handle.query(caseStateQuery)).balanceCents).toBe(70_000);

    // The same reference and amount on another tenant's case is not the same payment either.
    const d = await parkedCase();
    const elsewhere = await sanne.post(`/api/cases/${d.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 10_000 });
    expect(elsewhere.status).toBe(409);
    expect(await paymentsOf(d.id)).toEqual([]);
    expect((await d.handle.query(caseStateQuery)).balanceCents).toBe(80_000);
    await cancel(c.id);
    await cancel(d.id);
  });

  test('a payment on a closed case is refused and not recorded', async () => {
    const c = await parkedCase();
    await cancel(c.id);
    await waitFor('the case closed', async () => (await h.pool.query(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0]?.status === 'closed');
    const reference = `BANK-${c.reference}-late`;
    const res = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents: 5_000 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('is closed');
    // Refused means refused: the payment must not sit on a closed case as if it had been taken.
    expect(await paymentsOf(c.id)).toEqual([]);
  });
});

describe('invalid payloads sent straight to the workflow change nothing', () => {
  test('an invalid payment signal is dropped: only the valid payment after it counts', async () => {
    const c = await parkedCase();
    const before = await c.handle.query(caseStateQuery);
    expect(before).toMatchObject({ balanceCents: 80_000, payments: 0 });

    await c.handle.signal(paymentReceivedSignal, { reference: '', amountCents: -5 });
    // Signals are handled in order; once the valid one is applied, the invalid one was seen.
    await c.handle.signal(paymentReceivedSignal, { reference: `BANK-${c.reference}-ok`, amountCents: 2_500 });
    const after = await waitFor('the valid payment applied', async () => {
      const s = await c.handle.query(caseStateQuery);
      return s.payments > 0 ? s : undefined;
    });
    expect(after).toMatchObject({ balanceCents: 77_500, payments: 1, totalPaidCents: 2_500 });
    expect(after.currentStep?.id).toBe('wait-after-reminder');
    const history = await c.handle.fetchHistory();
    expect(history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length).toBe(2);
    await cancel(c.id);
  });

  test('an invalid payment update is rejected naming amountCents, and leaves no trace in the history', async () => {
    const c = await parkedCase();
    const state = await c.handle.query(caseStateQuery);
    const events = (await c.handle.fetchHistory()).events?.length;

    const error = await c.handle.executeUpdate(registerPaymentUpdate, { args: [{ reference: 'x', amountCents: 1.5 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('invalid');
    expect(cause!.message).toBe('amountCents: amountCents must be whole cents');
    expect((cause as ApplicationFailure).details).toEqual([[{ field: 'amountCents', message: 'amountCents must be whole cents' }]]);

    expect((await c.handle.fetchHistory()).events?.length).toBe(events);
    const after = await c.handle.query(caseStateQuery);
    expect({ balance: after.balanceCents, payments: after.payments, steps: after.steps.length }).toEqual({ balance: state.balanceCents, payments: state.payments, steps: state.steps.length });
    await cancel(c.id);
  });

  test('an invalid pause update is rejected naming the review date, and the case is not paused', async () => {
    const c = await parkedCase();
    const error = await c.handle
      .executeUpdate(pauseUpdate, { args: [{ reason: 'Schuldhulp', reviewDate: 'over een maand', actor: { userId: 'sanne', roles: ['caseworker'] } }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause!.message).toBe('reviewDate: reviewDate must be a date written YYYY-MM-DD');
    expect((await c.handle.query(caseStateQuery)).paused).toBeNull();
    await cancel(c.id);
  });
});

describe('task completions the workflow refuses', () => {
  test('wrong role, unknown outcome, missing field and an unrealistic plan are refused with the reason; the task stays open and nothing is recorded', async () => {
    const c = await parkedCase();
    // The tenant calls in: the wait ends on the contact and the call task opens.
    expect((await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact' })).status).toBe(200);
    const task = await openTask(h, c.id, 'phone-call');
    const notes = await notesOf(c.id);

    const wrongRole = await priya.post(`/api/tasks/${task.id}/complete`, { outcome: 'reached', fields: { note: 'Betaalt vrijdag.' } });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.message).toBe('task "Huurder bellen" is for the role caseworker; you have controller');

    const unknownOutcome = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'voicemail' });
    expect(unknownOutcome.status).toBe(400);
    expect(unknownOutcome.body.error.message).toBe('"voicemail" is not an outcome of this task; choose one of: reached, reached-no-agreement, not-reached, arrangement-agreed');
    expect(unknownOutcome.body.error.details).toEqual([{ field: 'body.outcome', message: unknownOutcome.body.error.message }]);

    const missingField = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'reached', fields: {} });
    expect(missingField.status).toBe(400);
    expect(missingField.body.error.message).toBe('Wat is afgesproken? (note) is required');
    expect(missingField.body.error.details).toEqual([{ field: 'body.fields.note', message: 'Wat is afgesproken? (note) is required' }]);

    const unrealistic = await sanne.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'arrangement-agreed',
      fields: { instalmentCents: 1_000, instalments: 12, interval: 'P1M', firstDueDate: today() },
    });
    expect(unrealistic.status).toBe(400);
    expect(unrealistic.body.error.message).toContain('the plan is not realistic: the instalment of € 10,00 is below the minimum of € 50,00');
    // The workflow's own refusal (it alone knows the balance and the arrangement's limits) names the fields too.
    expect(unrealistic.body.error.details).toEqual(
      expect.arrayContaining([{ field: 'body.fields.instalmentCents', message: 'the instalment of € 10,00 is below the minimum of € 50,00' }]),
    );

    const open = await h.pool.query(`SELECT status, outcome FROM tasks WHERE id = $1`, [task.id]);
    expect(open.rows[0]).toEqual({ status: 'open', outcome: null });
    const state = await c.handle.query(caseStateQuery);
    expect(state.openTasks.map((t) => t.taskId)).toEqual([task.id]);
    expect(state.currentStep?.id).toBe('phone-call');
    expect((await timeline(h, c.id)).some((e) => e.type === 'task-closed')).toBe(false);
    // The refused call note is not kept as a note about the tenant.
    expect(await notesOf(c.id)).toBe(notes);
    await cancel(c.id);
  });

  test('completing a task that is already closed is refused', async () => {
    const c = await parkedCase();
    expect((await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact' })).status).toBe(200);
    const task = await openTask(h, c.id, 'phone-call');
    await complete(sanne, task.id, 'not-reached');
    const again = await tom.post(`/api/tasks/${task.id}/complete`, { outcome: 'reached', fields: { note: 'Toch gebeld.' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`task ${task.id} is not open (it is completed)`);
    const row = await h.pool.query(`SELECT outcome, completed_by FROM tasks WHERE id = $1`, [task.id]);
    expect(row.rows[0].outcome).toBe('not-reached');
    await cancel(c.id);
  });
});

describe('publishing an unlawful definition', () => {
  test('a ladder without the debt-help referral is refused naming the legal rule, and no version is stored', async () => {
    const id = `no-debt-help-${randomUUID().slice(0, 8)}`;
    const steps = structuredClone(standardLadder.steps)
      .filter((s) => s.id !== 'debt-help-referral' && s.id !== 'after-debt-help')
      .map((s) => ({ ...s, next: Object.fromEntries(Object.entries(s.next ?? {}).map(([o, t]) => [o, t === 'debt-help-referral' ? 'municipality-signal' : t])) }));
    const res = await eva.post('/api/definitions/publish', { definition: { ...standardLadder, id, steps }, note: 'Sneller naar de deurwaarder' });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('the definition cannot be published');
    expect(res.body.error.message).toContain('Step "bailiff-claim" breaks legal rule 1');
    const bailiff = res.body.error.details.find((p: { rule: string; stepId: string }) => p.rule === 'bailiff-preconditions' && p.stepId === 'bailiff-claim');
    expect(bailiff).toBeDefined();
    expect(bailiff.field).toBe(`body.definition.steps.${steps.findIndex((s) => s.id === 'bailiff-claim')}`);
    expect(bailiff.path[0]).toBe('start');
    expect(bailiff.path.at(-1)).toBe('bailiff-claim');
    expect((await h.pool.query(`SELECT 1 FROM definitions WHERE id = $1`, [id])).rowCount).toBe(0);
    const versions = await eva.get(`/api/definitions/${id}/versions`);
    expect(versions.body.versions).toEqual([]);
  });
});
