// Retention and erasure (GDPR art. 5(1)(e), art. 17): a closed case past its period loses the
// tenant's personal data when the nightly Temporal Schedule runs the retention workflow (here
// triggered at once), keeping amounts, steps and dates; a case closed within its period and an
// open one keep theirs. A tenant's erasure request is refused while a case of theirs is open,
// and honoured once it is closed. Both are audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureRetentionSchedule } from '../server/privacy/retention-schedule.ts';
import { closedWith, messages } from './support/cases.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
const scheduleId = `retention-test-${randomUUID()}`;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h.temporal.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  await h?.stop();
});

const tenantOf = async (caseId: string) =>
  (
    await h.pool.query<{ name: string; email: string | null; phone: string | null; street: string; postal_code: string; reference: string; anonymised_at: Date | null }>(
      `SELECT t.name, t.email, t.phone, y.street, y.postal_code, y.reference, c.anonymised_at
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1`,
      [caseId],
    )
  ).rows[0]!;

async function closedCaseWithNotes(name: string) {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { tenant: { name, phone: '+31611112222', email: `${name.split(' ')[0]!.toLowerCase()}@example.nl` } });
  // The reminder letter is written (its text names the tenant), then a note, then the case is stopped.
  await waitFor('the reminder letter', async () => ((await messages(h, c.id)).length > 0 ? true : undefined), 60_000);
  expect((await sanne.post(`/api/cases/${c.id}/notes`, { text: `${name} belde: loon komt de 25e.` })).status).toBe(201);
  expect((await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: `${name} verhuisd naar familie` })).status).toBe(200);
  await closedWith(h, c.id);
  return c;
}

test('the retention run anonymises a closed case past its period: contact data, notes, letters and reasons go; amounts, steps and dates stay', async () => {
  const old = await closedCaseWithNotes('Ans Oudeboom');
  const recent = await closedCaseWithNotes('Bert Nieuwland');
  // Closed 800 days ago (the period is 730): what the case's own clock cannot do in a test.
  await h.pool.query(`UPDATE cases SET closed_at = now() - interval '800 days' WHERE id = $1`, [old.id]);
  const before = (await h.pool.query<{ n: number; arrears: number; balance: number; steps: number }>(
    `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS n, arrears_cents AS arrears, balance_cents AS balance,
            (SELECT count(*)::int FROM case_events WHERE case_id = $1 AND type = 'step') AS steps FROM cases WHERE id = $1`,
    [old.id],
  )).rows[0]!;

  await ensureRetentionSchedule(h.temporal, { taskQueue: h.taskQueue, retentionDays: 730, scheduleId });
  await h.temporal.schedule.getHandle(scheduleId).trigger();
  await waitFor('the retention run anonymised the old case', async () => ((await tenantOf(old.id)).anonymised_at ? true : undefined), 60_000, 200);

  const gone = await tenantOf(old.id);
  expect(gone).toMatchObject({ name: 'Geanonimiseerd', email: null, phone: null, street: '', postal_code: '1234' });
  expect(gone.reference).toMatch(/^ANON-/);
  const letters = (await h.pool.query<{ body: string; recipient: string | null; subject: string | null }>(`SELECT body, recipient, subject FROM outbox WHERE case_id = $1`, [old.id])).rows;
  expect(letters.length).toBeGreaterThan(0);
  for (const m of letters) expect(m).toEqual({ body: '', recipient: null, subject: null });
  // The note, and the cancel reason (a note too): kept as rows, without their text.
  const notes = (await h.pool.query<{ text: string }>(`SELECT text FROM case_notes WHERE case_id = $1`, [old.id])).rows;
  expect(notes.length).toBeGreaterThanOrEqual(2);
  expect(notes.every((n) => n.text === '')).toBe(true);
  const everything = JSON.stringify((await h.pool.query(`SELECT data FROM case_events WHERE case_id = $1`, [old.id])).rows);
  for (const word of ['Ans', 'Oudeboom', 'familie']) expect(everything).not.toContain(word);
  const after = (await h.pool.query<typeof before>(
    `SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS n, arrears_cents AS arrears, balance_cents AS balance,
            (SELECT count(*)::int FROM case_events WHERE case_id = $1 AND type = 'step') AS steps FROM cases WHERE id = $1`,
    [old.id],
  )).rows[0]!;
  expect(after).toEqual(before);
  // Staff see the case with its amounts and steps, and no name.
  const view = await (await h.as('sanne')).get(`/api/cases/${old.id}`);
  expect(view.status).toBe(200);
  expect(JSON.stringify(view.body)).not.toContain('Oudeboom');
  expect(view.body.case.arrearsCents).toBe(before.arrears);
  const audited = await h.pool.query(`SELECT actor, details FROM audit_log WHERE action = 'case.anonymise' AND case_id = $1`, [old.id]);
  expect(audited.rows).toEqual([{ actor: 'system:retention', details: { reason: 'retention period passed', retentionDays: 730 } }]);

  // Closed within the period: untouched.
  expect(await tenantOf(recent.id)).toMatchObject({ name: 'Bert Nieuwland', anonymised_at: null });
  expect((await messages(h, recent.id))[0]!.body).toContain('Bert Nieuwland');
  // The run is a workflow the schedule started, visible in Temporal.
  const described = await h.temporal.schedule.getHandle(scheduleId).describe();
  expect(described.info.recentActions.length).toBeGreaterThan(0);
});

test("a tenant's erasure request: refused while their case is open (naming it) and for other roles; honoured once it is closed, and audited", async () => {
  const sanne = await h.as('sanne');
  const johan = await h.as('johan');
  const c = await h.openCase(sanne, { tenant: { name: 'Cor Verzoek', phone: '+31633334444', email: 'cor@example.nl' } });

  const early = await johan.post(`/api/cases/${c.id}/erase-tenant`, { reason: 'verzoek huurder per brief van 1 december' });
  expect(early.status).toBe(409);
  expect(early.body.error.message).toContain(c.reference);
  expect((await sanne.post(`/api/cases/${c.id}/erase-tenant`, { reason: 'verzoek huurder per brief' })).status).toBe(403);
  expect((await johan.post(`/api/cases/${c.id}/erase-tenant`, { reason: 'x' })).status).toBe(400);
  expect(await tenantOf(c.id)).toMatchObject({ name: 'Cor Verzoek', anonymised_at: null });

  expect((await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Verzoek tot verwijdering' })).status).toBe(200);
  await closedWith(h, c.id);
  const done = await johan.post(`/api/cases/${c.id}/erase-tenant`, { reason: 'verzoek huurder per brief van 1 december' });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body).toEqual({ erased: true, cases: 1 });
  expect(await tenantOf(c.id)).toMatchObject({ name: 'Geanonimiseerd', email: null, phone: null });
  const audited = await h.pool.query(`SELECT a.action FROM audit_log a WHERE (a.case_id = $1 AND a.action = 'case.anonymise') OR (a.action = 'tenant.erase' AND a.details->>'request' = $2) ORDER BY a.id`, [
    c.id,
    'verzoek huurder per brief van 1 december',
  ]);
  expect(audited.rows.map((r) => r.action)).toEqual(['case.anonymise', 'tenant.erase']);
});
