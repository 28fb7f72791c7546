// Issue 10, point 4: a tenant's name, e-mail address, phone number, IBAN and BSN, planted in the
// case's data and in every free text a case takes (a note, a contact note, a task's text field,
// a pause reason, a payment reference, the refusals of a WhatsApp provider, a mail server and
// the municipality's intake that quote them back), appear nowhere in what Temporal stores (every
// history of the namespace, as the server hands it out, every byte of every payload read as
// text; and the dev server's database file) nor in what the API and the worker log. They are in
// the histories, encrypted: an ops user's codec endpoint decodes them. Keys rotate without
// losing a running case.
//
// The cases run on the run's Temporal server (the harness's address), whichever that is; the
// database-file check starts a dev server of its own with a file, since only that one has one.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { redact } from '../server/redact.ts';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA } from '../server/temporal-codec/encryption-codec.ts';
import type { PayloadKey } from '../server/temporal-codec/payload-keys.ts';
import { SESSION_COOKIE } from '../server/auth/sessions.ts';
import { closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';
import { LoopbackProvider, LoopbackSmtp } from './support/loopback.ts';
import { freePort } from '../runtime/ports.ts';

const UI = 'http://localhost:8233';
const keyText = (id: string, key: Buffer) => `${id}:${key.toString('base64')}`;
const k1Bytes = randomBytes(32);
const k2Bytes = randomBytes(32);
/** PAYLOAD_KEYS as an operator writes them, parsed as the programs parse them. */
const keysFrom = (text: string): PayloadKey[] => parseEnv({ PAYLOAD_KEYS: text }).PAYLOAD_KEYS!;
const rotated = keysFrom(`${keyText('k2', k2Bytes)},${keyText('k1', k1Bytes)}`);
const onlyK1 = keysFrom(keyText('k1', k1Bytes));

// Everything the API and the workers log, as JSON lines.
const logLines: string[] = [];
const log = createLogger('info', { write: (line: string) => void logLines.push(line) });

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
function validBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(10)));
    const check = d.reduce((sum, digit, i) => sum + digit * (9 - i), 0) % 11;
    if (check < 10) return [...d, check].join('');
  }
}

/** A tenant whose every detail is unique to this run, so a find anywhere is this test's. */
function plantedTenant() {
  const family = letters(8);
  const surname = family[0]!.toUpperCase() + family.slice(1);
  return {
    name: `Ottilie ${surname}`,
    surname,
    email: `ottilie.${family}@example.nl`,
    phone: `+316${randomInt(10_000_000, 100_000_000)}`,
    iban: `NL${randomInt(10, 100)}RABO0${randomInt(100_000_000, 1_000_000_000)}`,
    bsn: validBsn(),
  };
}
type Planted = ReturnType<typeof plantedTenant>;
/** What must not be found: each detail, and the parts a careless redaction might leave. */
const secretsOf = (p: Planted) => [p.name, p.surname, p.email, p.email.split('@')[0]!, p.phone, p.phone.slice(3), p.iban, p.iban.slice(4), p.bsn];

/** Text of a Temporal message as stored: every string, and every byte string (payload data, metadata) read as UTF-8. */
function asText(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
    else if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return parts.join('\n');
}

/** Every payload in a history: inputs, results, update and signal arguments, headers, search attributes. */
function payloadsIn(value: unknown): Payload[] {
  const out: Payload[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    const metadata = (v as { metadata?: unknown }).metadata;
    if (metadata && typeof metadata === 'object' && Object.values(metadata).every((m) => m instanceof Uint8Array)) out.push(v as Payload);
    else Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

/** Every history in the namespace, as the server hands it out (the client's fetchHistory does not decode). */
async function everyStoredHistory(temporal: Client): Promise<Array<{ workflowId: string; history: unknown }>> {
  const out: Array<{ workflowId: string; history: unknown }> = [];
  for await (const wf of temporal.workflow.list()) {
    out.push({ workflowId: wf.workflowId, history: await temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory() });
  }
  return out;
}

async function historyOf(h: Harness, caseId: string) {
  const row = await h.pool.query<{ workflow_id: string }>(`SELECT workflow_id FROM cases WHERE id = $1`, [caseId]);
  return await h.temporal.workflow.getHandle(row.rows[0]!.workflow_id).fetchHistory();
}

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const fromJson = (p: { metadata: Record<string, string>; data?: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

/** Decodes payloads as the Web UI does: POST …/decode with X-Namespace. */
async function decodeThrough(api: Api, payloads: Payload[]) {
  const res = await api.post('/api/temporal-codec/decode', { payloads: payloads.map(toJson) }, { 'x-namespace': 'default' });
  return { status: res.status, payloads: res.status === 200 ? (res.body.payloads as Array<{ metadata: Record<string, string>; data?: string }>).map(fromJson) : [] };
}

type Step = DefinitionInput['steps'][number];
/** A phone call whose one outcome asks for a free text. */
const call = (next: string): Step => ({
  id: 'call',
  name: 'Bellen',
  kind: 'task',
  task: 'phone-call',
  role: 'caseworker',
  outcomes: [{ id: 'reached', label: 'Bereikt', meaning: 'contact-made', fields: [{ id: 'note', label: 'Notitie', type: 'longtext', required: true }] }],
  next: { reached: next },
});
/** A month's wait that a contact ends, then the end. */
const listenThenEnd: Step[] = [
  { id: 'listen', name: 'Wachten op reactie', kind: 'wait', duration: 'P30D', endsOn: ['contact'], next: { elapsed: 'done', contact: 'done' } },
  { id: 'done', name: 'Afgerond', kind: 'end', outcome: 'handed-over' },
];

const plantedProcess = (id: string): DefinitionInput => ({
  id,
  name: 'Privacy: elke plek waar persoonsgegevens langs kunnen komen',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder' } },
    { id: 'reminder', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', offersMunicipalitySignal: true, next: { sent: 'whatsapp', failed: 'done' } },
    { id: 'whatsapp', name: 'WhatsApp', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'mail', failed: 'mail' } },
    { id: 'mail', name: 'E-mail', kind: 'communicate', channel: 'email', template: 'herinnering-email', purpose: 'reminder', next: { sent: 'call', failed: 'call' } },
    call('debt-help'),
    { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'signal', refused: 'signal' } },
    { id: 'signal', name: 'Vroegsignalering', kind: 'handover', partner: 'municipality-signal', next: { accepted: 'listen', refused: 'listen' } },
    ...listenThenEnd,
  ],
});

/** A call, then a wait for contact: a case that stays open until someone acts, at real time. */
const waitingProcess = (id: string): DefinitionInput => ({
  id,
  name: 'Privacy: sleutelrotatie',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
    call('listen'),
    ...listenThenEnd,
  ],
});

let provider: LoopbackProvider;
let intake: LoopbackProvider;
let smtp: LoopbackSmtp;
let h: Harness;
let plantedId: string;
let waitingId: string;

beforeAll(async () => {
  [provider, intake, smtp] = await Promise.all([new LoopbackProvider().start(), new LoopbackProvider().start(), new LoopbackSmtp().start()]);
  h = await startHarness({ ...outsideWorld(), payloadKeys: rotated, log, temporalUiUrl: UI });
  const eva = await h.as('eva');
  plantedId = `privacy-${randomUUID().slice(0, 8)}`;
  waitingId = `privacy-wait-${randomUUID().slice(0, 8)}`;
  for (const definition of [plantedProcess(plantedId), waitingProcess(waitingId)]) {
    const published = await eva.post('/api/definitions/publish', { definition });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => {
  await h?.stop();
  await Promise.all([provider?.stop(), intake?.stop(), smtp?.stop()]);
});

function outsideWorld() {
  return {
    channels: {
      MAIL_FROM: 'incasso@woningcorporatie.test',
      SMTP_URL: smtp.url,
      WHATSAPP_API_URL: provider.url,
      WHATSAPP_API_TOKEN: 'loopback-token',
      MUNICIPALITY_SIGNAL_URL: intake.url,
      MUNICIPALITY_SIGNAL_TOKEN: 'gemeente-token',
    },
  };
}

/**
 * One case through every place personal data can pass: the providers refuse it quoting the
 * tenant back (a 5xx that Temporal retries, then a 4xx), notes and texts name the tenant, a
 * payment reference carries the IBAN (a bank's description does), and the case ends.
 */
async function runPlantedCase(harness: Harness, p: Planted) {
  const [sanne, mark] = await Promise.all([harness.as('sanne'), harness.as('mark')]);
  const quoted = `${p.name} <${p.email}> ${p.phone} IBAN ${p.iban} BSN ${p.bsn}`;
  provider.script(p.phone, { status: 503, body: { error: `cannot reach ${quoted} now` } }, { status: 422, body: { error: `recipient refused: ${quoted}` } });
  // The intake's script is keyed by `to`, which a handover has not: every handover meets it.
  intake.script('', { status: 502, body: { error: `upstream choked on ${quoted}` } }, { status: 409, body: { error: `already registered: ${quoted}` } });
  smtp.refused.add(p.email);

  const c = await harness.openCase(sanne, {
    definitionId: plantedId,
    timeScale: daysPerSecond(2),
    tenancy: { reference: `PRIV-${randomUUID().slice(0, 6).toUpperCase()}`, street: `${p.surname}straat 12`, postalCode: '3511 AB', city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: p.name, phone: p.phone, email: p.email },
  });
  expect((await sanne.post(`/api/cases/${c.id}/notes`, { text: `Gesproken met ${p.name}, bereikbaar op ${p.phone}` })).status).toBe(201);
  const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${p.iban} ${p.name} huur`, amountCents: 1_000 });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);

  await complete(sanne, (await openTask(harness, c.id, 'call')).id, 'reached', { note: `${p.name} (BSN ${p.bsn}) betaalt van ${p.iban}; mail naar ${p.email}` });
  await waitFor('the case at the wait for contact', async () => (await harness.state(c.id)).currentStep?.id === 'listen' || undefined, 60_000);
  const paused = await mark.post(`/api/cases/${c.id}/pause`, { reason: `Op verzoek van ${p.name}, ${p.email}`, reviewDate: '2099-01-01' });
  expect(paused.status, JSON.stringify(paused.body)).toBe(200);
  expect((await mark.post(`/api/cases/${c.id}/resume`, { note: `BSN ${p.bsn} gecontroleerd` })).status).toBe(200);
  const contact = await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: `${p.name} belde terug vanaf ${p.phone}` });
  expect(contact.status, JSON.stringify(contact.body)).toBe(200);
  await closedWith(harness, c.id);

  // The refusals happened and were recorded, redacted, where staff read them.
  expect(provider.to(p.phone)).toHaveLength(2);
  const outbox = await harness.pool.query<{ channel: string; status: string; error: string | null }>(`SELECT channel, status, error FROM outbox WHERE case_id = $1 ORDER BY id`, [c.id]);
  expect(outbox.rows.find((r) => r.channel === 'whatsapp')).toMatchObject({ status: 'failed', error: expect.stringContaining('refused (422)') });
  expect(outbox.rows.find((r) => r.channel === 'email')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^mail refused: .*550/) });
  const handover = await harness.pool.query<{ delivery_error: string | null }>(`SELECT delivery_error FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal'`, [c.id]);
  expect(handover.rows[0]!.delivery_error).toContain('refused (409)');
  for (const secret of secretsOf(p)) expect(JSON.stringify([outbox.rows, handover.rows])).not.toContain(secret);
  return c;
}

const found = (haystack: string, p: Planted) => secretsOf(p).filter((s) => haystack.includes(s));

describe('the codec and the redaction on their own', () => {
  test('PAYLOAD_KEYS: the first key is current, a wrong value stops the program naming the variable and never the key, production needs keys', () => {
    expect(rotated.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(rotated[0]!.key.equals(k2Bytes)).toBe(true);
    const short = randomBytes(16).toString('base64');
    for (const wrong of [`k1:${short}`, 'k1', `k1:${k1Bytes.toString('base64')},k1:${k2Bytes.toString('base64')}`, `bad id:${k1Bytes.toString('base64')}`, 'k1:not base64!']) {
      let message = '';
      try {
        parseEnv({ PAYLOAD_KEYS: wrong });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, wrong).toMatch(/PAYLOAD_KEYS=\(hidden\): key 1|PAYLOAD_KEYS=\(hidden\): key 2/);
      expect(message).not.toContain(short);
      expect(message).not.toContain(k1Bytes.toString('base64'));
    }
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_KEYS=.*production encrypts Temporal payloads/);
    expect(parseEnv({ NODE_ENV: 'production' }, { withoutTemporal: true }).PAYLOAD_KEYS).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'production', PAYLOAD_KEYS: keyText('k1', k1Bytes), METRICS_TOKEN: 'a'.repeat(24), TENANT_LINK_KEY: Buffer.alloc(32, 3).toString('base64') }).PAYLOAD_KEYS).toHaveLength(1);
    expect(parseEnv({}).PAYLOAD_KEYS).toBeUndefined();
  });

  test('payloads are encrypted with the current key, decode with any configured key, and unencrypted ones pass through', async () => {
    const plain: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify({ reference: 'NL91ABNA0417164300' })) };
    const [sealed] = await new EncryptionCodec(onlyK1).encode([plain]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(text(sealed!.data)).not.toContain('NL91');
    const [opened] = await new EncryptionCodec(rotated).decode([sealed!]);
    expect(text(opened!.data)).toBe(text(plain.data));
    expect(text(opened!.metadata!.encoding)).toBe('json/plain');
    expect(await new EncryptionCodec(rotated).decode([plain])).toEqual([plain]);
    await expect(new EncryptionCodec(keysFrom(keyText('k2', k2Bytes))).decode([sealed!])).rejects.toThrow(/key "k1", which PAYLOAD_KEYS does not hold/);
    const tampered = { ...sealed!, data: Buffer.from(sealed!.data!).fill(0, 20, 21) };
    await expect(new EncryptionCodec(onlyK1).decode([tampered])).rejects.toThrow(/does not decrypt with key "k1"/);
  });

  test('error texts lose e-mail addresses, phone numbers, IBANs, BSNs and the case’s known details, and keep ids, dates and codes', () => {
    expect(redact('550 5.1.1 <jan.devries@example.nl>: unknown; call +31 (0)6 1234 5678 or 06-12345678')).toBe('550 5.1.1 <[e-mail]>: unknown; call [number] or [number]');
    expect(redact('IBAN NL91 ABNA 0417 1643 00, NL91ABNA0417164300; BSN 111222333 and 123.456.782')).toBe('IBAN [iban], [iban]; BSN [bsn] and [bsn]');
    expect(redact('refused for Mevrouw De Vries (Vries) at Lindelaan 12', ['Mevrouw De Vries', 'Lindelaan 12'])).toBe('refused for [redacted] ([redacted]) at [redacted]');
    const ids = 'case 3f2a1b4c-1234-5678-9abc-def012345678 wamid.12345678 on 2026-11-01 at 2026-11-01T09:00:00.000Z, answered 503 (5.1.1), € 812,50';
    expect(redact(ids)).toBe(ids);
  });
});

describe('planted personal data on the run’s Temporal server', () => {
  test('is nowhere in any stored history nor in the logs, and is in the histories encrypted: an ops user decodes it', async () => {
    const p = plantedTenant();
    const c = await runPlantedCase(h, p);

    // Every history in the namespace, as stored.
    const histories = await everyStoredHistory(h.temporal);
    expect(histories.length).toBeGreaterThan(0);
    const mine = await historyOf(h, c.id);
    expect(histories.some((x) => x.workflowId === c.workflowId)).toBe(true);
    for (const { workflowId, history } of histories) expect(found(asText(history), p), `history of ${workflowId}`).toEqual([]);
    // Its payloads are encrypted with the current key; the failures of the 503 and 502 attempts are there, redacted.
    const payloads = payloadsIn(mine);
    const encrypted = payloads.filter((x) => text(x.metadata?.encoding) === ENCRYPTED_ENCODING);
    expect(encrypted.length).toBeGreaterThan(10);
    expect(new Set(encrypted.map((x) => text(x.metadata?.[KEY_ID_METADATA])))).toEqual(new Set(['k2']));
    const raw = asText(mine);
    expect(raw).toMatch(/whatsapp provider answered 503: .*\[redacted\]/);
    expect(raw).toMatch(/municipality answered 502: .*\[iban\]/);

    // Decoded through the codec endpoint, the same history holds what was planted in it: the
    // payment reference, the provider's (redacted) refusal in the activity result, the case id.
    const omar = await h.as('omar');
    const decoded = await decodeThrough(omar, payloads);
    expect(decoded.status).toBe(200);
    const plainText = decoded.payloads.map((x) => text(x.data)).join('\n');
    expect(plainText).toContain(`${p.iban} ${p.name} huur`);
    expect(plainText).toContain(c.id);
    expect(plainText).toContain('refused (422)');
    expect(decoded.payloads.every((x) => text(x.metadata?.encoding) !== ENCRYPTED_ENCODING)).toBe(true);

    // The logs: the API's requests, the worker's failed attempts and the SDK's "Activity failed".
    const logs = logLines.join('');
    expect(logs).toContain('activity attempt failed');
    expect(logs).toContain('Activity failed');
    expect(logs).toContain(`/api/cases/${c.id}/payments`);
    expect(found(logs, p)).toEqual([]);
  });
});

describe('the codec endpoint for the Temporal Web UI', () => {
  test('decodes for ops roles (the workflow input shows the case id), refuses a caseworker (403) and the anonymous (401)', async () => {
    const sanne = await h.as('sanne');
    const c = await h.openCase(sanne, { definitionId: waitingId });
    await openTask(h, c.id, 'call');
    const started = (await historyOf(h, c.id)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    expect(text(started[0]!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(started[0]!.data)).not.toContain(c.id);

    const [input] = (await decodeThrough(await h.as('omar'), started)).payloads;
    expect(text(input!.metadata!.encoding)).toBe('json/plain');
    expect(JSON.parse(text(input!.data))).toMatchObject({ caseId: c.id });
    // A team lead and a collection manager watch cases too (opsRoles).
    expect((await decodeThrough(await h.as('mark'), started)).status).toBe(200);
    const refused = await sanne.post('/api/temporal-codec/decode', { payloads: started.map(toJson) }, { 'x-namespace': 'default' });
    expect(refused.status).toBe(403);
    const anonymous = await h.anonymous.post('/api/temporal-codec/decode', { payloads: started.map(toJson) }, { 'x-namespace': 'default' });
    expect(anonymous.status).toBe(401);
    const otherNamespace = await (await h.as('omar')).post('/api/temporal-codec/decode', { payloads: [] }, { 'x-namespace': 'elders' });
    expect(otherNamespace.status).toBe(400);
    // Encode is the inverse: what the UI sends when starting or signalling a workflow.
    const encoded = await (await h.as('omar')).post('/api/temporal-codec/encode', { payloads: [toJson(input!)] }, { 'x-namespace': 'default' });
    expect(encoded.status).toBe(200);
    expect(text(fromJson(encoded.body.payloads[0]).metadata![KEY_ID_METADATA])).toBe('k2');
    await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });

  test('answers the UI’s preflight and its credentialed request from the UI’s origin (both spellings of this machine), and no other origin', async () => {
    const omar = await h.as('omar');
    const started = (await historyOf(h, (await h.openCase(await h.as('sanne'), { definitionId: waitingId })).id)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    for (const origin of [UI, 'http://127.0.0.1:8233']) {
      const preflight = await fetch(`${h.baseUrl}/api/temporal-codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
      expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    }
    // The UI with "include credentials" sends the session cookie of the signed-in ops user.
    const cookie = `${SESSION_COOKIE}=${omar.token}`;
    const request = (origin: string) =>
      fetch(`${h.baseUrl}/api/temporal-codec/decode`, {
        method: 'POST',
        headers: { origin, cookie, 'content-type': 'application/json', 'x-namespace': 'default' },
        body: JSON.stringify({ payloads: started.map(toJson) }),
      });
    const fromUi = await request(UI);
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI);
    const body = (await fromUi.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(text(fromJson(body.payloads[0]!).metadata!.encoding)).toBe('json/plain');
    // A page elsewhere gets no CORS headers and no answer, whatever cookie the browser adds.
    const elsewhere = await request('https://evil.example');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('key rotation', () => {
  test('a case started under k1 keeps running under k2,k1: old payloads decode, new ones use k2, and a codec without k1 could not read it', async () => {
    const before = await startHarness({ payloadKeys: onlyK1, log });
    let caseId: string;
    let workflowId: string;
    const tag = letters(10);
    try {
      const sanne = await before.as('sanne');
      const c = await before.openCase(sanne, { definitionId: waitingId });
      [caseId, workflowId] = [c.id, c.workflowId];
      expect((await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `oud-${tag}`, amountCents: 500 })).status).toBe(200);
      await openTask(before, c.id, 'call');
    } finally {
      await before.stop();
    }
    // The same cases, task queue and database; the keys rotated: k2 current, k1 kept.
    const after = await startHarness({ payloadKeys: rotated, log, taskQueue: before.taskQueue });
    try {
      const sanne = await after.as('sanne');
      await complete(sanne, (await openTask(after, caseId, 'call')).id, 'reached', { note: 'Na de sleutelwissel' });
      expect((await sanne.post(`/api/cases/${caseId}/payments`, { reason: 'overboeking gezien in de bank', reference: `nieuw-${tag}`, amountCents: 500 })).status).toBe(200);
      expect((await sanne.post(`/api/cases/${caseId}/events`, { type: 'contact', note: 'Belde terug' })).status).toBe(200);
      expect((await closedWith(after, caseId)).outcome).toBe('handed-over');

      const history = await after.temporal.workflow.getHandle(workflowId).fetchHistory();
      const payloads = payloadsIn(history).filter((x) => text(x.metadata?.encoding) === ENCRYPTED_ENCODING);
      expect(new Set(payloads.map((x) => text(x.metadata?.[KEY_ID_METADATA])))).toEqual(new Set(['k1', 'k2']));
      const decoded = await decodeThrough(await after.as('omar'), payloads);
      expect(decoded.status).toBe(200);
      const plainText = decoded.payloads.map((x) => text(x.data)).join('\n');
      for (const expected of [caseId, `oud-${tag}`, `nieuw-${tag}`]) expect(plainText).toContain(expected);
      // Why old keys stay listed: without k1 its payloads cannot be read (the endpoint says so with a 400).
      const k1Payloads = payloads.filter((x) => text(x.metadata?.[KEY_ID_METADATA]) === 'k1');
      await expect(new EncryptionCodec(keysFrom(keyText('k2', k2Bytes))).decode(k1Payloads)).rejects.toThrow(/"k1"/);
    } finally {
      await after.stop();
    }
  });
});

describe('the Temporal dev server’s database file', () => {
  test('holds none of the planted data, though it holds the case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrears-privacy-temporal-'));
    const server = await startDevServer({ binary: await ensureTemporalCli(() => undefined), port: await freePort(), uiPort: await freePort(), namespace: 'default', dbFile: join(dir, 'temporal.db'), headless: true });
    const p = plantedTenant();
    let workflowId: string;
    try {
      const own = await startHarness({ ...outsideWorld(), payloadKeys: rotated, log, temporalAddress: server.address });
      try {
        workflowId = (await runPlantedCase(own, p)).workflowId;
      } finally {
        await own.stop();
      }
    } finally {
      await server.stop();
    }
    try {
      // The file and its write-ahead log, byte for byte.
      const files = readdirSync(dir).filter((f) => f.startsWith('temporal.db'));
      const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes.includes(workflowId)).toBe(true);
      for (const secret of secretsOf(p)) expect(bytes.includes(secret), `${secret} in ${files.join(', ')}`).toBe(false);
      expect(found(logLines.join(''), p)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
