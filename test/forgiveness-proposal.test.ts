// Kwijtschelding proposed from the case page, wherever the case stands: the caseworker writes
// the amount and the reasoning once; the case leaves its step (an open task closes) and the
// team lead finds the next level in the inbox. Refusals say why and change nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atStep, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api;
let mark: Api;
let omar: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, omar] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('omar')]);
});
afterAll(async () => h?.stop());

const propose = (api: Api, caseId: string, body: Record<string, unknown>) => api.post(`/api/cases/${caseId}/forgiveness`, body);
const reason = 'Inkomen op bijstandsniveau, aflossen is onhaalbaar; budgetcoaching loopt.';
const tasksOf = async (caseId: string) =>
  (await h.pool.query<{ step_id: string; kind: string; role: string; status: string; close_reason: string | null; title: string }>(`SELECT step_id, kind, role, status, close_reason, title FROM tasks WHERE case_id = $1 ORDER BY opened_at`, [caseId])).rows;

describe('kwijtschelding proposed on the case page', () => {
  test('from a phone call: the call closes, the proposal is the first level, the team lead is next', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 120_000, timeScale: daysPerSecond(0.5) });
    await atStep(h, c.id, 'wait-after-reminder');
    await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde na de brief.' });
    await openTask(h, c.id, 'phone-call');

    const res = await propose(sanne, c.id, { amountCents: 50_000, reason });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ stepId: 'forgiveness-approval', amountCents: 50_000, balanceCents: 120_000 });
    // Answered once the team lead's task is there: no waiting for it.
    const tasks = await tasksOf(c.id);
    expect(tasks.find((t) => t.step_id === 'phone-call')).toMatchObject({ status: 'cancelled', close_reason: 'forgiveness-proposed' });
    expect(tasks.filter((t) => t.status === 'open')).toEqual([expect.objectContaining({ step_id: 'forgiveness-approval', kind: 'approval', role: 'team-lead', title: 'Kwijtschelding (vier ogen): Teamleider beoordeelt' })]);

    // The case page shows the proposal as one decision, by the caseworker, with the reasoning.
    const view = (await sanne.get(`/api/cases/${c.id}`)).body;
    const decisions = view.timeline.filter((e: { type: string }) => e.type === 'approval-decision');
    expect(decisions).toHaveLength(1);
    expect(decisions[0].data).toMatchObject({ level: 'proposal', decision: 'propose', amountCents: 50_000, reason });
    expect(view.case.currentStep).toBe('forgiveness-approval');

    // While it is under way a second proposal is refused with the reason.
    const again = await propose(sanne, c.id, { amountCents: 10_000, reason });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('an approval is already under way');
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('refusals name what is wrong and leave the case where it was', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 80_000, timeScale: daysPerSecond(0.2) });
    await atStep(h, c.id, 'wait-after-reminder');
    const tooMuch = await propose(sanne, c.id, { amountCents: 80_001, reason });
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(tooMuch.body)).toContain('amountCents');
    expect(tooMuch.body.error.message).toContain('more than the balance');
    const noReason = await propose(sanne, c.id, { amountCents: 10_000, reason: 'kort' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('reason');
    // Ops watch cases; they do not propose forgiveness.
    expect((await propose(omar, c.id, { amountCents: 10_000, reason })).status).toBe(403);
    // A paused case first resumes.
    const reviewDate = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp start', reviewDate })).status).toBe(200);
    const paused = await propose(sanne, c.id, { amountCents: 10_000, reason });
    expect(paused.status).toBe(409);
    expect(paused.body.error.message).toContain('the case is paused');
    // Nothing was stored of the refused proposals: no reasoning left behind, the case where it was.
    expect((await h.pool.query(`SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1 AND text = $2`, [c.id, reason])).rows[0].n).toBe(0);
    expect((await h.state(c.id)).currentStep?.id).toBe('wait-after-reminder');
    await waitFor('no task', async () => ((await tasksOf(c.id)).length === 0 ? true : undefined));
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('after a home visit that proposes it, the proposal task starts from the visit report, so it is written once', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 90_000, timeScale: daysPerSecond(1) });
    await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'not-reached');
    const report = 'Gesproken aan de deur: geen inkomen sinds het ontslag, aflossen is onhaalbaar.';
    await complete(sanne, (await openTask(h, c.id, 'home-visit')).id, 'propose-forgiveness', { report });
    const proposalTask = await openTask(h, c.id, 'forgiveness-approval');
    const detail = (await sanne.get(`/api/tasks/${proposalTask.id}`)).body;
    expect(detail.proposalDraft).toEqual({ reason: report, fromTitle: 'Huisbezoek' });
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});
