// Issue 13: the tenant's own page, through its real interface (the link in a message, plain
// HTML forms), on the real engine: the second factor, the refusals (another case, tampered,
// expired, closed, a burst), paying through the provider stand-in with the webhook delivered
// twice, a plan inside and one outside the limits, the contact preference that the next
// message follows, a call back and "I am getting help" as tasks with a deadline.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatDateNl } from '../definition/templates.ts';
import { PAGE_REQUESTS } from '../server/tenant/limits.ts';
import { startPaymentStandin, type PaymentStandin } from '../server/tenant/payment-standin.ts';
import { atStep, complete, messages, timeline } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';
import { tenantPageProcess, tenantPath, verifiedVisitor, Visitor } from './support/tenant.ts';

let h: Harness;
let standin: PaymentStandin;
const suffix = () => Math.random().toString(36).slice(2, 7);
const definitionId = `huurder-${suffix()}`;

beforeAll(async () => {
  standin = await startPaymentStandin();
  // Its own database: the burst test spends 127.0.0.1's request budget, which another file's
  // tenant (the browser test, from the same address) must not find spent.
  h = await startHarness({ paymentProviderUrl: standin.url, ownDatabase: true });
  expect((await (await h.as('eva')).post('/api/definitions/publish', { definition: tenantPageProcess(definitionId), note: 'huurderpagina' })).status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
  await standin?.close();
});

async function openTenantCase(overrides: Record<string, unknown> = {}) {
  const c = await h.openCase(await h.as('sanne'), {
    definitionId,
    arrearsCents: 60_000,
    tenant: { name: `Mevrouw Kaya ${suffix()}`, phone: '+31612345678', email: 'kaya@example.nl' },
    tenancy: { reference: `HP-${suffix().toUpperCase()}`, street: 'Oudegracht 118', postalCode: '3511 AX', city: 'Utrecht', minorsInHousehold: false },
    ...overrides,
  });
  const link = await waitFor('the WhatsApp with the link', async () => {
    const m = (await messages(h, c.id)).find((x) => x.channel === 'whatsapp');
    return m ? /https?:\/\/\S+\/huurder\/[A-Za-z0-9_-]{43}/.exec(m.body)?.[0] : undefined;
  });
  // The link is the message's own: a letter printed from the same message carries the same one.
  expect(await tenantPath(h, c.id)).toBe(new URL(link).pathname);
  return { ...c, link, path: new URL(link).pathname };
}

const signedIn = (path: string) => verifiedVisitor(h, path, { postcode: '3511ax', houseNumber: '118' });

const balance = async (caseId: string) => (await h.pool.query<{ balance_cents: number }>(`SELECT balance_cents FROM cases WHERE id = $1`, [caseId])).rows[0]!.balance_cents;

test('the link in the message opens a page that asks for postcode and house number before it shows anything personal', async () => {
  const c = await openTenantCase();
  expect(c.link.startsWith(h.baseUrl)).toBe(true);
  const v = new Visitor(h.baseUrl);
  const first = await v.get(c.path);
  expect(first.status).toBe(200);
  expect(first.text).toContain('Goed dat u kijkt');
  expect(first.text).toContain('Postcode');
  expect(first.text).not.toContain('600,00');
  expect(first.text).not.toContain('Kaya');
  expect(first.headers.get('cache-control')).toBe('no-store');

  const wrong = await v.post(`${c.path}/controle`, { postcode: '3511 AX', houseNumber: '120' });
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain('Dit klopt niet');
  const right = await v.post(`${c.path}/controle`, { postcode: '3511 ax', houseNumber: '118' });
  expect(right.status).toBe(303);
  const home = await v.get(c.path);
  expect(home.text).toContain('Er staat € 600,00 open.');
  expect(home.text).toContain('Nu betalen');
  // In English as well.
  const en = await v.get(`${c.path}?lang=en`);
  expect(en.text).toContain('€ 600,00 is still open.');
  expect(en.text).toContain('<html lang="en">');

  // The verified cookie belongs to this link: another case's link asks again, and shows nothing of it.
  const other = await openTenantCase();
  const elsewhere = await v.get(other.path);
  expect(elsewhere.text).toContain('Postcode');
  expect(elsewhere.text).not.toContain('600,00');
});

test('a tampered, an expired and a closed case’s link each get a friendly page and change nothing; five wrong addresses lock the link', async () => {
  const c = await openTenantCase();
  const v = new Visitor(h.baseUrl);
  const token = c.path.split('/').pop()!;
  const tampered = await v.get(`/huurder/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
  expect(tampered.status).toBe(404);
  expect(tampered.text).toContain('Wij kennen deze link niet');
  expect(tampered.text).toContain('Bel Team Huurincasso op 010 123 45 67');
  expect(tampered.text).not.toMatch(/Error|stack|at \w+ \(/);

  for (let i = 0; i < 5; i++) expect((await v.post(`${c.path}/controle`, { postcode: '1234 AB', houseNumber: String(i) })).status).toBe(400);
  const locked = await v.post(`${c.path}/controle`, { postcode: '3511 AX', houseNumber: '118' });
  expect(locked.status).toBe(429);
  expect(locked.text).toContain('te vaak geprobeerd');

  const d = await openTenantCase();
  const verified = await signedIn(d.path);
  await h.pool.query(`UPDATE tenant_links SET expires_at = now() - interval '1 minute' WHERE case_id = $1`, [d.id]);
  const expired = await verified.get(d.path);
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('verlopen');
  expect((await verified.post(`${d.path}/terugbellen`, { note: '' })).status).toBe(410);
  expect((await h.pool.query(`SELECT 1 FROM tasks WHERE case_id = $1 AND kind = 'call-back'`, [d.id])).rowCount).toBe(0);

  const e = await openTenantCase();
  const tenantOfE = await signedIn(e.path);
  expect((await (await h.as('mark')).post(`/api/cases/${e.id}/cancel`, { reason: 'dubbel geopend' })).status).toBe(200);
  const closed = await tenantOfE.get(e.path);
  expect(closed.status).toBe(410);
  expect(closed.text).toContain('afgesloten');
});

test('a burst of requests is slowed down with a friendly page', async () => {
  const c = await openTenantCase();
  const v = new Visitor(h.baseUrl);
  const statuses: number[] = [];
  for (let i = 0; i < PAGE_REQUESTS.perMinute + 5; i++) statuses.push((await v.get(`${c.path}?n=${i}`)).status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
  const busy = await v.get(c.path);
  expect(busy.status).toBe(429);
  expect(busy.headers.get('retry-after')).toBe('60');
  expect(busy.text).toContain('te veel verzoeken');
  // Its budget spent, nothing else of the tenant's was touched.
  await h.pool.query(`DELETE FROM sign_in_limits WHERE key LIKE 'tenant-page:%'`);
});

test('paying part through the provider lowers the balance once, even when the webhook comes twice', async () => {
  const c = await openTenantCase();
  const v = await signedIn(c.path);
  const page = await v.get(`${c.path}/betalen`);
  expect(page.text).toContain('Betalen met iDEAL');
  expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${standin.url}`);
  const started = await v.post(`${c.path}/betalen`, { amount: '150,00' });
  expect(started.status).toBe(303);
  expect(started.location).toMatch(new RegExp(`^${standin.url}/checkout/tr_`));
  const providerId = started.location!.split('/').pop()!;
  // The bank says yes: the stand-in calls the webhook, then sends the tenant back.
  const paid = await fetch(started.location!, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'result=paid' });
  expect(paid.status).toBe(303);
  await waitFor('the payment applied', async () => ((await balance(c.id)) === 45_000 ? true : undefined));
  const back = await v.get(new URL(paid.headers.get('location')!).pathname);
  expect(back.location).toContain('klaar=paid%3A15000');
  expect((await v.get(back.location!)).text).toContain('Uw betaling van € 150,00 is binnen');

  expect(await standin.redeliver(providerId)).toBe(200);
  const state = await h.state(c.id);
  expect(state.balanceCents).toBe(45_000);
  expect(state.payments).toBe(1);
  expect(await balance(c.id)).toBe(45_000);
  const rows = await h.pool.query(`SELECT source, amount_cents FROM payments WHERE case_id = $1`, [c.id]);
  expect(rows.rows).toEqual([{ source: 'ideal', amount_cents: 15_000 }]);
  // A forged webhook for a payment the provider does not know pays nothing.
  const forged = await fetch(`${h.baseUrl}/huurder-betaling/webhook`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=tr_doesnotexist' });
  expect(forged.status).toBe(200);
  expect(await balance(c.id)).toBe(45_000);
  // More than is open is refused on the page, naming the maximum.
  const tooMuch = await v.post(`${c.path}/betalen`, { amount: '9999' });
  expect(tooMuch.status).toBe(400);
  expect(tooMuch.text).toContain('€ 450,00');
});

test('a plan inside the limits is followed at once (instalment reminders go out); one outside them becomes the caseworker’s task', async () => {
  const c = await openTenantCase({ timeScale: daysPerSecond(1) });
  const v = await signedIn(c.path);
  const today = (await h.state(c.id)).clock.business;
  const first = new Date(today + 7 * 86_400_000).toISOString().slice(0, 10);
  const accepted = await v.post(`${c.path}/regeling`, { amount: '100', firstDueDate: first });
  expect(accepted.status).toBe(303);
  expect(accepted.location).toContain('klaar=accepted');
  expect((await v.get(accepted.location!)).text).toContain('U betaalt 6 keer € 100,00');
  const state = await h.state(c.id);
  expect(state.currentStep?.id).toBe('arrangement');
  expect(state.arrangement?.plan).toEqual({ instalmentCents: 10_000, instalments: 6, interval: 'P1M', firstDueDate: first });
  await waitFor('the first instalment reminder', async () => (await messages(h, c.id)).find((m) => m.purpose === 'arrangement-reminder'), 60_000);
  const events = await h.pool.query<{ type: string; actor: string }>(`SELECT type, actor FROM case_events WHERE case_id = $1 AND type = 'arrangement-proposed'`, [c.id]);
  expect(events.rows).toEqual([{ type: 'arrangement-proposed', actor: 'tenant' }]);

  const d = await openTenantCase();
  const w = await signedIn(d.path);
  const outside = await w.post(`${d.path}/regeling`, { amount: '20', firstDueDate: first });
  expect(outside.location).toContain('klaar=task');
  expect((await w.get(outside.location!)).text).toContain('Een medewerker belt u binnen twee werkdagen');
  const task = await waitFor('the proposal task', async () => (await h.pool.query<{ id: string; role: string; due_at: Date | null; instructions: string }>(`SELECT id, role, due_at, instructions FROM tasks WHERE case_id = $1 AND kind = 'arrangement-proposal' AND status = 'open'`, [d.id])).rows[0]);
  expect(task.role).toBe('caseworker');
  expect(task.instructions).toContain(`Voorstel van de huurder: € 20,00 per maand vanaf ${formatDateNl(Date.parse(`${first}T00:00:00Z`))} (30 termijnen).`);
  expect(task.due_at).not.toBeNull();
  expect((await h.state(d.id)).currentStep?.id).toBe('wait');
  // The caseworker agrees a realistic plan on it: the case follows that plan.
  await complete(await h.as('sanne'), task.id, 'agreed', { instalmentCents: 10_000, instalments: 6, interval: 'P1M', firstDueDate: first });
  await atStep(h, d.id, 'arrangement');
  expect((await h.state(d.id)).arrangement?.plan.instalmentCents).toBe(10_000);
});

test('choosing e-mail moves the next message to e-mail; a call back and "I am getting help" become tasks with a deadline, shown as by the tenant', async () => {
  const c = await openTenantCase();
  const v = await signedIn(c.path);
  const chosen = await v.post(`${c.path}/contact`, { channel: 'email', time: 'evening' });
  expect(chosen.location).toContain('klaar=contact');
  const tenant = await h.pool.query(`SELECT t.preferred_channel, t.preferred_time FROM tenants t JOIN tenancies y ON y.tenant_id = t.id JOIN cases c ON c.tenancy_id = y.id WHERE c.id = $1`, [c.id]);
  expect(tenant.rows[0]).toEqual({ preferred_channel: 'email', preferred_time: 'evening' });
  const day = await v.post(`${c.path}/incassodag`, { day: '25' });
  expect(day.location).toContain('klaar=day%3A25');
  expect((await h.pool.query(`SELECT y.debit_day FROM tenancies y JOIN cases c ON c.tenancy_id = y.id WHERE c.id = $1`, [c.id])).rows[0]).toEqual({ debit_day: 25 });

  const called = await v.post(`${c.path}/terugbellen`, { note: 'Liefst na zessen' });
  expect(called.location).toContain('klaar=callBack');
  const callBack = await waitFor('the call-back task', async () => (await h.pool.query<{ due_at: Date | null; role: string }>(`SELECT due_at, role FROM tasks WHERE case_id = $1 AND kind = 'call-back'`, [c.id])).rows[0]);
  expect(callBack.role).toBe('caseworker');
  expect(callBack.due_at).not.toBeNull();
  await v.post(`${c.path}/hulp`, { note: 'Budgetcoach van het wijkteam' });
  const help = await waitFor('the getting-help task', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND kind = 'getting-help' AND status = 'open'`, [c.id])).rows[0]);

  // The next message after the wait goes by e-mail.
  expect((await (await h.as('sanne')).post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde even.' })).status).toBe(200);
  const next = await waitFor('the follow-up message', async () => (await messages(h, c.id)).find((m) => m.step_id === 'follow-up'));
  expect(next.channel).toBe('email');

  const rows = await timeline(h, c.id);
  const byTenant = await h.pool.query<{ type: string }>(`SELECT type FROM case_events WHERE case_id = $1 AND actor = 'tenant' ORDER BY id`, [c.id]);
  expect(byTenant.rows.map((r) => r.type)).toEqual(['contact-preference', 'event', 'call-back-requested', 'help-reported']);
  expect(next.body).toContain('/huurder/');
  expect(rows.some((r) => r.type === 'call-back-requested')).toBe(true);
  const audited = await h.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE case_id = $1 AND actor = 'tenant' ORDER BY seq`, [c.id]);
  expect(audited.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['tenant.page-opened', 'tenant.contact', 'tenancy.debit-day', 'case.call-back-requested', 'case.help-reported']));

  // "Getting help" can lead to a pause, decided by the caseworker.
  const review = new Date((await h.state(c.id)).clock.business + 60 * 86_400_000).toISOString().slice(0, 10);
  await complete(await h.as('sanne'), help.id, 'pause', { reviewDate: review, note: 'Budgetcoach bevestigt: traject loopt.' });
  await waitFor('the case paused', async () => ((await h.state(c.id)).paused ? true : undefined));
  expect((await v.get(c.path)).text).toContain('U krijgt hulp bij geldzaken');
});
