// Cases behave as staff and tenants expect (issue 9): a refusal quotes the reason a person
// wrote, what is left of a wait counts down, every date of a case is on the case's own clock
// (review dates, payment dates, the ops trouble list), and a closed case shows the step it
// closed on, in the read model and in Temporal's search attributes alike.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atStep, closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';
import { listWorkflows } from './support/ops.ts';

let h: Harness;
let sanne: Api, mark: Api, omar: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, omar] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('omar')]);
});
afterAll(async () => h?.stop());

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const calendarToday = () => dateOf(Date.now());

type Detail = { case: { status: string }; now: string | null; live: { currentStep: { id: string; until: string | null; remainingMs: number | null } | null; paused: unknown } | null };
async function detail(caseId: string) {
  const res = await sanne.get<Detail>(`/api/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body;
}
/** The case's business time now, as the API reads it from the workflow's clock. */
async function caseNow(caseId: string) {
  return Date.parse((await detail(caseId)).now!);
}
/** Waits until the case's own date has reached `date` (the case's state, not time elapsed). */
async function caseDateReaches(caseId: string, date: string) {
  return await waitFor(`case ${caseId} at ${date}`, async () => {
    const now = await caseNow(caseId);
    return dateOf(now) >= date ? now : undefined;
  });
}
async function cancel(caseId: string) {
  await mark.post(`/api/cases/${caseId}/cancel`, { reason: 'Test afgerond' });
}

describe('a refusal quotes the text a person wrote', () => {
  test('pausing a case that is already paused is refused with the reason of the pause it is in, as text', async () => {
    const c = await h.openCase(sanne);
    await atStep(h, c.id, 'wait-after-reminder');
    const review = dateOf((await caseNow(c.id)) + 20 * DAY);
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Huurder start bij schuldhulp', reviewDate: review })).status).toBe(200);
    const notes = async () => Number((await h.pool.query(`SELECT count(*) AS n FROM case_notes WHERE case_id = $1`, [c.id])).rows[0].n);
    const before = await notes();

    const again = await mark.post(`/api/cases/${c.id}/pause`, { reason: 'Wacht op uitkering', reviewDate: review });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^the case is already paused since \d{4}-\d{2}-\d{2} \(Huurder start bij schuldhulp\)$/);
    expect(again.body.error.message).not.toContain('note:');
    // The refused reason is not kept.
    expect(await notes()).toBe(before);
    await cancel(c.id);
  });
});

describe('what is left of a wait', () => {
  test('counts down while the wait runs, stands still while the case is paused, and runs on after the resume', async () => {
    // Seven business days last about two minutes here: long enough to watch.
    const c = await h.openCase(sanne, { timeScale: 5_000 });
    const waiting = await waitFor('the first wait running', async () => {
      const d = await detail(c.id);
      return d.live?.currentStep?.id === 'wait-after-reminder' && d.live.currentStep.until !== null ? d : undefined;
    });
    const first = waiting.live!.currentStep!;
    expect(first.remainingMs).toBeLessThanOrEqual(7 * DAY);
    // What is left is the wait's end less the case's now, as the API reads them: the two are
    // read a moment apart, up to a second on a busy machine (at 5,000 times real time).
    expect(Math.abs(first.remainingMs! - (Date.parse(first.until!) - Date.parse(waiting.now!)))).toBeLessThan(5_000 * 1_000);

    const later = await waitFor('the remainder to go down', async () => {
      const d = await detail(c.id);
      return d.live!.currentStep!.remainingMs! < first.remainingMs! - 2 * 3_600_000 ? d : undefined;
    });
    expect(later.live!.currentStep!.until).toBe(first.until);
    expect(Math.abs(later.live!.currentStep!.remainingMs! - (Date.parse(first.until!) - Date.parse(later.now!)))).toBeLessThan(5_000 * 50);

    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Even wachten', reviewDate: dateOf((await caseNow(c.id)) + 10 * DAY) })).status).toBe(200);
    const paused = await detail(c.id);
    expect(paused.live!.paused).not.toBeNull();
    expect(paused.live!.currentStep!.until).toBeNull();
    const frozen = paused.live!.currentStep!.remainingMs!;
    expect(frozen).toBeLessThan(later.live!.currentStep!.remainingMs!);
    // The case's business time moves on while paused; what is left of the wait does not.
    const pausedNow = Date.parse(paused.now!);
    await waitFor('business time to move on', async () => ((await caseNow(c.id)) > pausedNow + 3_600_000 ? true : undefined));
    expect((await detail(c.id)).live!.currentStep!.remainingMs).toBe(frozen);

    expect((await sanne.post(`/api/cases/${c.id}/resume`, {})).status).toBe(200);
    const resumed = await waitFor('the remainder to go down after the resume', async () => {
      const d = await detail(c.id);
      return d.live!.currentStep!.until !== null && d.live!.currentStep!.remainingMs! < frozen ? d : undefined;
    });
    expect(resumed.live!.currentStep!.remainingMs).toBeGreaterThan(frozen - 10 * 3_600_000);
    await cancel(c.id);
  });
});

describe('every date of a case is on the case clock', () => {
  test('a review date is checked against the case\'s date, and the trouble list counts it as passed by that same date', async () => {
    // A day per second: the case soon runs days ahead of the calendar.
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(1) });
    const ahead = dateOf(Date.now() + 3 * DAY);
    await caseDateReaches(c.id, ahead);

    // Tomorrow on the calendar is already past for this case.
    const calendarTomorrow = dateOf(Date.now() + DAY);
    const refused = await omar.post(`/api/cases/${c.id}/pause`, { reason: 'Wacht op schuldhulp', reviewDate: calendarTomorrow });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(new RegExp(`^reviewDate: ${calendarTomorrow} lies in the past; the case's date is \\d{4}-\\d{2}-\\d{2}$`));
    expect((await detail(c.id)).live!.paused).toBeNull();

    // Two days ahead on the case's clock is accepted, and not (yet) past its review.
    const review = dateOf((await caseNow(c.id)) + 2 * DAY);
    expect((await omar.post(`/api/cases/${c.id}/pause`, { reason: 'Wacht op schuldhulp', reviewDate: review })).status).toBe(200);
    type Trouble = { pausesPastReview: Array<{ caseId: string; reviewDate: string; daysPast: number }> };
    const listed = async () => (await omar.get<Trouble>('/api/ops/trouble')).body.pausesPastReview.find((p) => p.caseId === c.id);
    if (dateOf(await caseNow(c.id)) <= review) expect(await listed()).toBeUndefined();

    // Once the case's own date has passed the review date, the trouble list has it.
    await caseDateReaches(c.id, dateOf(Date.parse(`${review}T00:00:00Z`) + DAY));
    const past = await waitFor('the pause past its review', listed);
    expect(past.reviewDate).toBe(review);
    expect(past.daysPast).toBeGreaterThanOrEqual(1);
    await cancel(c.id);
  });

  test('a payment registered without a date is received at the case\'s now; an imported one where the bank\'s day falls on the case\'s clock', async () => {
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(1), arrearsCents: 90_000 });
    await caseDateReaches(c.id, dateOf(Date.now() + 2 * DAY));
    // Held, so the ladder does not run on while we look (business time still does).
    expect((await mark.post(`/api/cases/${c.id}/pause`, { reason: 'Testpauze', reviewDate: dateOf((await caseNow(c.id)) + 300 * DAY) })).status).toBe(200);

    const before = await caseNow(c.id);
    const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `KAS-${randomUUID().slice(0, 8)}`, amountCents: 10_000 });
    expect(paid.status).toBe(200);
    const after = await caseNow(c.id);
    const received = async (source: string) =>
      (await h.pool.query<{ received_at: Date }>(`SELECT received_at FROM payments WHERE case_id = $1 AND source = $2 ORDER BY received_at`, [c.id, source])).rows.map((r) => r.received_at.getTime());
    const [api] = await received('api');
    // The read model's reading of the case clock trails the workflow's by the time a write
    // takes (at a day a second, minutes to hours); the date is the case's, days ahead.
    expect(api).toBeGreaterThanOrEqual(before - DAY);
    expect(api).toBeLessThanOrEqual(after);
    expect(dateOf(api!)).not.toBe(calendarToday());
    // The timeline and the case page show that date too.
    const event = await waitFor('the payment on the timeline', async () => (await h.pool.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'payment'`, [c.id])).rows[0]?.data);
    expect(Date.parse(event.receivedAt)).toBe(api);

    // A bank statement with a line of three days ago and one of today: calendar days, placed on
    // the case's clock, never before that clock began (at a day a second, the earlier day is
    // at its opening; today is now).
    const earlier = dateOf(Date.now() - 3 * DAY);
    const csv = ['datum,bedrag,kenmerk', `${earlier},20.00,${c.reference}`, `${calendarToday()},30.00,${c.reference}`].join('\n');
    const imported = await (await h.as('fleur')).call('POST', '/api/payments/import', csv, { 'content-type': 'text/csv' });
    expect(imported.body).toMatchObject({ matched: 2, applied: 2 });
    const opening = (await h.pool.query<{ at: Date }>(`SELECT min(at) AS at FROM case_events WHERE case_id = $1`, [c.id])).rows[0]!.at.getTime();
    const end = await caseNow(c.id);
    const fromBank = await received('import');
    expect(fromBank).toHaveLength(2);
    for (const at of fromBank) {
      // (The workflow starts a moment after the case row is written: at a day a second, hours.)
      expect(at).toBeGreaterThanOrEqual(opening - DAY);
      expect(at).toBeLessThanOrEqual(end);
    }
    await cancel(c.id);
  });
});

describe('a closed case', () => {
  test('shows the end step it closed on and waits on nobody, in the case list and in Temporal\'s search attributes', async () => {
    // Paid in full: the aftercare wait (four weeks, four seconds here), the aftercare call, the end.
    const c = await h.openCase(sanne, { timeScale: daysPerSecond(7) });
    expect((await h.pay(c.id, { reference: `KAS-${randomUUID().slice(0, 8)}`, amountCents: 80_000 })).status).toBe(200);
    const task = await openTask(h, c.id, 'aftercare-call');
    await complete(sanne, task.id, 'talked', { note: 'Het gaat goed.' });
    await closedWith(h, c.id);

    const row = (await h.pool.query(`SELECT current_step, current_step_name, current_step_kind, waiting_on, outcome FROM cases WHERE id = $1`, [c.id])).rows[0];
    expect(row).toEqual({ current_step: 'end-paid', current_step_name: 'Afgesloten: betaald', current_step_kind: 'end', waiting_on: 'none', outcome: 'paid' });
    const listed = (await sanne.get(`/api/cases/${c.id}`)).body.case;
    expect(listed).toMatchObject({ status: 'closed', currentStep: 'end-paid', currentStepName: 'Afgesloten: betaald', waitingOn: 'none' });

    const attributes = await waitFor('the closed workflow in the visibility store', async () => {
      const [wf] = await listWorkflows(`WorkflowId = '${c.workflowId}' AND ExecutionStatus = 'Completed'`);
      return wf?.attributes;
    });
    expect(attributes).toMatchObject({ CaseStep: 'end-paid', CaseWaitingOn: 'none', CaseStatus: 'closed' });
  });
});
