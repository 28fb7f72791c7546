// The standard ladder end to end on the real engine, for the tenants of domain.md: the
// diver who never responds, the tenant who refuses the municipality report, the caring
// mother who keeps her arrangement, one who breaks it, and the pause button.
import { costsAllowedFrom } from '../definition/fourteen-day-deadline.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atStep, closedWith, complete, messages, openTask, stepsTaken, timeline } from './support/cases.ts';
import { businessNow } from '../workflows/case-view.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api;
let mark: Api;
let johan: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, johan] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('johan')]);
});
afterAll(async () => h?.stop());

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

describe('the diver: never responds', () => {
  test('reaches the eviction notice, with all four legal preconditions recorded before the bailiff', async () => {
    // Nobody knows who lives there: the household counts as one that may have children (rule 8).
    const tenancy = { reference: `DUIK-${Date.now()}`, street: 'Havenstraat 4', postalCode: '3024 AB', city: 'Rotterdam' };
    const c = await h.openCase(sanne, { arrearsCents: 240_000, timeScale: daysPerSecond(10), tenancy });

    await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'not-reached');
    const visit = await openTask(h, c.id, 'home-visit');
    // Who came along is a field of its own, not only a line in a report.
    await complete(sanne, visit.id, 'not-home', { companion: 'Wijkteam' });
    expect((await h.pool.query(`SELECT fields FROM tasks WHERE id = $1`, [visit.id])).rows[0].fields).toEqual({ companion: 'Wijkteam' });
    // Two months after the costs, before the summons, the team lead weighs the household.
    const assessment = await openTask(h, c.id, 'household-assessment', 60_000);
    expect(assessment.role).toBe('team-lead');
    await complete(mark, assessment.id, 'proceed', { assessment: 'Geen kinderen bekend bij wijkteam en school; niemand in beeld.' });
    // Debt help and the bailiff get no answer from the tenant's side: their deadlines decide.
    const judgment = await openTask(h, c.id, 'court-judgment', 60_000);
    await complete(mark, judgment.id, 'granted', { judgmentDate: new Date().toISOString().slice(0, 10) });
    await complete(johan, (await openTask(h, c.id, 'proceed-approval')).id, 'approve', { reason: 'Alle stappen gezet, geen contact mogelijk.' });
    const closed = await closedWith(h, c.id);
    expect(closed.outcome).toBe('evicted');

    expect(await stepsTaken(h, c.id)).toEqual([
      'start',
      'reminder-letter',
      'wait-after-reminder',
      'segment-check',
      'whatsapp-link',
      'wait-after-whatsapp',
      'phone-call',
      'home-visit',
      'debt-help-referral',
      'municipality-signal',
      'wait-after-signal',
      'fourteen-day-letter',
      'wait-fourteen-days',
      'collection-costs',
      'wait-before-claim',
      'minors-check',
      'household-assessment',
      'bailiff-claim',
      'court-judgment',
      'proceed-approval',
      'eviction-notice',
      'last-contact',
      'end-evicted',
    ]);

    const events = await timeline(h, c.id);
    const index = (pred: (e: (typeof events)[number]) => boolean) => events.findIndex(pred);
    const reminder = index((e) => e.type === 'message' && e.step_id === 'reminder-letter' && e.data.status === 'awaiting-print');
    const contactAttempt = index((e) => e.type === 'task-closed' && e.step_id === 'phone-call' && e.data.status === 'completed');
    const debtHelp = index((e) => e.type === 'handover' && e.data.partner === 'debt-help');
    const bailiff = index((e) => e.type === 'handover' && e.data.partner === 'bailiff' && e.data.purpose === 'court-claim');
    const eviction = index((e) => e.type === 'handover' && e.data.purpose === 'eviction-notice');
    const judgmentRecorded = index((e) => e.type === 'task-closed' && e.step_id === 'court-judgment' && e.data.outcome === 'granted');
    for (const before of [reminder, contactAttempt, debtHelp]) {
      expect(before).toBeGreaterThanOrEqual(0);
      expect(before).toBeLessThan(bailiff);
    }
    expect(judgmentRecorded).toBeGreaterThan(bailiff);
    expect(eviction).toBeGreaterThan(judgmentRecorded);
    // The reminder that counts is the one offering to pass the details to the municipality.
    const letters = await messages(h, c.id);
    expect(letters.find((m) => m.step_id === 'reminder-letter')!.body).toContain('geven uw naam, adres en het bedrag door aan de gemeente');
    expect(letters.map((m) => `${m.step_id}:${m.channel}:${m.status}`)).toEqual([
      // Letters wait for the day's print batch (server/letters/); the rest went out.
      'reminder-letter:letter:awaiting-print',
      'whatsapp-link:whatsapp:sent',
      'fourteen-day-letter:letter:awaiting-print',
    ]);
    // The 14-day letter states the exact collection costs (BIK: 15% of €2,400 = €360,00).
    expect(letters[2]!.body).toContain('€ 360,00');

    // The municipality got contact details and the amount, nothing else.
    const signal = await h.pool.query(`SELECT payload FROM handovers WHERE case_id = $1 AND partner = 'municipality-signal'`, [c.id]);
    expect(Object.keys(signal.rows[0].payload).sort()).toEqual(['address', 'arrearsCents', 'email', 'name', 'phone']);
    // Collection costs were charged once, after the 14-day period, and raised the balance.
    const costs = events.filter((e) => e.type === 'collection-costs');
    expect(costs).toHaveLength(1);
    expect(costs[0]!.data.costsCents).toBe(36_000);
    expect(closed.balance_cents).toBe(240_000 + 36_000);
    // Not before the pay-by date the printed letter gives (its batch, the post, then 14 days).
    const letterSent = events.find((e) => e.type === 'message' && e.step_id === 'fourteen-day-letter')!.at.getTime();
    expect(costs[0]!.at.getTime()).toBeGreaterThanOrEqual(costsAllowedFrom(letterSent));
  });
});

describe('the tenant who refuses the municipality report', () => {
  test('no municipality signal goes out, and the ladder still reaches the bailiff only after the other preconditions', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 90_000, timeScale: daysPerSecond(10) });
    await atStep(h, c.id, 'wait-after-reminder');
    const refused = await sanne.post(`/api/cases/${c.id}/events`, { type: 'data-sharing-refused', note: 'Huurder wil niet dat de gemeente gebeld wordt.' });
    expect(refused.status).toBe(200);

    await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'not-reached');
    await complete(sanne, (await openTask(h, c.id, 'home-visit')).id, 'talked', { report: 'Gesproken aan de deur; wil geen hulp van de gemeente.' });
    await openTask(h, c.id, 'court-judgment', 60_000);

    const events = await timeline(h, c.id);
    expect(events.some((e) => e.type === 'municipality-signal')).toBe(false);
    expect(events.find((e) => e.type === 'municipality-signal-withheld')).toBeDefined();
    const handovers = await h.pool.query(`SELECT partner FROM handovers WHERE case_id = $1 ORDER BY business_at`, [c.id]);
    expect(handovers.rows.map((r) => r.partner)).toEqual(['debt-help', 'bailiff']);
    const steps = await stepsTaken(h, c.id);
    expect(steps.slice(steps.indexOf('municipality-signal'), steps.indexOf('municipality-signal') + 2)).toEqual(['municipality-signal', 'wait-after-signal']);

    const cancelled = await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
    expect(cancelled.status).toBe(200);
    expect((await closedWith(h, c.id)).outcome).toBe('cancelled');
    const tasks = await h.pool.query(`SELECT status FROM tasks WHERE case_id = $1 AND step_id = 'court-judgment'`, [c.id]);
    expect(tasks.rows[0].status).toBe('cancelled');
  });
});

describe('payment arrangements', () => {
  async function agreeArrangement(c: { id: string }, instalmentCents: number, instalments: number) {
    const call = await openTask(h, c.id, 'phone-call');
    const now = new Date(businessNow(await h.state(c.id))).toISOString();
    await complete(sanne, call.id, 'arrangement-agreed', {
      note: 'Huurder stelt zelf een regeling voor.',
      instalmentCents,
      instalments,
      interval: 'P1M',
      firstDueDate: addDays(now, 20),
    });
    await atStep(h, c.id, 'arrangement');
  }

  test('the caring mother keeps her 6-month arrangement: a reminder before each instalment and the case closes as completed', async () => {
    // She pays each instalment once reminded of it. Four business days a second leave about one
    // and a half seconds between the reminder and the check after the grace period, even for a
    // reminder held over a weekend for the message hours: room for a busy machine, not a race.
    const c = await h.openCase(sanne, { arrearsCents: 60_000, timeScale: daysPerSecond(4), segmentSuggestion: 'temporary-victim' });
    const confirm = await sanne.post(`/api/cases/${c.id}/segment`, { segment: 'temporary-victim' });
    expect(confirm.status).toBe(200);
    await agreeArrangement(c, 10_000, 6);
    // Personal contact first for a temporary victim: the segment skipped the WhatsApp step.
    expect(await stepsTaken(h, c.id)).not.toContain('whatsapp-link');

    for (let i = 0; i < 6; i++) {
      await waitFor(`reminder ${i + 1}`, async () => (await messages(h, c.id)).filter((m) => m.purpose === 'arrangement-reminder').length > i || undefined, 60_000, 50);
      const paid = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${c.id}-termijn-${i + 1}`, amountCents: 10_000 });
      expect(paid.status).toBe(200);
    }
    const closed = await closedWith(h, c.id);
    expect(closed).toMatchObject({ outcome: 'arrangement-completed', balance_cents: 0 });
    const sent = await messages(h, c.id);
    expect(sent.filter((m) => m.purpose === 'arrangement-reminder')).toHaveLength(6);
    expect(sent.filter((m) => m.purpose === 'arrangement-missed')).toHaveLength(0);
    expect(sent.find((m) => m.purpose === 'arrangement-reminder')!.body).toContain('€ 100,00');
  });

  test('a broken arrangement: the missed instalment gets its message, the second miss breaks it, the tenant is told, and the ladder resumes at debt help', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 60_000, timeScale: daysPerSecond(15) });
    await agreeArrangement(c, 10_000, 6);
    await atStep(h, c.id, 'debt-help-referral', 60_000);
    const sent = await messages(h, c.id);
    expect(sent.filter((m) => m.purpose === 'arrangement-missed').map((m) => m.channel)).toEqual(['whatsapp']);
    expect(sent.find((m) => m.purpose === 'arrangement-missed')!.body).toContain('nog niet ontvangen');
    // The break is not silent: the tenant hears it stopped, what is open and that we will call.
    const broken = sent.filter((m) => m.purpose === 'arrangement-broken');
    expect(broken.map((m) => m.channel)).toEqual(['whatsapp']);
    expect(broken[0]!.body).toContain('uw betalingsregeling is gestopt');
    expect(broken[0]!.body).toContain('Wij bellen u snel');
    const missed = (await timeline(h, c.id)).filter((e) => e.type === 'arrangement-missed');
    expect(missed.map((e) => e.data.misses)).toEqual([1, 2]);
    const steps = await stepsTaken(h, c.id);
    expect(steps.slice(-2)).toEqual(['arrangement', 'debt-help-referral']);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
    await closedWith(h, c.id);
  });

  test('an unrealistic plan is refused by the workflow with the reason, and the task stays open', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 90_000, timeScale: daysPerSecond(6) });
    const call = await openTask(h, c.id, 'phone-call', 30_000);
    const now = new Date(businessNow(await h.state(c.id))).toISOString();
    const res = await sanne.post(`/api/tasks/${call.id}/complete`, {
      outcome: 'arrangement-agreed',
      fields: { instalmentCents: 2_000, instalments: 24, interval: 'P1M', firstDueDate: addDays(now, 10) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('below the minimum of € 50,00');
    expect(res.body.error.message).toContain('more than the maximum of 12');
    const task = await h.pool.query(`SELECT status FROM tasks WHERE id = $1`, [call.id]);
    expect(task.rows[0].status).toBe('open');
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});

describe('the pause button', () => {
  test('a wait paused with 3 or fewer of its 7 days left lasts what was left after resuming, and nothing is sent while paused', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 50_000, timeScale: daysPerSecond(2) });
    await atStep(h, c.id, 'wait-after-reminder');
    const entered = (await h.state(c.id)).currentStep!.enteredAt;
    const view = await h.state(c.id);
    await waitFor('4 days into the wait', async () => businessNow(view) - Date.parse(entered) >= 4 * DAY || undefined, 10_000, 10);
    const paused = await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Huurder start bij schuldhulpverlening', reviewDate: addDays(new Date().toISOString(), 30) });
    expect(paused.status).toBe(200);
    const pausedState = await h.state(c.id);
    expect(pausedState.status).toBe('paused');
    const left = pausedState.currentStep!.remainingMs!;

    // Ten business days pass in the calendar while the case is frozen.
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await h.state(c.id)).currentStep!.id).toBe('wait-after-reminder');
    expect((await messages(h, c.id)).length).toBe(1);
    const shown = await sanne.get(`/api/cases/${c.id}`);
    expect(shown.body.case).toMatchObject({ status: 'paused', pauseReason: 'Huurder start bij schuldhulpverlening' });
    expect(shown.body.live.paused.reason).toBe('Huurder start bij schuldhulpverlening');
    const again = await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'nogmaals', reviewDate: addDays(new Date().toISOString(), 30) });
    expect(again.status).toBe(409);

    expect((await sanne.post(`/api/cases/${c.id}/resume`, {})).status).toBe(200);
    await atStep(h, c.id, 'wait-after-whatsapp');
    const events = await timeline(h, c.id);
    const resumedAt = Date.parse(events.find((e) => e.type === 'resumed')!.at.toISOString());
    const leftAt = Date.parse(events.find((e) => e.type === 'step' && e.step_id === 'segment-check')!.at.toISOString());
    const lasted = (leftAt - resumedAt) / DAY;
    // At least 4 of its 7 days had passed when the pause took hold (later under load: less left).
    expect(left).toBeGreaterThan(0);
    expect(left / DAY).toBeLessThan(3.3);
    // The wait ran on with what was left, not a fresh 7 days.
    expect(lasted).toBeGreaterThan(left / DAY - 0.3);
    expect(lasted).toBeLessThan(left / DAY + 0.8);
    expect((await sanne.post(`/api/cases/${c.id}/resume`, {})).status).toBe(409);
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });

  test('a paused case does not escalate its open task', async () => {
    // A call whose deadline reminds every 2 days: while paused, 12 business days bring no
    // reminder; after resuming, the next one comes. Counted from the pause on, so a reminder
    // that came before the pause took hold (a busy machine) changes nothing.
    const id = `pause-escalation-${Math.random().toString(36).slice(2, 7)}`;
    const definition = {
      id,
      name: 'Bellen met herinneringen',
      steps: [
        { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
        {
          id: 'call',
          name: 'Bellen',
          kind: 'task',
          task: 'phone-call',
          role: 'caseworker',
          deadline: { within: 'P2D', onExpiry: Array.from({ length: 8 }, () => ({ action: 'remind' })) },
          outcomes: [{ id: 'reached', label: 'Bereikt', meaning: 'contact-made', fields: [] }],
          next: { reached: 'end' },
        },
        { id: 'end', name: 'Klaar', kind: 'end', outcome: 'cancelled' },
      ],
    };
    expect((await (await h.as('eva')).post('/api/definitions/publish', { definition, note: 'pauze en herinneringen' })).status).toBe(201);
    const c = await h.openCase(sanne, { definitionId: id, arrearsCents: 50_000, timeScale: daysPerSecond(4) });
    const call = await openTask(h, c.id, 'call');
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Gemeente meldt schuldhulptraject', reviewDate: addDays(new Date().toISOString(), 30) })).status).toBe(200);
    const reminders = async () => (await h.pool.query<{ role: string; reminders: number }>(`SELECT role, reminders FROM tasks WHERE id = $1`, [call.id])).rows[0]!;
    const atPause = (await reminders()).reminders;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await reminders()).toEqual({ role: 'caseworker', reminders: atPause });
    await sanne.post(`/api/cases/${c.id}/resume`, {});
    await waitFor('the reminder after resuming', async () => ((await reminders()).reminders > atPause ? true : undefined));
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});

describe('personal data', () => {
  test('stays out of the workflow history: no name, address, phone, e-mail or written note in it', async () => {
    const c = await h.openCase(sanne, {
      timeScale: daysPerSecond(4),
      tenant: { name: 'Annemarie Zwartewaal', phone: '+31687654321', email: 'a.zwartewaal@example.nl' },
      tenancy: { reference: `Z-${Date.now()}`, street: 'Korenbloemstraat 88', postalCode: '2513 XK', city: 'Den Haag' },
    });
    const call = await openTask(h, c.id, 'phone-call');
    await complete(sanne, call.id, 'reached', { note: 'Zoon is ernstig ziek, mevrouw kan tijdelijk niet werken.' });
    await atStep(h, c.id, 'wait-for-promise');
    await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Aangemeld bij schuldhulp Den Haag', reviewDate: addDays(new Date().toISOString(), 30) });

    const history = JSON.stringify(await h.temporal.workflow.getHandle(c.workflowId).fetchHistory());
    // The postal code as written: its digits alone also occur in hashes (the worker's build id) by chance.
    for (const secret of ['Zwartewaal', '687654321', 'zwartewaal@example.nl', 'Korenbloemstraat', '2513 XK', 'Zoon is ernstig ziek', 'schuldhulp Den Haag']) {
      expect(history).not.toContain(secret);
    }
    // Staff still read everything, resolved from PostgreSQL.
    const shown = await sanne.get(`/api/cases/${c.id}`);
    expect(shown.body.tenant.name).toBe('Annemarie Zwartewaal');
    expect(shown.body.tasks.find((t: { stepId: string }) => t.stepId === 'phone-call').fields.note).toBe('Zoon is ernstig ziek, mevrouw kan tijdelijk niet werken.');
    expect(shown.body.live.paused.reason).toBe('Aangemeld bij schuldhulp Den Haag');
    await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
  });
});
