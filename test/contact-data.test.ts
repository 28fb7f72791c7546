// A tenant's contact data changed by a caseworker on the case, and by a case opened again for
// the tenancy: each change audited with what it was and what it became (only what changed);
// wrong input refused naming the field, with nothing changed.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closedWith } from './support/cases.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => h?.stop());

const contactAudits = async (caseId: string) =>
  (await h.pool.query<{ actor_name: string; before: unknown; after: unknown; why: string }>(
    `SELECT u.username AS actor_name, a.before, a.after, a.details->>'why' AS why FROM audit_log a LEFT JOIN users u ON u.id::text = a.actor
     WHERE a.action = 'tenant.contact' AND a.case_id = $1 ORDER BY a.id`,
    [caseId],
  )).rows;

test('a caseworker changes the phone number: audited before and after, shown on the case; wrong input changes nothing', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { tenant: { name: 'Dirk Bellen', phone: '+31611111111', email: 'dirk@example.nl' } });

  const changed = await sanne.call('PATCH', `/api/cases/${c.id}/contact`, { phone: '+31622222222', email: 'dirk@example.nl' });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  expect(changed.body.contact).toEqual({ name: 'Dirk Bellen', email: 'dirk@example.nl', phone: '+31622222222', preferredChannel: null });
  // Only what changed: the e-mail was sent as it was.
  expect(await contactAudits(c.id)).toEqual([{ actor_name: 'sanne', before: { phone: '+31611111111' }, after: { phone: '+31622222222' }, why: 'changed on the case' }]);
  expect((await sanne.get(`/api/cases/${c.id}`)).body.tenant.phone).toBe('+31622222222');

  const wrong = await sanne.call('PATCH', `/api/cases/${c.id}/contact`, { phone: 'bel me', email: 'x' });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.email', 'body.phone']);
  expect((await sanne.call('PATCH', `/api/cases/${c.id}/contact`, {})).status).toBe(400);
  expect((await sanne.call('PATCH', `/api/cases/${c.id}/contact`, { iban: 'NL00BANK0123456789' })).status).toBe(400);
  expect((await (await h.as('fleur')).call('PATCH', `/api/cases/${c.id}/contact`, { phone: '+31633333333' })).status).toBe(403);
  // Clearing the e-mail is a change too.
  expect((await sanne.call('PATCH', `/api/cases/${c.id}/contact`, { email: null })).body.contact.email).toBeNull();
  expect((await contactAudits(c.id)).map((a) => [a.before, a.after])).toEqual([
    [{ phone: '+31611111111' }, { phone: '+31622222222' }],
    [{ email: 'dirk@example.nl' }, { email: null }],
  ]);
  expect((await sanne.get(`/api/cases/${c.id}`)).body.tenant).toMatchObject({ phone: '+31622222222', email: null });
});

test('a case opened again for the tenancy with newer contact data audits what it replaced', async () => {
  const sanne = await h.as('sanne');
  const first = await h.openCase(sanne, { tenant: { name: 'Els Terug', phone: '+31644444444' } });
  expect((await (await h.as('mark')).post(`/api/cases/${first.id}/cancel`, { reason: 'Betaald bij de balie' })).status).toBe(200);
  await closedWith(h, first.id);
  const again = await sanne.post('/api/cases', {
    tenancy: { reference: first.reference, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: 'Els Terug', phone: '+31655555555' },
    arrearsCents: 40_000,
    dueDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(again.status, JSON.stringify(again.body)).toBe(201);
  const audits = await waitFor('the contact change audited', async () => {
    const rows = await contactAudits(again.body.case.id);
    return rows.length ? rows : undefined;
  });
  expect(audits).toEqual([{ actor_name: 'sanne', before: { phone: '+31644444444' }, after: { phone: '+31655555555' }, why: 'a new case was opened for the tenancy with this contact data' }]);
});
