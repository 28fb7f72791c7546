// Handovers that leave the building: the municipality's early signal through its HTTP intake
// on loopback. Rule 3 (Bgs art. 2; GDPR art. 5): what the municipality receives is the
// tenant's contact details and the arrears amount, nothing else, once per handover.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, type Harness } from './support/harness.ts';
import { LoopbackProvider } from './support/loopback.ts';

const TOKEN = 'gemeente-token-51c2';
let intake: LoopbackProvider;
let h: Harness;

beforeAll(async () => {
  intake = await new LoopbackProvider().start();
  h = await startHarness({ channels: { MAIL_FROM: 'test@example.nl', MUNICIPALITY_SIGNAL_URL: intake.url, MUNICIPALITY_SIGNAL_TOKEN: TOKEN } });
});
afterAll(async () => {
  await h?.stop();
  await intake?.stop();
});

const signalling = (id: string): DefinitionInput => ({
  id,
  name: 'Melding gemeente',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder' } },
    { id: 'reminder', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', offersMunicipalitySignal: true, next: { sent: 'call', failed: 'done' } },
    {
      id: 'call',
      name: 'Bellen',
      kind: 'task',
      task: 'phone-call',
      role: 'caseworker',
      outcomes: [{ id: 'reached', label: 'Bereikt', meaning: 'contact-made', fields: [{ id: 'note', label: 'Notitie', type: 'longtext', required: true }] }],
      next: { reached: 'debt-help' },
    },
    { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'signal', refused: 'signal' } },
    { id: 'signal', name: 'Vroegsignalering', kind: 'handover', partner: 'municipality-signal', next: { accepted: 'done', refused: 'done' } },
    { id: 'done', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
  ],
});

test('the municipality receives contact details and the arrears amount only, once, through its intake', async () => {
  const [eva, sanne] = await Promise.all([h.as('eva'), h.as('sanne')]);
  const id = `signal-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: signalling(id) })).status).toBe(201);
  const reference = `GEM-${randomUUID().slice(0, 6).toUpperCase()}`;
  const c = await h.openCase(sanne, {
    definitionId: id,
    timeScale: daysPerSecond(2),
    arrearsCents: 123_456,
    segmentSuggestion: 'structural-problems',
    tenancy: { reference, street: 'Molenweg 7', postalCode: '3512 AB', city: 'Utrecht', monthlyRentCents: 71_000, minorsInHousehold: true },
    tenant: { name: 'Mevrouw Jansen', phone: '+31612340000', email: 'jansen@example.nl', preferredChannel: 'whatsapp' },
  });
  // A note with sensitive content on the case, and a free-text outcome: neither may travel.
  expect((await sanne.post(`/api/cases/${c.id}/notes`, { text: 'Zoon ernstig ziek; werkt niet meer.' })).status).toBe(201);
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached', { note: 'Huurder wil hulp van de gemeente.' });
  await closedWith(h, c.id);

  const handover = (await h.pool.query(`SELECT id, delivered_at, delivery_ref FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal'`, [c.id])).rows[0];
  const received = intake.requests.filter((r) => r.headers['idempotency-key'] === handover.id);
  expect(received).toHaveLength(1);
  expect(received[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(received[0]!.body).toEqual({
    handoverId: handover.id,
    partner: 'municipality-signal',
    purpose: null,
    payload: {
      name: 'Mevrouw Jansen',
      address: { street: 'Molenweg 7', postalCode: '3512 AB', city: 'Utrecht' },
      phone: '+31612340000',
      email: 'jansen@example.nl',
      arrearsCents: 123_456,
    },
  });
  // Nothing of the tenancy reference, the note, the segment, the rent or the household reached it.
  const sent = JSON.stringify(received[0]!.body);
  for (const secret of [reference, 'Zoon', 'gemeente.', 'structural', '71000', 'minors']) expect(sent).not.toContain(secret);
  expect(handover.delivered_at).not.toBeNull();
  expect(handover.delivery_ref).toBe(intake.delivered.get(handover.id)!.id);
  // The debt-help referral has no intake configured: recorded, not posted anywhere.
  expect(intake.requests.filter((r) => String(r.headers['idempotency-key']).includes(':handover') && r.headers['idempotency-key'] !== handover.id)).toEqual([]);
});

test('a signal payload with one field too many is refused before it is stored or sent', async () => {
  const { MunicipalitySignalSchema } = await import('../definition/handover-payloads.ts');
  const minimal = { name: 'A', address: { street: 'S 1', postalCode: '1234 AB', city: 'C' }, phone: null, email: null, arrearsCents: 100 };
  expect(MunicipalitySignalSchema.safeParse(minimal).success).toBe(true);
  for (const extra of [{ tenancyReference: 'X-1' }, { note: 'ziek' }, { segment: 'structural-problems' }, { minors: true }]) {
    const result = MunicipalitySignalSchema.safeParse({ ...minimal, ...extra });
    expect(result.success, JSON.stringify(extra)).toBe(false);
  }
  expect(MunicipalitySignalSchema.safeParse({ ...minimal, address: { ...minimal.address, houseNumberAddition: 'b' } }).success).toBe(false);
});
