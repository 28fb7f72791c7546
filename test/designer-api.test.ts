// The designer's server side on the real server, Temporal and PostgreSQL: drafts, versions
// and their diff, the template library, and a dry run of the standard ladder.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
let provider: Server;
let providerHits = 0;

beforeAll(async () => {
  // A WhatsApp provider that counts every request: a dry run must never reach it.
  provider = createServer((req, res) => {
    providerHits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `msg-${providerHits}` }));
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`;
  h = await startHarness({ channels: { MAIL_FROM: 'test@example.nl', WHATSAPP_API_URL: url, SMS_API_URL: url } });
});
afterAll(async () => {
  await h?.stop();
  provider?.close();
});

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

describe('drafts and versions', () => {
  test('a new definition starts as an empty draft, saves while invalid, publishes, and diffs against its draft', async () => {
    const eva = await h.as('eva');
    const id = unique('proef');
    const created = await eva.post('/api/definitions', { id, name: 'Proefladder' });
    expect(created.status).toBe(201);
    expect(created.body.draft.body).toMatchObject({ id, steps: [] });
    expect((await eva.post('/api/definitions', { id, name: 'Nog eens' })).status).toBe(409);

    const listed = await eva.get('/api/definitions?drafts=true');
    expect(listed.body.drafts.map((d: { id: string }) => d.id)).toContain(id);

    // Incomplete: the end step is missing; a draft stores it anyway and reports the problems.
    const incomplete = {
      id,
      name: 'Proefladder',
      steps: [{ id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: {} }],
    };
    const saved = await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: incomplete, expectedUpdatedAt: created.body.draft.updatedAt });
    expect(saved.status).toBe(200);
    expect(saved.body.problems.map((p: { rule: string }) => p.rule)).toContain('unwired-outcome');

    // Someone who opened the older draft cannot overwrite the newer one.
    const stale = await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: incomplete, expectedUpdatedAt: created.body.draft.updatedAt });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/reload/);

    const mismatch = await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: { ...incomplete, id: 'other-id' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(/definition\.id/);

    const complete = {
      ...incomplete,
      steps: [
        { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'done' } },
        { id: 'done', name: 'Klaar', kind: 'end', outcome: 'cancelled', next: {} },
      ],
    };
    const v1 = await eva.post('/api/definitions/publish', { definition: complete, note: 'Eerste versie' });
    expect(v1.status).toBe(201);
    expect((await eva.get(`/api/definitions/${id}/draft`)).status).toBe(404);

    const v2draft = {
      ...complete,
      steps: [
        { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'letter' } },
        { id: 'letter', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'done', failed: 'done' } },
        { id: 'done', name: 'Klaar, gestopt', kind: 'end', outcome: 'cancelled', next: {} },
      ],
    };
    expect((await eva.call('PUT', `/api/definitions/${id}/draft`, { definition: v2draft })).status).toBe(200);
    const diff = await eva.get(`/api/definitions/${id}/diff?from=1&to=draft`);
    expect(diff.status).toBe(200);
    expect(diff.body.diff.added.map((s: { id: string }) => s.id)).toEqual(['letter']);
    expect(diff.body.diff.changed.map((s: { id: string }) => s.id).sort()).toEqual(['done', 'start']);
    expect(diff.body.diff.connections.removed).toEqual([{ from: 'start', outcome: 'next', to: 'done' }]);

    const versions = await eva.get(`/api/definitions/${id}/versions`);
    expect(versions.body.versions[0]).toMatchObject({ version: 1, publishedByName: 'Eva de Boer', changeNote: 'Eerste versie', runningCases: 0 });
  });

  test('only policy owners write drafts', async () => {
    const sanne = await h.as('sanne');
    const res = await sanne.post('/api/definitions', { id: unique('nope'), name: 'Niet van mij' });
    expect(res.status).toBe(403);
  });
});

describe('template library', () => {
  test('refuses unknown variables and a subject on WhatsApp, stores a valid template', async () => {
    const eva = await h.as('eva');
    const id = unique('sjabloon');
    const bad = await eva.call('PUT', `/api/templates/${id}`, { channel: 'whatsapp', name: 'Test', body: 'Hallo {{tenantName}}, betaal {{bedrag}}.' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/\{\{bedrag\}\}/);
    const subject = await eva.call('PUT', `/api/templates/${id}`, { channel: 'whatsapp', name: 'Test', subject: 'Onderwerp', body: 'Hallo {{tenantName}}.' });
    expect(subject.status).toBe(400);
    const ok = await eva.call('PUT', `/api/templates/${id}`, { channel: 'whatsapp', name: 'Test', body: 'Hallo {{tenantName}}, er staat {{amount}} open.' });
    expect(ok.status).toBe(200);
    expect((await eva.get(`/api/templates/${id}`)).body.template.body).toContain('{{amount}}');
    expect((await eva.call('DELETE', `/api/templates/${id}`)).status).toBe(204);
  });

  test('a template that a published definition sends cannot be removed or change channel', async () => {
    const eva = await h.as('eva');
    const del = await eva.call('DELETE', '/api/templates/veertiendagenbrief');
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/standard-ladder v1 step "fourteen-day-letter"/);
    const current = (await eva.get('/api/templates/veertiendagenbrief')).body.template;
    const moved = await eva.call('PUT', '/api/templates/veertiendagenbrief', { ...current, channel: 'email', updatedAt: undefined, updatedBy: undefined });
    expect(moved.status).toBe(409);
  });
});

describe('dry run', () => {
  test('refuses a draft with errors, naming them', async () => {
    const eva = await h.as('eva');
    const broken = { ...standardLadder, steps: standardLadder.steps.filter((s) => s.id !== 'debt-help-referral') };
    const res = await eva.post('/api/definitions/dry-run', { definition: broken, behaviour: { kind: 'never-responds' } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    // Each problem names its step as the field of the request it is about.
    expect(res.body.error.details.every((p: { field: string }) => /^body\.definition(\.steps\.\d+)?$/.test(p.field))).toBe(true);
  });

  test('the standard ladder for a tenant who never responds runs to the bailiff and eviction, with every message recorded and none delivered', async () => {
    const eva = await h.as('eva');
    const started = await eva.post('/api/definitions/dry-run', { definition: standardLadder, behaviour: { kind: 'never-responds' } });
    expect(started.status).toBe(201);
    const view = await waitFor(
      'the dry run to finish',
      async () => {
        const r = await eva.get(`/api/dry-runs/${started.body.id}`);
        return r.body.status !== 'running' ? r.body : undefined;
      },
      120_000,
      500,
    );
    expect(view).toMatchObject({ status: 'finished', outcome: 'evicted' });
    const path = view.steps.map((s: { stepId: string }) => s.stepId);
    expect(path).toEqual(expect.arrayContaining(['reminder-letter', 'whatsapp-link', 'phone-call', 'home-visit', 'debt-help-referral', 'municipality-signal', 'fourteen-day-letter', 'bailiff-claim', 'court-judgment', 'eviction-notice', 'end-evicted']));
    expect(view.steps.find((s: { stepId: string }) => s.stepId === 'phone-call').outcome).toBe('not-reached');
    expect(view.messages.map((m: { stepId: string }) => m.stepId)).toEqual(['reminder-letter', 'whatsapp-link', 'fourteen-day-letter']);
    expect(view.messages[1].body).toContain('Proefhuurder (fictief)');
    expect(view.messages.every((m: { status: string }) => m.status === 'sent')).toBe(true);
    expect(providerHits).toBe(0);

    // No staff list shows it.
    const sanne = await h.as('sanne');
    const cases = await sanne.get('/api/cases?limit=200');
    expect(cases.body.cases.map((c: { id: string }) => c.id)).not.toContain(view.caseId);
  });

  test('a tenant who agrees an arrangement and keeps it closes the case as completed', async () => {
    const eva = await h.as('eva');
    const started = await eva.post('/api/definitions/dry-run', { definition: standardLadder, behaviour: { kind: 'arrangement-kept' } });
    expect(started.status).toBe(201);
    const view = await waitFor(
      'the dry run to finish',
      async () => {
        const r = await eva.get(`/api/dry-runs/${started.body.id}`);
        return r.body.status !== 'running' ? r.body : undefined;
      },
      120_000,
      500,
    );
    expect(view).toMatchObject({ status: 'finished', outcome: 'arrangement-completed', balanceCents: 0 });
    expect(view.steps.map((s: { stepId: string }) => s.stepId)).toContain('arrangement');
    // Kept: reminded of instalments, never told one was missed.
    expect(view.messages.filter((m: { purpose: string }) => m.purpose === 'arrangement-missed')).toEqual([]);
  });
});
