// A tenant who gets in touch always reaches a person, and debt help is a pause, not a fixed
// wait. Played through the API on the shipped ladder, as staff would.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { businessNow } from '../workflows/case-view.ts';
import { atStep, closedWith, complete, messages, openTask, stepsTaken, timeline } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

const DAY = 86_400_000;
let h: Harness;
let sanne: Api;
let mark: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
});
afterAll(async () => h?.stop());

const dayFromNow = async (caseId: string, days: number) => new Date(businessNow(await h.state(caseId)) + days * DAY).toISOString().slice(0, 10);
const contact = (caseId: string, note: string) => sanne.post(`/api/cases/${caseId}/events`, { type: 'contact', note });
/** Straight to the call: the tenant's contact ends the first wait, as it would in life. */
async function atTheCall(caseId: string) {
  await atStep(h, caseId, 'wait-after-reminder');
  await contact(caseId, 'Huurder belde na de herinnering.');
  return await openTask(h, caseId, 'phone-call');
}
const contactTask = (caseId: string) =>
  waitFor('the follow-up task', async () => (await h.pool.query<{ id: string; role: string; outcomes: Array<{ id: string }> }>(`SELECT id, role, outcomes FROM tasks WHERE case_id = $1 AND kind = 'contact-follow-up' AND status = 'open'`, [caseId])).rows[0]);

describe('a contact always leads somewhere visible, and the response says where', () => {
  test('in a wait that listens it ends the wait; with a task open it reaches that person', async () => {
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(0.5) });
    await atStep(h, c.id, 'wait-after-reminder');
    const inWait = await contact(c.id, 'Huurder belde over de brief.');
    expect(inWait.status).toBe(200);
    expect(inWait.body.contact).toEqual({ effect: 'ended-wait', stepId: 'wait-after-reminder' });
    const call = await openTask(h, c.id, 'phone-call');
    const onTask = await contact(c.id, 'Huurder belde nog een keer.');
    expect(onTask.body.contact).toEqual({ effect: 'noted-on-task', taskId: call.id });
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('while a handover waits for its answer, a contact opens a follow-up task for the caseworker', async () => {
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(0.5) });
    // "Reached, no agreement" is its own outcome of the call now; it offers debt help.
    await complete(sanne, (await atTheCall(c.id)).id, 'reached-no-agreement', { note: 'Kan nu niet betalen, staat open voor hulp.' });
    await atStep(h, c.id, 'debt-help-referral');
    const res = await contact(c.id, 'Huurder vraagt of de schuldhulp al gebeld heeft.');
    expect(res.status).toBe(200);
    expect(res.body.contact.effect).toBe('task-opened');
    const task = await contactTask(c.id);
    expect(task.id).toBe(res.body.contact.taskId);
    expect(task.role).toBe('caseworker');
    expect(task.outcomes.map((o) => o.id)).toEqual(['handled']);
    const bare = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'handled', fields: {} });
    expect(bare.status).toBe(400);
    await complete(sanne, task.id, 'handled', { note: 'Teruggebeld; schuldhulp belt deze week.' });
    expect((await h.pool.query(`SELECT status FROM tasks WHERE id = $1`, [task.id])).rows[0].status).toBe('completed');
    // The case goes on waiting for the partner.
    expect((await h.state(c.id)).currentStep).toMatchObject({ id: 'debt-help-referral', waitingOn: 'partner:debt-help' });
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('during an arrangement the caseworker changes the plan from the follow-up task, within the limits, without breaking it', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 60_000, timeScale: daysPerSecond(0.5) });
    await complete(sanne, (await atTheCall(c.id)).id, 'arrangement-agreed', {
      note: 'Zes termijnen van honderd euro.',
      instalmentCents: 10_000,
      instalments: 6,
      interval: 'P1M',
      firstDueDate: await dayFromNow(c.id, 40),
    });
    await atStep(h, c.id, 'arrangement');
    const res = await contact(c.id, 'De volgende termijn lukt niet, het loon komt later.');
    expect(res.body.contact.effect).toBe('task-opened');
    const task = await contactTask(c.id);
    expect(task.outcomes.map((o) => o.id)).toEqual(['handled', 'change-plan']);

    // Outside the step's limits it is refused with the reason, and nothing changes.
    const tooLong = await sanne.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'change-plan',
      fields: { instalmentCents: 3_000, instalments: 20, interval: 'P1M', firstDueDate: await dayFromNow(c.id, 60) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('the plan is not realistic');
    expect((await h.state(c.id)).arrangement!.plan.instalments).toBe(6);

    const firstDueDate = await dayFromNow(c.id, 70);
    await complete(sanne, task.id, 'change-plan', { note: 'Tien termijnen van zestig euro, eerste later.', instalmentCents: 6_000, instalments: 10, interval: 'P1M', firstDueDate });
    const view = await h.state(c.id);
    expect(view.currentStep?.id).toBe('arrangement');
    expect(view.arrangement).toMatchObject({ plan: { instalmentCents: 6_000, instalments: 10, interval: 'P1M', firstDueDate }, misses: 0, next: 0 });
    expect(view.arrangement!.instalments[0]).toMatchObject({ dueDate: firstDueDate, amountCents: 6_000 });
    const changed = (await timeline(h, c.id)).find((e) => e.type === 'arrangement-changed');
    expect(changed?.data.plan).toMatchObject({ instalments: 10 });
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});

describe('debt help is a pause, not a fixed wait', () => {
  test('an accepted referral pauses the case for the covenant’s 30 days, staff extend it, nothing escalates, no early signal goes out, and on resume the case asks how it went', async () => {
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(2) });
    await complete(sanne, (await atTheCall(c.id)).id, 'reached-no-agreement', { note: 'Wil hulp bij geldzaken.' });
    await atStep(h, c.id, 'debt-help-referral');
    const handover = await waitFor('the referral', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM handovers WHERE case_id = $1 AND partner = 'debt-help' AND status = 'awaiting'`, [c.id])).rows[0]);
    const before = businessNow(await h.state(c.id));
    const accepted = await sanne.post(`/api/cases/${c.id}/handovers/${encodeURIComponent(handover.id)}/response`, { response: 'accepted', note: 'Intake bij schuldhulp gepland.' });
    expect(accepted.status).toBe(200);

    const paused = await waitFor('the pause', async () => {
      const r = (await h.pool.query(`SELECT status, pause_reason, to_char(pause_review_date, 'YYYY-MM-DD') AS review FROM cases WHERE id = $1`, [c.id])).rows[0];
      return r.status === 'paused' ? r : undefined;
    });
    expect(paused.pause_reason).toBe('Schuldhulpverlening helpt de huurder');
    // The covenant's 30 days from the moment the pause took hold, on the case's own clock (under
    // load that moment comes later than the accept was sent: two business days a real second).
    const pausedAt = (await h.pool.query(`SELECT at FROM case_events WHERE case_id = $1 AND type = 'paused' ORDER BY id DESC LIMIT 1`, [c.id])).rows[0].at.getTime();
    expect(pausedAt).toBeGreaterThanOrEqual(before);
    const review = Date.parse(`${paused.review}T00:00:00Z`);
    expect(review - pausedAt).toBeGreaterThanOrEqual(29 * DAY);
    expect(review - pausedAt).toBeLessThanOrEqual(31 * DAY);
    const view = await h.state(c.id);
    expect(view.status).toBe('paused');
    expect(view.currentStep?.id).toBe('after-debt-help');

    // A national pause notice after admission: staff give it a review date months away.
    const later = await dayFromNow(c.id, 180);
    const earlier = await sanne.post(`/api/cases/${c.id}/pause/extend`, { reviewDate: paused.review });
    expect(earlier.status).toBe(400);
    const extended = await sanne.post(`/api/cases/${c.id}/pause/extend`, { reviewDate: later, note: 'Landelijke pauzeknop na toelating schuldhulp.' });
    expect(extended.status).toBe(200);
    expect((await h.pool.query(`SELECT to_char(pause_review_date, 'YYYY-MM-DD') AS review FROM cases WHERE id = $1`, [c.id])).rows[0].review).toBe(later);

    // Paused, it opens no task and sends nothing, however long it rests.
    const outboxBefore = (await messages(h, c.id)).length;
    await waitFor('two business weeks to pass', async () => businessNow(await h.state(c.id)) - before > 14 * DAY || undefined, 30_000, 200);
    expect((await h.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND step_id = 'after-debt-help'`, [c.id])).rows[0].n).toBe(0);
    expect((await messages(h, c.id)).length).toBe(outboxBefore);

    expect((await sanne.post(`/api/cases/${c.id}/resume`, { note: 'Schuldhulp gestopt.' })).status).toBe(200);
    await complete(sanne, (await openTask(h, c.id, 'after-debt-help')).id, 'no-solution', { note: 'Schuldhulp kon geen regeling treffen.' });
    await waitFor('the 14-day letter', async () => (await messages(h, c.id)).some((m) => m.purpose === 'fourteen-day-letter') || undefined, 30_000);
    const steps = await stepsTaken(h, c.id);
    expect(steps).not.toContain('municipality-signal');
    expect((await h.pool.query(`SELECT partner FROM handovers WHERE case_id = $1`, [c.id])).rows.map((r) => r.partner)).toEqual(['debt-help']);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
    await closedWith(h, c.id);
  });
});
