// Messages reach tenants at humane times (issue 9): WhatsApp, SMS and e-mail on working days
// from 09:00 to 20:00 Amsterdam time, letters on postal days; a message due outside waits for
// the next allowed moment on the case clock. Working-day waits skip Dutch public holidays.
// Each case starts its business clock on a fixed date (businessStart), so what is a night, a
// Saturday or a holiday does not depend on when the suite runs; every check waits on the
// case's own state (its outbox rows, its step, its clock) and allows for the time a timer or
// a workflow task takes at the case's time scale.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { amsterdamDate } from '../definition/calendar.ts';
import type { DefinitionInput } from '../definition/schema.ts';
import { businessNow } from '../workflows/case-view.ts';
import { atStep, closedWith, messages, timeline } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

const HOUR = 3_600_000;
let h: Harness;
let sanne: Api, eva: Api;

const start = { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened' } as const;
const letter = (id: string, next: string) =>
  ({ id, name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: next, failed: next } }) as const;
const end = { id: 'end', name: 'Klaar', kind: 'end', outcome: 'handed-over' } as const;

/** Letter, thirteen hours, a WhatsApp with the payment link. */
const nightDefinition: DefinitionInput['steps'] = [
  { ...start, next: { next: 'letter' } },
  letter('letter', 'evening'),
  { id: 'evening', name: 'Dertien uur', kind: 'wait', duration: 'PT13H', endsOn: [], next: { elapsed: 'whatsapp' } },
  { id: 'whatsapp', name: 'WhatsApp', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'end', failed: 'end' } },
  end,
];
/** A day, then a letter. */
const nextDayLetter: DefinitionInput['steps'] = [
  { ...start, next: { next: 'day' } },
  { id: 'day', name: 'Een dag', kind: 'wait', duration: 'P1D', endsOn: [], next: { elapsed: 'letter' } },
  letter('letter', 'end'),
  end,
];
/** Two working days, then a letter. */
const workingDaysLetter: DefinitionInput['steps'] = [
  { ...start, next: { next: 'working-days' } },
  { id: 'working-days', name: 'Twee werkdagen', kind: 'wait', duration: 'P2D', workingDays: true, endsOn: [], next: { elapsed: 'letter' } },
  letter('letter', 'end'),
  end,
];

const ids = { night: '', nextDay: '', workingDays: '' };

async function publish(name: string, steps: DefinitionInput['steps']) {
  const id = `quiet-${name}-${randomUUID().slice(0, 8)}`;
  const res = await eva.post('/api/definitions/publish', { note: 'Test: berichttijden', definition: { id, name: `Berichttijden ${name}`, steps } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return id;
}

beforeAll(async () => {
  h = await startHarness();
  [sanne, eva] = await Promise.all([h.as('sanne'), h.as('eva')]);
  ids.night = await publish('nacht', nightDefinition);
  ids.nextDay = await publish('dag', nextDayLetter);
  ids.workingDays = await publish('werkdagen', workingDaysLetter);
});
afterAll(async () => h?.stop());

const ms = (d: Date) => d.getTime();
/** The Amsterdam date of a moment, YYYY-MM-DD. */
const amsterdamDay = (at: number) => new Date(amsterdamDate(at).day).toISOString().slice(0, 10);
async function row(caseId: string, stepId: string) {
  return await waitFor(`the outbox row of ${stepId}`, async () => (await messages(h, caseId)).find((m) => m.step_id === stepId));
}
async function entered(caseId: string, stepId: string) {
  const step = (await timeline(h, caseId)).find((e) => e.type === 'step' && e.step_id === stepId);
  expect(step, `the timeline has step ${stepId}`).toBeDefined();
  return ms(step!.at);
}
/** The case's business time, from its own clock as the workflow reports it. */
async function caseNow(caseId: string) {
  return businessNow(await h.state(caseId));
}

describe('WhatsApp, SMS and e-mail go out on working days from 09:00 to 20:00', () => {
  // Three business hours a second: a night lasts a few seconds, and a timer firing 100 ms late is 18 minutes.
  const timeScale = daysPerSecond(1 / 8);
  // Tuesday 9 March 2027, 10:00 in Amsterdam (winter time, UTC+1).
  const tuesdayMorning = '2027-03-09T10:00:00+01:00';
  const wednesdayNine = Date.parse('2027-03-10T09:00:00+01:00');

  test('a WhatsApp due at 23:00 goes out at 09:00 the next working day; the letter before it, due on a working day, went at once', async () => {
    const c = await h.openCase(sanne, { definitionId: ids.night, timeScale, businessStart: tuesdayMorning });
    expect((await closedWith(h, c.id)).outcome).toBe('handed-over');

    const sentLetter = await row(c.id, 'letter');
    expect(ms(sentLetter.business_at) - Date.parse(tuesdayMorning)).toBeLessThan(2 * HOUR);

    const dueAt = await entered(c.id, 'whatsapp');
    expect(dueAt).toBeGreaterThanOrEqual(Date.parse('2027-03-09T23:00:00+01:00'));
    // Entered in the night, so the message had to wait (however late a busy machine fired the timer before it).
    expect(dueAt).toBeLessThan(wednesdayNine);
    const whatsapp = await row(c.id, 'whatsapp');
    expect(whatsapp.channel).toBe('whatsapp');
    expect(ms(whatsapp.business_at)).toBeGreaterThanOrEqual(wednesdayNine);
    expect(ms(whatsapp.business_at)).toBeLessThan(wednesdayNine + 2 * HOUR);
  });

  test('a pause stops the wait for the morning: nothing goes out while paused, and after the resume only within the hours', async () => {
    const c = await h.openCase(sanne, { definitionId: ids.night, timeScale, businessStart: tuesdayMorning });
    await atStep(h, c.id, 'whatsapp');
    expect((await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Huurder belt morgen terug', reviewDate: '2027-03-20' })).status).toBe(200);
    const pausedAt = (await h.state(c.id)).paused!.since;
    expect(Date.parse(pausedAt)).toBeLessThan(wednesdayNine);

    // Past the morning the message waited for: a paused case sends nothing.
    await waitFor('the case clock past Wednesday noon', async () => ((await caseNow(c.id)) > wednesdayNine + 3 * HOUR ? true : undefined));
    expect((await messages(h, c.id)).filter((m) => m.step_id === 'whatsapp')).toEqual([]);

    expect((await sanne.post(`/api/cases/${c.id}/resume`, {})).status).toBe(200);
    const resumedAt = await caseNow(c.id);
    const whatsapp = await row(c.id, 'whatsapp');
    const sentAt = ms(whatsapp.business_at);
    expect(sentAt).toBeGreaterThan(resumedAt);
    // What was left of the night (about ten hours) ends on Wednesday evening, after 20:00: it waits again, for Thursday 09:00.
    const thursdayNine = Date.parse('2027-03-11T09:00:00+01:00');
    expect(sentAt).toBeGreaterThanOrEqual(thursdayNine);
    expect(sentAt).toBeLessThan(thursdayNine + 2 * HOUR);
    expect((await closedWith(h, c.id)).outcome).toBe('handed-over');
  });

  test('a payment that clears the balance during the night ends the case, and the WhatsApp never goes out', async () => {
    const c = await h.openCase(sanne, { definitionId: ids.night, timeScale, businessStart: tuesdayMorning, arrearsCents: 45_000 });
    await atStep(h, c.id, 'whatsapp');
    expect((await caseNow(c.id)) < wednesdayNine).toBe(true);
    const paid = await h.pay(c.id, { reference: `NACHT-${randomUUID().slice(0, 8)}`, amountCents: 45_000 });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect((await closedWith(h, c.id)).outcome).toBe('paid');
    expect((await messages(h, c.id)).map((m) => m.step_id)).toEqual(['letter']);
  });
});

describe('letters go out on postal days', () => {
  // Half a business day a second.
  const timeScale = daysPerSecond(1 / 2);

  test.each([
    ['on a Saturday', '2027-03-12T12:00:00+01:00', '2027-03-13', '2027-03-15T00:00:00+01:00'],
    ['on King’s Day (Tuesday 27 April 2027)', '2027-04-26T12:00:00+02:00', '2027-04-27', '2027-04-28T00:00:00+02:00'],
  ])('a letter due %s waits for the start of the next postal day', async (_when, businessStart, dueDay, postalDayStart) => {
    const c = await h.openCase(sanne, { definitionId: ids.nextDay, timeScale, businessStart });
    expect((await closedWith(h, c.id)).outcome).toBe('handed-over');
    const dueAt = await entered(c.id, 'letter');
    expect(amsterdamDay(dueAt)).toBe(dueDay);
    const sent = ms((await row(c.id, 'letter')).business_at);
    // From the start of the next postal day, on that day (a busy machine records it later in the
    // day: at half a day a second, every real second is twelve hours of the case's).
    expect(sent).toBeGreaterThanOrEqual(Date.parse(postalDayStart));
    expect(amsterdamDay(sent)).toBe(amsterdamDay(Date.parse(postalDayStart)));
  });
});

describe('working days skip public holidays', () => {
  test('two working days from Thursday before Easter last until Tuesday, over Good Friday and Easter Monday', async () => {
    const timeScale = daysPerSecond(1 / 2);
    // Thursday 25 March 2027, 10:00 in Amsterdam; Easter Monday is 29 March. Counted
    // without holidays the wait would end on Monday.
    const c = await h.openCase(sanne, { definitionId: ids.workingDays, timeScale, businessStart: '2027-03-25T10:00:00+01:00' });
    expect((await closedWith(h, c.id)).outcome).toBe('handed-over');
    const waitStart = await entered(c.id, 'working-days');
    const waitEnd = await entered(c.id, 'letter');
    // Friday and Tuesday are the two working days: five days, one more than without Easter Monday.
    expect(waitEnd - waitStart).toBeGreaterThanOrEqual(5 * 24 * HOUR);
    expect(waitEnd - waitStart).toBeLessThan(5 * 24 * HOUR + 6 * HOUR);
    const sent = ms((await row(c.id, 'letter')).business_at);
    expect(amsterdamDay(sent)).toBe('2027-03-30');
  });
});

test('a business start that is not a moment with its offset is refused, naming the field', async () => {
  const res = await sanne.post('/api/cases', {
    tenancy: { reference: `T-${randomUUID().slice(0, 8)}`, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
    tenant: { name: 'Test Huurder', phone: '+31611111111' },
    arrearsCents: 10_000,
    dueDate: '2027-01-01',
    businessStart: 'volgende week',
  });
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toContain('businessStart');
});
