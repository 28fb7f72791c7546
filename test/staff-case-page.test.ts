// The case page's own endpoints: notes (stored in case_notes, shown in the timeline, no
// workflow involved), the progress fingerprint the page polls, and the audit log: every
// change and every read of personal data recorded, shown per case, and append-only for the
// app's own database access.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atStep } from './support/cases.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api, mark: Api, priya: Api, eva: Api, omar: Api;
let ids: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, priya, eva, omar] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('priya'), h.as('eva'), h.as('omar')]);
  ids = Object.fromEntries(((await sanne.get('/api/staff')).body.staff as Array<{ id: string; username: string }>).map((u) => [u.username, u.id]));
});
afterAll(async () => h?.stop());

const parked = async () => {
  const c = await h.openCase(sanne);
  await atStep(h, c.id, 'wait-after-reminder');
  return c;
};

describe('notes', () => {
  test('a note is stored, appears in the timeline with its text and author, and changes the progress fingerprint', async () => {
    const c = await parked();
    const before = (await sanne.get(`/api/cases/${c.id}/progress`)).body;
    expect(before).toMatchObject({ status: 'active', balanceCents: 80_000, currentStep: 'wait-after-reminder' });
    const added = await sanne.post(`/api/cases/${c.id}/notes`, { text: 'Huurder belde: salaris komt vrijdag binnen.' });
    expect(added.status).toBe(201);
    expect(added.body.note).toMatchObject({ author: ids.sanne, authorName: 'Sanne Jansen', text: 'Huurder belde: salaris komt vrijdag binnen.' });
    const detail = (await mark.get(`/api/cases/${c.id}`)).body;
    const note = detail.timeline.find((e: { type: string }) => e.type === 'note');
    expect(note).toMatchObject({ actor: ids.sanne, data: { text: 'Huurder belde: salaris komt vrijdag binnen.' } });
    expect((await sanne.get(`/api/cases/${c.id}/progress`)).body.version).not.toBe(before.version);
    const notes = (await priya.get(`/api/cases/${c.id}/notes`)).body.notes;
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Huurder belde: salaris komt vrijdag binnen.']);
    // The workflow never saw the text: notes stay in PostgreSQL.
    const history = await h.temporal.workflow.getHandle(c.workflowId).fetchHistory();
    expect(JSON.stringify(history)).not.toContain('salaris komt vrijdag');
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });

  test('a note on a closed case is still possible (no workflow needed)', async () => {
    const c = await parked();
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
    await waitFor('closed', async () => (await h.pool.query(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0]?.status === 'closed');
    const res = await mark.post(`/api/cases/${c.id}/notes`, { text: 'Dossier gesloten na overleg.' });
    expect(res.status).toBe(201);
  });

  test('refused: an empty or too long note names the field, an unknown case is a 404, a policy owner may not write one, nobody unsigned', async () => {
    const c = await parked();
    const empty = await sanne.post(`/api/cases/${c.id}/notes`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('body.text: text is required');
    const long = await sanne.post(`/api/cases/${c.id}/notes`, { text: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('body.text: a note is at most 4000 characters');
    expect((await sanne.post(`/api/cases/${randomUUID()}/notes`, { text: 'Hallo' })).status).toBe(404);
    expect((await sanne.post('/api/cases/not-a-case/notes', { text: 'Hallo' })).body.error.message).toContain('path.id');
    expect((await eva.post(`/api/cases/${c.id}/notes`, { text: 'Hallo' })).status).toBe(403);
    expect((await h.anonymous.post(`/api/cases/${c.id}/notes`, { text: 'Hallo' })).status).toBe(401);
    const stored = await h.pool.query(`SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1 AND kind = 'note'`, [c.id]);
    expect(stored.rows[0].n).toBe(0);
    expect((await sanne.get(`/api/cases/${randomUUID()}/progress`)).status).toBe(404);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });
});

describe('the audit log', () => {
  test('a case\'s audit shows who opened it, who read it, listed it, claimed and completed its task, paused it and wrote a note, with before and after', async () => {
    const c = await h.openCase(sanne, { definitionId: 'kwijtschelding', arrearsCents: 120_000 });
    const task = await waitFor('the proposal task', async () => (await h.pool.query(`SELECT id FROM tasks WHERE case_id = $1`, [c.id])).rows[0]?.id as string | undefined);
    await sanne.get(`/api/cases/${c.id}`);
    await sanne.get('/api/tasks?view=mine&limit=500');
    await sanne.post(`/api/tasks/${encodeURIComponent(task)}/claim`);
    await sanne.post(`/api/tasks/${encodeURIComponent(task)}/complete`, { outcome: 'propose', fields: { amountCents: 60_000, reason: 'Perspectief op werk.' } });
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Huurder start bij schuldhulp', reviewDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) })).status).toBe(200);
    await sanne.post(`/api/cases/${c.id}/notes`, { text: 'Afspraak bij schuldhulp op dinsdag.' });

    const res = await waitFor('the completion and the pause in the audit', async () => {
      const r = await mark.get(`/api/cases/${c.id}/audit`);
      const actions = (r.body.entries as Array<{ action: string }>).map((e) => e.action);
      return actions.includes('task.complete') && actions.includes('case.paused') && r;
    });
    expect(res.status).toBe(200);
    const entries = res.body.entries as Array<{ action: string; actor: string; actorName: string | null; entity: string | null; before: any; after: any; details: any }>;
    const by = (action: string) => entries.filter((e) => e.action === action);
    expect(by('case.open')[0]).toMatchObject({ actor: ids.sanne, actorName: 'Sanne Jansen', after: { arrearsCents: 120_000 } });
    expect(by('personal-data.read').map((e) => [e.actorName, e.entity])).toEqual(expect.arrayContaining([['Sanne Jansen', 'case'], ['Mark Visser', 'audit']]));
    // (Other files' staff list cases too, this one among them: their listings are in its audit as well.)
    expect(by('personal-data.list').find((e) => e.actor === ids.sanne)).toMatchObject({ actorName: 'Sanne Jansen', entity: 'inbox:mine', details: { cases: expect.any(Number) } });
    expect(by('task.claim')[0]).toMatchObject({ before: { assignee: null }, after: { assignee: ids.sanne } });
    expect(by('task.complete')[0]).toMatchObject({ actor: ids.sanne, before: { status: 'open' }, after: { status: 'completed', outcome: 'propose', fields: { amountCents: 60_000, reason: 'Perspectief op werk.' } } });
    expect(by('case.paused')[0]).toMatchObject({ actor: ids.sanne, details: { reason: 'Huurder start bij schuldhulp' } });
    expect(by('note.add')[0]).toMatchObject({ actor: ids.sanne, entity: 'note', after: { length: 'Afspraak bij schuldhulp op dinsdag.'.length } });
    // Newest first.
    const order = entries.map((e) => (e as unknown as { id: number }).id);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });

  test('the audit is for team leads, controllers, managers, ops and admins; a caseworker or policy owner is refused', async () => {
    const c = await parked();
    expect((await omar.get(`/api/cases/${c.id}/audit`)).status).toBe(200);
    expect((await priya.get(`/api/cases/${c.id}/audit`)).status).toBe(200);
    expect((await sanne.get(`/api/cases/${c.id}/audit`)).status).toBe(403);
    expect((await eva.get(`/api/cases/${c.id}/audit`)).status).toBe(403);
    expect((await mark.get(`/api/cases/${randomUUID()}/audit`)).status).toBe(404);
    const bad = await mark.get(`/api/cases/${c.id}/audit?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('query.limit');
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });

  test('the app\'s own database access cannot change or remove audit rows, nor lift the trigger that guards them: UPDATE, DELETE, TRUNCATE and ALTER are refused and the rows stay', async () => {
    const c = await parked();
    await sanne.get(`/api/cases/${c.id}`);
    const rows = async () => (await h.pool.query(`SELECT id, actor, action FROM audit_log WHERE case_id = $1 ORDER BY id`, [c.id])).rows;
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(2);
    // The app works as arrears_app (migration 018), which has no right to any of these; the
    // append-only trigger stays behind it for the owner.
    expect((await h.pool.query(`SELECT current_user AS who`)).rows[0].who).toBe('arrears_app');
    await expect(h.pool.query(`UPDATE audit_log SET actor = 'someone-else' WHERE case_id = $1`, [c.id])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(h.pool.query(`DELETE FROM audit_log WHERE case_id = $1`, [c.id])).rejects.toThrow(/permission denied for table audit_log/);
    await expect(h.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(h.pool.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_append_only`)).rejects.toThrow(/must be owner of table audit_log/);
    await expect(h.pool.query(`DROP TABLE audit_log`)).rejects.toThrow(/must be owner of table audit_log/);
    expect(await rows()).toEqual(before);
    // Appending still works: the log is append-only, not read-only.
    await h.pool.query(`INSERT INTO audit_log (actor, action, case_id) VALUES ('test', 'test.append', $1)`, [c.id]);
    expect((await rows()).length).toBe(before.length + 1);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });

  test('a payment, a contact and a resume through the case page\'s actions are each recorded with who did it', async () => {
    const c = await parked();
    expect((await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `KAS-${randomUUID().slice(0, 8)}`, amountCents: 10_000 })).status).toBe(200);
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Wacht op uitkering', reviewDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) })).status).toBe(200);
    expect((await sanne.post(`/api/cases/${c.id}/resume`, { note: 'Uitkering loopt' })).status).toBe(200);
    expect((await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Gebeld' })).status).toBe(200);
    const actions = await waitFor('four audited changes', async () => {
      const r = await h.pool.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE case_id = $1 AND action IN ('payment.register','case.paused','case.resumed','case.contact') ORDER BY id`, [c.id]);
      return r.rows.length === 4 && r.rows;
    });
    expect(actions).toEqual([
      { action: 'payment.register', actor: ids.sanne },
      { action: 'case.paused', actor: ids.sanne },
      { action: 'case.resumed', actor: ids.sanne },
      { action: 'case.contact', actor: ids.sanne },
    ]);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' });
  });
});
