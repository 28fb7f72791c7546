// A pause's review date puts a task in the caseworker's inbox: resume the case or set a later
// date there. Answering on the case page instead closes the task, and an extension moves it.
// Played through the API on the shipped ladder, as staff would.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { businessNow } from '../workflows/case-view.ts';
import { atStep, complete } from './support/cases.ts';
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

type ReviewTask = { id: string; role: string; status: string; outcomes: Array<{ id: string; fields: Array<{ id: string; type: string; required: boolean }> }> };
const reviewTasks = async (caseId: string) =>
  (await h.pool.query<ReviewTask>(`SELECT id, role, status, outcomes FROM tasks WHERE case_id = $1 AND kind = 'pause-review' ORDER BY opened_at`, [caseId])).rows;
const openReview = (caseId: string, after = 0) =>
  waitFor('the review task', async () => (await reviewTasks(caseId)).slice(after).find((t) => t.status === 'open'), 60_000);

/** A case paused in its first wait, with its review date `days` ahead. */
async function pausedCase(days: number) {
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(1) });
  await atStep(h, c.id, 'wait-after-reminder');
  const reviewDate = await dayFromNow(c.id, days);
  const res = await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Budgetcoach begint volgende week', reviewDate });
  expect(res.status).toBe(200);
  return { id: c.id, reviewDate };
}

describe('a pause due for review reaches the caseworker', () => {
  test('on the review date a task opens; a later date set there extends the pause, and the next review resumes the case', async () => {
    const c = await pausedCase(2);
    const task = await openReview(c.id);
    expect(task.role).toBe('caseworker');
    expect(task.outcomes.map((o) => o.id)).toEqual(['resume', 'extend']);
    expect(task.outcomes[1]!.fields.find((f) => f.id === 'reviewDate')).toMatchObject({ type: 'date', required: true });
    // The case now waits on a person, and still stands still.
    const view = await h.state(c.id);
    expect(view.status).toBe('paused');
    expect((await h.pool.query(`SELECT waiting_on FROM cases WHERE id = $1`, [c.id])).rows[0].waiting_on).toBe('caseworker');

    // A date that is not after the current one is refused, naming the field; nothing changes.
    const same = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'extend', fields: { reviewDate: c.reviewDate, note: 'Nog even.' } });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.body)).toContain('reviewDate');
    expect((await reviewTasks(c.id))[0]!.status).toBe('open');

    const later = await dayFromNow(c.id, 3);
    await complete(sanne, task.id, 'extend', { reviewDate: later, note: 'Budgetcoach heeft meer tijd nodig.' });
    const row = (await h.pool.query(`SELECT status, to_char(pause_review_date, 'YYYY-MM-DD') AS review FROM cases WHERE id = $1`, [c.id])).rows[0];
    expect(row).toEqual({ status: 'paused', review: later });
    expect((await reviewTasks(c.id))[0]!.status).toBe('completed');

    // On the new date the next review opens; resuming there sets the case going again.
    const second = await openReview(c.id, 1);
    await complete(sanne, second.id, 'resume', { note: 'Budgetcoach betaalt de huur nu door.' });
    expect((await h.state(c.id)).status).toBe('active');
    // The case page's timeline shows both answers, with their notes, by the caseworker.
    const sanneId = (await h.pool.query(`SELECT id FROM users WHERE username = 'sanne'`)).rows[0].id;
    const events: Array<{ type: string; actor: string; data: { reviewDate?: string; note?: string } }> = (await sanne.get(`/api/cases/${c.id}`)).body.timeline;
    expect(events.filter((e) => e.type === 'pause-extended').map((e) => [e.data.reviewDate, e.data.note, e.actor])).toEqual([[later, 'Budgetcoach heeft meer tijd nodig.', sanneId]]);
    expect(events.filter((e) => e.type === 'resumed').map((e) => [e.data.note, e.actor])).toEqual([['Budgetcoach betaalt de huur nu door.', sanneId]]);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('resuming on the case page closes an open review task; an extension before the date moves the review', async () => {
    const resumed = await pausedCase(1);
    const task = await openReview(resumed.id);
    expect((await sanne.post(`/api/cases/${resumed.id}/resume`, { note: 'Huurder belde: salaris is binnen.' })).status).toBe(200);
    await waitFor('the review task closed', async () => ((await reviewTasks(resumed.id))[0]!.status === 'cancelled' ? true : undefined));
    const refused = await sanne.post(`/api/tasks/${task.id}/complete`, { outcome: 'resume', fields: {} });
    expect(refused.status).toBe(409);

    const moved = await pausedCase(2);
    const later = await dayFromNow(moved.id, 4);
    expect((await sanne.post(`/api/cases/${moved.id}/pause/extend`, { reviewDate: later, note: 'Schuldhulp heeft meer tijd nodig.' })).status).toBe(200);
    await openReview(moved.id);
    // One review, on the new date: none opened on the old one.
    const reviews = await reviewTasks(moved.id);
    expect(reviews).toHaveLength(1);
    const opened = (await h.pool.query(`SELECT to_char(at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS day FROM case_events WHERE case_id = $1 AND type = 'task-opened' AND data->>'taskId' = $2`, [moved.id, reviews[0]!.id])).rows[0];
    expect(opened.day).toBe(later);
    await mark.post(`/api/cases/${resumed.id}/cancel`, { reason: 'Testscenario afgerond' });
    await mark.post(`/api/cases/${moved.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});
