// Messages that leave the building: the WhatsApp/SMS adapter against a provider on loopback,
// and the whole ladder sending through it; e-mail through a real SMTP server on loopback.
// What a tenant would notice: one message, never two, and a ladder that goes on to a person
// when a message cannot be delivered.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransientDeliveryError } from '../activities/channels/channel.ts';
import { httpProviderAdapter } from '../activities/channels/http-provider.ts';
import { closedWith, messages, openTask, stepsTaken } from './support/cases.ts';
import { daysPerSecond, startHarness, TEST_TENANT_LINK_KEY, type Api, type Harness } from './support/harness.ts';
import { tenantLinkUrl } from '../server/tenant/links.ts';
import { LoopbackProvider, LoopbackSmtp } from './support/loopback.ts';
import { freePort } from '../runtime/ports.ts';

const TOKEN = 'loopback-token-7f3a';
const MAIL_FROM = 'incasso@woningcorporatie.test';

let provider: LoopbackProvider;
let smtp: LoopbackSmtp;
let h: Harness;
let sanne: Api;
let mark: Api;
let eva: Api;

beforeAll(async () => {
  provider = await new LoopbackProvider().start();
  smtp = await new LoopbackSmtp().start();
  h = await startHarness({ channels: { MAIL_FROM, SMTP_URL: smtp.url, WHATSAPP_API_URL: provider.url, WHATSAPP_API_TOKEN: TOKEN } });
  [sanne, mark, eva] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('eva')]);
});
afterAll(async () => {
  await h?.stop();
  await provider?.stop();
  await smtp?.stop();
});

let phones = 0;
const uniquePhone = () => `+3161${String(Date.now() % 100_000).padStart(5, '0')}${String(++phones).padStart(2, '0')}`;
const message = (recipient: string, key = `case-${randomUUID()}:3`) => ({ key, channel: 'whatsapp' as const, recipient, body: 'Hallo, er staat nog € 12,50 open.' });

async function cancel(caseId: string) {
  const res = await mark.post(`/api/cases/${caseId}/cancel`, { reason: 'Test afgerond' });
  expect(res.status).toBe(200);
}

describe('the HTTP provider adapter', () => {
  test('posts recipient, text and reference with the bearer token and the outbox key as Idempotency-Key', async () => {
    const adapter = httpProviderAdapter('whatsapp', provider.url, TOKEN);
    const to = uniquePhone();
    const m = message(to);
    const delivery = await adapter.send(m);

    const [request] = provider.to(to);
    expect(provider.to(to)).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages', body: { to, text: m.body, reference: m.key } });
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers['idempotency-key']).toBe(m.key);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(delivery).toEqual({ ok: true, providerId: provider.delivered.get(m.key)!.id });
  });

  test('sends no Authorization header when no token is configured', async () => {
    const to = uniquePhone();
    await httpProviderAdapter('sms', provider.url, undefined).send(message(to));
    expect(provider.to(to)[0]!.headers.authorization).toBeUndefined();
  });

  test('a 4xx is a permanent failure that names the provider’s answer, asked once', async () => {
    const to = uniquePhone();
    provider.script(to, { status: 422, body: { error: 'not a WhatsApp number' } });
    const delivery = await httpProviderAdapter('whatsapp', provider.url, TOKEN).send(message(to));
    expect(delivery.ok).toBe(false);
    expect(!delivery.ok && delivery.error).toBe('whatsapp provider refused (422): {"error":"not a WhatsApp number"}');
    expect(provider.to(to)).toHaveLength(1);
  });

  test('a 5xx throws a transient error so Temporal retries, and the retry with the same key is delivered once', async () => {
    const to = uniquePhone();
    provider.script(to, { status: 503, body: { error: 'try later' } });
    const adapter = httpProviderAdapter('whatsapp', provider.url, TOKEN);
    const m = message(to);
    const first = adapter.send(m);
    await expect(first).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(first).rejects.toThrow('whatsapp provider answered 503');
    expect(await adapter.send(m)).toMatchObject({ ok: true });

    expect(provider.to(to).map((r) => r.headers['idempotency-key'])).toEqual([m.key, m.key]);
    expect([...provider.delivered.values()].filter((d) => d.body.to === to)).toHaveLength(1);
  });

  test('an unreachable provider is a transient error too', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1/messages`;
    await expect(httpProviderAdapter('sms', closed, TOKEN).send(message(uniquePhone()))).rejects.toThrow(/sms provider unreachable/);
  });
});

describe('the standard ladder sending WhatsApp through the provider', () => {
  test('the WhatsApp step reaches the provider once, even when it first answers 503, and the outbox row is sent with the provider’s id', async () => {
    const phone = uniquePhone();
    provider.script(phone, { status: 503, body: { error: 'maintenance' } });
    const c = await h.openCase(sanne, {
      tenant: { name: 'Noah Bakker', phone, email: 'noah@example.nl' },
      arrearsCents: 64_000,
      timeScale: daysPerSecond(5),
    });
    // The ladder goes on past the WhatsApp wait to the phone call: the retry did not hold it up.
    await openTask(h, c.id, 'phone-call');

    const requests = provider.to(phone);
    expect(requests).toHaveLength(2);
    const key = requests[0]!.headers['idempotency-key'];
    expect(key).toMatch(new RegExp(`^${c.id}:`));
    expect(requests[1]!.headers['idempotency-key']).toBe(key);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const delivered = [...provider.delivered.values()].filter((d) => d.body.to === phone);
    expect(delivered).toHaveLength(1);

    const sent = (await messages(h, c.id)).filter((m) => m.channel === 'whatsapp');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ step_id: 'whatsapp-link', status: 'sent' });
    const row = await h.pool.query(`SELECT key, provider_id, recipient, body FROM outbox WHERE case_id = $1 AND channel = 'whatsapp'`, [c.id]);
    expect(row.rows[0]).toMatchObject({ provider_id: delivered[0]!.id, recipient: phone });
    // What the tenant reads is what the outbox shows staff.
    expect(delivered[0]!.body.text).toBe(row.rows[0].body);
    expect(row.rows[0].body).toContain('Hallo Noah Bakker');
    expect(row.rows[0].body).toContain('€ 640,00');
    // The tenant's personal link of this message (server/tenant/links.ts), not their reference.
    expect(row.rows[0].body).toContain(tenantLinkUrl({ publicUrl: h.baseUrl, key: TEST_TENANT_LINK_KEY }, row.rows[0].key));
    expect(row.rows[0].body).not.toContain(c.reference);

    const steps = await stepsTaken(h, c.id);
    expect(steps.slice(steps.indexOf('whatsapp-link'))).toEqual(['whatsapp-link', 'wait-after-whatsapp', 'phone-call']);
    await cancel(c.id);
  });

  test('a tenant without a phone number gets no WhatsApp: the outbox row fails with "no phone number" and the ladder goes to the phone call', async () => {
    const before = provider.requests.length;
    const c = await h.openCase(sanne, {
      tenant: { name: 'Lotte Zonder Telefoon', email: 'lotte@example.nl' },
      arrearsCents: 52_000,
      timeScale: daysPerSecond(5),
    });
    await openTask(h, c.id, 'phone-call');

    const detail = await sanne.get(`/api/cases/${c.id}`);
    expect(detail.status).toBe(200);
    const whatsapp = detail.body.messages.filter((m: { channel: string }) => m.channel === 'whatsapp');
    expect(whatsapp).toEqual([expect.objectContaining({ stepId: 'whatsapp-link', status: 'failed', error: 'no phone number', recipient: null })]);
    expect(provider.requests.slice(before).filter((r) => r.body.text?.includes('Lotte Zonder Telefoon'))).toEqual([]);

    // The step's `failed` outcome leads straight to the call, without the wait for a reaction.
    const steps = await stepsTaken(h, c.id);
    expect(steps.slice(steps.indexOf('whatsapp-link'))).toEqual(['whatsapp-link', 'phone-call']);
    const step = detail.body.timeline.find((e: { type: string; stepId: string }) => e.type === 'message' && e.stepId === 'whatsapp-link');
    expect(step.data).toMatchObject({ status: 'failed', error: 'no phone number' });
    await cancel(c.id);
  });

  test('a number the provider refuses (4xx) is not retried: the outbox row fails with the provider’s reason and the ladder goes to the phone call', async () => {
    const phone = uniquePhone();
    provider.script(phone, { status: 422, body: { error: 'not a WhatsApp number' } });
    const c = await h.openCase(sanne, { tenant: { name: 'Daan de Wit', phone }, arrearsCents: 43_000, timeScale: daysPerSecond(5) });
    await openTask(h, c.id, 'phone-call');

    expect(provider.to(phone)).toHaveLength(1);
    const rows = (await messages(h, c.id)).filter((m) => m.channel === 'whatsapp');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('failed');
    const error = await h.pool.query(`SELECT error FROM outbox WHERE case_id = $1 AND channel = 'whatsapp'`, [c.id]);
    expect(error.rows[0].error).toContain('refused (422)');
    expect(error.rows[0].error).toContain('not a WhatsApp number');
    const steps = await stepsTaken(h, c.id);
    expect(steps.slice(steps.indexOf('whatsapp-link'))).toEqual(['whatsapp-link', 'phone-call']);
    await cancel(c.id);
  });
});

describe('e-mail through SMTP', () => {
  let definitionId: string;

  beforeAll(async () => {
    definitionId = `mail-test-${randomUUID().slice(0, 8)}`;
    const published = await eva.post('/api/definitions/publish', {
      note: 'Test: één e-mailherinnering',
      definition: {
        id: definitionId,
        name: 'Herinnering per e-mail',
        steps: [
          { id: 'start', name: 'Achterstand', kind: 'start', next: { next: 'mail' } },
          { id: 'mail', name: 'E-mail', kind: 'communicate', channel: 'email', template: 'herinnering-email', purpose: 'reminder', next: { sent: 'end-sent', failed: 'end-unsent' } },
          { id: 'end-sent', name: 'Verstuurd', kind: 'end', outcome: 'handed-over' },
          { id: 'end-unsent', name: 'Niet verstuurd', kind: 'end', outcome: 'cancelled' },
        ],
      },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ id: definitionId, version: 1 });
  });

  test('the reminder e-mail arrives once with the tenant’s name and amount, and the outbox row is sent', async () => {
    const email = `fatima-${randomUUID().slice(0, 6)}@example.nl`;
    const c = await h.openCase(sanne, {
      definitionId,
      tenant: { name: 'Fatima el Amrani', email, phone: uniquePhone() },
      arrearsCents: 81_250,
      timeScale: daysPerSecond(5),
    });
    expect((await closedWith(h, c.id)).outcome).toBe('handed-over');

    const mails = smtp.mails.filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from).toBe(MAIL_FROM);
    expect(mail.subject).toBe('Uw huur is nog niet betaald');
    expect(mail.text).toContain('Beste Fatima el Amrani,');
    expect(mail.text).toContain('Er staat € 812,50 open.');
    const sentKey = (await h.pool.query<{ key: string }>(`SELECT key FROM outbox WHERE case_id = $1 AND channel = 'email'`, [c.id])).rows[0]!.key;
    expect(mail.text).toContain(tenantLinkUrl({ publicUrl: h.baseUrl, key: TEST_TENANT_LINK_KEY }, sentKey));

    const row = await h.pool.query(`SELECT status, recipient, subject, body, provider_id FROM outbox WHERE case_id = $1`, [c.id]);
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]).toMatchObject({ status: 'sent', recipient: email, subject: 'Uw huur is nog niet betaald' });
    expect(mail.text).toBe(row.rows[0].body);
    // The Message-ID is derived from the outbox key, so a retried send is recognisable downstream.
    expect(mail.raw).toMatch(new RegExp(`^Message-ID: ${row.rows[0].provider_id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'im'));
  });

  test('a mailbox the mail server refuses (550) fails the message for good and the case takes the failed outcome', async () => {
    const email = `weg-${randomUUID().slice(0, 6)}@example.nl`;
    smtp.refused.add(email);
    const c = await h.openCase(sanne, { definitionId, tenant: { name: 'Sem Verhuisd', email }, arrearsCents: 30_000, timeScale: daysPerSecond(5) });
    expect((await closedWith(h, c.id)).outcome).toBe('cancelled');
    expect(smtp.mails.filter((m) => m.to.includes(email))).toEqual([]);
    const row = await h.pool.query(`SELECT status, error FROM outbox WHERE case_id = $1`, [c.id]);
    expect(row.rows[0].status).toBe('failed');
    expect(row.rows[0].error).toMatch(/^mail refused: .*550/);
    expect(await stepsTaken(h, c.id)).toEqual(['start', 'mail', 'end-unsent']);
  });
});
