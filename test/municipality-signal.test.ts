// The municipality's early signal as the landlords' upload point takes it (Bgs art. 2): the
// waiting signals leave as one batch file with exactly the signal's minimal fields, once; the
// municipality's answers come back as a file and land on the cases, help accepted pausing the
// case as an accepted debt-help referral does. Its own database: a batch takes every waiting
// signal, and other files' cases must not be in it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { MunicipalitySignalSchema } from '../definition/handover-payloads.ts';
import { complete, openTask, timeline } from './support/cases.ts';
import { signalThenRoom } from './support/definitions.ts';
import { caseBusinessNow } from '../server/tasks/repository.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let johan: Api;
let sanne: Api;

beforeAll(async () => {
  h = await startHarness({ ownDatabase: true });
  [johan, sanne] = await Promise.all([h.as('johan'), h.as('sanne')]);
});
afterAll(async () => h?.stop());

const definitionId = `signal-${randomUUID().slice(0, 8)}`;
const signalling = signalThenRoom(definitionId);

type Tenant = { name: string; street: string; postalCode: string; phone: string; email: string; arrearsCents: number };
const tenants: Record<'accepts' | 'refuses' | 'unreachable', Tenant> = {
  accepts: { name: 'Mevrouw Jansen', street: 'Molenweg 7', postalCode: '3512 AB', phone: '+31612340000', email: 'jansen@example.nl', arrearsCents: 123_456 },
  refuses: { name: 'De heer "Bos", jr.', street: 'Kade 1', postalCode: '3511 CD', phone: '+31612340001', email: 'bos@example.nl', arrearsCents: 80_000 },
  unreachable: { name: 'Familie Smit', street: 'Laan 3', postalCode: '3513 EF', phone: '+31612340002', email: 'smit@example.nl', arrearsCents: 95_000 },
};
type Who = keyof typeof tenants;
const cases = {} as Record<Who, { id: string; reference: string; signal: string }>;
const today = () => new Date().toISOString().slice(0, 10);

const csv = (lines: string[][]) => `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
const postCsv = (api: Api, text: string) => api.call('POST', '/api/municipality-signals/answers', text, { 'content-type': 'text/csv' });
const eventNames = async (caseId: string) => (await timeline(h, caseId)).filter((e) => e.type === 'event').map((e) => e.data.name as string);
const answerCount = async () => (await h.pool.query(`SELECT count(*)::int AS n FROM municipality_signal_answers`)).rows[0].n as number;

describe('the municipality signal at the upload point', () => {
  test('cases that reach the signal step wait for the upload point', async () => {
    expect((await h.as('eva').then((eva) => eva.post('/api/definitions/publish', { definition: signalling }))).status).toBe(201);
    for (const who of Object.keys(tenants) as Who[]) {
      const t = tenants[who];
      const c = await h.openCase(sanne, {
        definitionId,
        arrearsCents: t.arrearsCents,
        segmentSuggestion: 'structural-problems',
        tenancy: { reference: `GEM-${randomUUID().slice(0, 6).toUpperCase()}`, street: t.street, postalCode: t.postalCode, city: 'Utrecht', monthlyRentCents: 71_000, minorsInHousehold: true },
        tenant: { name: t.name, phone: t.phone, email: t.email, preferredChannel: 'whatsapp' },
      });
      // A note with sensitive content on the case: it may never reach the municipality.
      expect((await sanne.post(`/api/cases/${c.id}/notes`, { text: 'Zoon ernstig ziek; werkt niet meer.' })).status).toBe(201);
      await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
      const signal = await waitFor(`the signal of ${who} recorded and delivered to the record`, async () => {
        const r = await h.pool.query<{ id: string }>(`SELECT id FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal' AND delivery_ref IS NOT NULL`, [c.id]);
        return r.rows[0]?.id;
      });
      cases[who] = { id: c.id, reference: c.reference, signal };
    }
    const listed = await johan.get('/api/municipality-signals/batches');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ waiting: 3, batches: [] });
  }, 120_000);

  test('a batch is made once and its export holds exactly the minimal fields, one row per signal', async () => {
    const made = await johan.post('/api/municipality-signals/batches', {});
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.batch).toMatchObject({ signals: 3, answered: 0, createdBy: 'Johan Smit' });
    const id = made.body.batch.id as number;
    // Nothing waits any more: a second export would send the same tenants again.
    expect((await johan.post('/api/municipality-signals/batches', {})).status).toBe(409);

    const file = await johan.get<string>(`/api/municipality-signals/batches/${id}/export?format=csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('cache-control')).toBe('no-store');
    const text = file.body;
    const [header, ...rows] = text.trimEnd().split('\r\n');
    // The signal's own reference, then MunicipalitySignalSchema's fields, and nothing else.
    expect(header).toBe('reference,name,address.street,address.postalCode,address.city,phone,email,arrearsCents');
    expect(Object.keys(MunicipalitySignalSchema.shape).sort()).toEqual(['address', 'arrearsCents', 'email', 'name', 'phone']);
    expect(rows).toHaveLength(3);
    const a = tenants.accepts;
    expect(rows).toContain(`${cases.accepts.signal},${a.name},${a.street},${a.postalCode},Utrecht,${a.phone},${a.email},${a.arrearsCents}`);
    // A name with a quote and a comma is one quoted cell (RFC 4180).
    expect(rows).toContain(`${cases.refuses.signal},"De heer ""Bos"", jr.",Kade 1,3511 CD,Utrecht,+31612340001,bos@example.nl,80000`);
    for (const secret of [...Object.values(cases).map((c) => c.reference), 'Zoon', 'structural', 'whatsapp', '71000', 'minors', 'true']) expect(text).not.toContain(secret);

    const json = await johan.get(`/api/municipality-signals/batches/${id}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.format).toBe('municipality-signal/1');
    expect(json.body.signals).toHaveLength(3);
    for (const s of json.body.signals) {
      const { reference, ...payload } = s;
      expect(Object.values(cases).map((c) => c.signal)).toContain(reference);
      expect(MunicipalitySignalSchema.safeParse(payload).success).toBe(true);
    }

    // The same batch downloads again with the same signals, and every download is a recorded read.
    expect((await johan.get<string>(`/api/municipality-signals/batches/${id}/export`)).body).toBe(text);
    const reads = await h.pool.query(`SELECT details FROM audit_log WHERE action = 'personal-data.list' AND entity = 'municipality-signal-batch' ORDER BY id`);
    expect(reads.rows).toHaveLength(3);
    expect([...reads.rows[0].details.caseIds].sort()).toEqual(Object.values(cases).map((c) => c.id).sort());
    // Ops reads a tenant's contact data only by opening one case.
    expect((await (await h.as('omar')).get(`/api/municipality-signals/batches/${id}/export`)).status).toBe(403);
  });

  test('a file with a bad line is refused whole, naming each bad line, and nothing is applied', async () => {
    const res = await postCsv(
      johan,
      csv([
        ['reference', 'answer', 'date', 'pauseUntil'],
        [cases.accepts.signal, 'help-accepted', today(), ''],
        ['no-such-signal', 'help-refused', today(), ''],
        [cases.refuses.signal, 'maybe', today(), ''],
        [cases.unreachable.signal, 'not-reachable', '2026-13-01', ''],
        [cases.refuses.signal, 'help-refused', today(), '2099-01-01'],
        [cases.unreachable.signal, 'not-reachable', '2099-01-01', ''],
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { line: number }) => d.line)).toEqual([4, 5, 6, 3, 7]);
    expect(res.body.error.message).toContain('line 7: date: 2099-01-01 lies in the future');
    expect(res.body.error.message).toContain('line 3: reference: no municipality signal no-such-signal');
    expect(res.body.error.message).toContain('line 6: pauseUntil: pauseUntil goes with help-accepted only');
    expect(await answerCount()).toBe(0);
    expect((await h.state(cases.accepts.id)).paused).toBeNull();
    expect(await eventNames(cases.accepts.id)).toEqual([]);

    const header = await postCsv(johan, 'reference;answer;name\r\nx;help-accepted;Jansen\r\n');
    expect(header.status).toBe(400);
    expect(header.body.error.message).toContain('the header lacks the column date and has the unknown column name');
  });

  const goodFile = () =>
    csv([
      ['reference', 'answer', 'date'],
      [cases.accepts.signal, 'help-accepted', today()],
      [cases.refuses.signal, 'help-refused', today()],
    ]);

  test('an imported "help accepted" pauses the case; a refusal lands on its timeline', async () => {
    const caseDate = async () => (await caseBusinessNow(h.pool, cases.accepts.id)).slice(0, 10);
    const before = await caseDate();
    const res = await postCsv(johan, goodFile());
    const after = await caseDate();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ applied: 2, unchanged: 0 });
    expect(res.body.lines).toEqual([
      { line: 2, reference: cases.accepts.signal, answer: 'help-accepted', caseId: cases.accepts.id, effect: 'paused' },
      { line: 3, reference: cases.refuses.signal, answer: 'help-refused', caseId: cases.refuses.id, effect: 'recorded' },
    ]);

    const paused = await waitFor('the accepting case paused', async () => (await h.state(cases.accepts.id)).paused ?? undefined);
    // The covenant's 30 days from the case's date (which may turn over during the import), as a debt-help acceptance's review.
    const plus30 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect([plus30(before), plus30(after)]).toContain(paused.reviewDate);
    const page = await johan.get(`/api/cases/${cases.accepts.id}`);
    expect(page.body.case.status).toBe('paused');
    expect(page.body.timeline.some((e: { type: string; data: { reason?: string } }) => e.type === 'paused' && e.data.reason === 'Vroegsignalering gemeente: de huurder neemt hulp aan')).toBe(true);
    expect(await eventNames(cases.accepts.id)).toEqual(['municipality-help-accepted']);

    expect(await eventNames(cases.refuses.id)).toEqual(['municipality-help-refused']);
    expect((await h.state(cases.refuses.id)).paused).toBeNull();
    const audited = await h.pool.query(`SELECT case_id, after FROM audit_log WHERE action = 'municipality-signal.answer' ORDER BY id`);
    expect(audited.rows.map((r) => [r.case_id, r.after.answer, r.after.effect])).toEqual([
      [cases.accepts.id, 'help-accepted', 'paused'],
      [cases.refuses.id, 'help-refused', 'recorded'],
    ]);
  });

  test('the answer comes by API as JSON too: not reachable is on the timeline', async () => {
    const res = await johan.post('/api/municipality-signals/answers', { answers: [{ reference: cases.unreachable.signal, answer: 'not-reachable', date: today() }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ line: 1, effect: 'recorded' });
    expect(await eventNames(cases.unreachable.id)).toEqual(['municipality-not-reachable']);
    const bad = await johan.post('/api/municipality-signals/answers', { answers: [{ reference: cases.unreachable.signal, answer: 'help-accepted', date: today(), name: 'Smit' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ line: 1 });
  });

  test('the same file twice changes nothing', async () => {
    const events = async () => (await h.pool.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[])`, [Object.values(cases).map((c) => c.id)])).rows[0].n as number;
    const [before, answers] = [await events(), await answerCount()];
    const res = await postCsv(johan, goodFile());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: 0, unchanged: 2 });
    expect(res.body.lines.map((l: { effect: string }) => l.effect)).toEqual(['unchanged', 'unchanged']);
    expect(await events()).toBe(before);
    expect(await answerCount()).toBe(answers);
    expect((await h.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'municipality-signal.answer'`)).rows[0].n).toBe(3);
    expect((await johan.get('/api/municipality-signals/batches')).body.batches[0]).toMatchObject({ signals: 3, answered: 3 });
  });

  test('a signal step drawn to wait for the answer takes "help accepted" as its partner\'s acceptance and pauses as drawn', async () => {
    const id = `${definitionId}-waits`;
    const waiting: DefinitionInput = {
      id,
      name: 'Melding gemeente, wacht op antwoord',
      steps: signalling.steps.map((step) =>
        step.id === 'signal' && step.kind === 'handover' ? { ...step, response: { within: 'P1Y', otherwise: 'refused' }, pause: { review: 'P60D' } } : step,
      ),
    };
    const published = await (await h.as('eva')).post('/api/definitions/publish', { definition: waiting });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const c = await h.openCase(sanne, { definitionId: id });
    await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
    const signal = await waitFor('the signal awaiting its answer', async () => {
      const r = await h.pool.query<{ id: string }>(`SELECT id FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal' AND status = 'awaiting' AND delivery_ref IS NOT NULL`, [c.id]);
      return r.rows[0]?.id;
    });
    await waitFor('the case waiting on the municipality', async () => (await h.state(c.id)).currentStep?.id === 'signal');

    const res = await postCsv(johan, csv([['reference', 'answer', 'date'], [signal, 'help-accepted', today()]]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines[0].effect).toBe('handover-accepted');
    const paused = await waitFor('the case paused by its step', async () => (await h.state(c.id)).paused ?? undefined);
    expect(paused).toMatchObject({ by: 'system', reason: 'Vroegsignalering gemeente helpt de huurder' });
    const handover = await h.pool.query(`SELECT status FROM handovers WHERE id = $1`, [signal]);
    expect(handover.rows[0].status).toBe('accepted');
  });
});
