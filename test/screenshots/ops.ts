// The screenshots in docs/screenshots/ops-*.png, taken from a demo population on the standard
// ladder: cases waiting, calls overdue, home visits, paused cases, paid cases closed after
// aftercare, arrangements on track and broken, cancelled cases, a message that keeps failing and
// a step the legal check blocked. Taken by `npm run screenshots`, on a database of its own (the
// dashboard counts every case).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { businessNow } from '../../workflows/case-view.ts';
import { launchBrowser, signedInPage } from '../support/browser.ts';
import { complete, openTask } from '../support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from '../support/harness.ts';
import { expiringCallToBailiff } from '../support/definitions.ts';
import { LoopbackProvider } from '../support/loopback.ts';
import { startOpsApp } from '../support/ops.ts';

const names = [
  'Mw. De Vries', 'Fam. Jansen', 'Dhr. Bakker', 'Fam. Visser', 'Dhr. Smit', 'Mw. Meijer', 'Fam. De Boer', 'Dhr. Mulder', 'Mw. De Groot', 'Fam. Bos',
  'Dhr. Vos', 'Mw. Peters', 'Fam. Hendriks', 'Dhr. Van Leeuwen', 'Mw. Dekker', 'Fam. Brouwer', 'Dhr. De Wit', 'Mw. Dijkstra', 'Fam. Smits', 'Dhr. De Graaf',
  'Mw. Van der Meer', 'Fam. Van der Linden', 'Dhr. Kok', 'Mw. Jacobs', 'Fam. De Haan', 'Dhr. Vermeulen', 'Mw. Van den Berg', 'Fam. Van Dijk', 'Dhr. Yilmaz', 'Mw. Kaya',
  'Fam. Öztürk', 'Dhr. Haddou', 'Mw. Boukhari', 'Fam. Pinas', 'Dhr. Sedney', 'Mw. Koster', 'Fam. Prins', 'Dhr. Huisman', 'Mw. Kuipers', 'Fam. Postma',
];
const streets = ['Lindelaan', 'Kastanjestraat', 'Beukenhof', 'Molenweg', 'Dorpsstraat', 'Havenkade', 'Schoolstraat', 'Parkweg'];
const FAILING_PHONE = '+31699990001';
const DAY = 86_400_000;

let h: Harness;
let provider: LoopbackProvider;
let app: Awaited<ReturnType<typeof startOpsApp>>;
let seq = 0;

function tenancy(i: number, extra: Record<string, unknown> = {}) {
  const n = seq++;
  return {
    // No minors: the case bound for the bailiff must not turn off at the household check.
    tenancy: { reference: `HUUR-${10_400 + n}`, street: `${streets[n % streets.length]} ${(n % 80) + 2}`, postalCode: `30${10 + (n % 80)} AB`, city: 'Rotterdam', minorsInHousehold: false },
    tenant: { name: names[n % names.length], phone: `+316${String(20_000_000 + n).padStart(8, '0')}`, email: `huurder${n}@example.nl` },
    arrearsCents: 35_000 + ((n * 7919) % 24) * 5_000,
    dueDate: new Date(Date.now() - (8 + ((i * 13) % 50)) * DAY).toISOString().slice(0, 10),
    ...extra,
  };
}

async function open(api: Api, count: number, extra: (i: number) => Record<string, unknown>) {
  return await Promise.all(Array.from({ length: count }, (_, i) => tenancy(i, extra(i))).map((body) => h.openCase(api, body)));
}


describe('screenshots of the ops pages', () => {
  beforeAll(async () => {
    provider = await new LoopbackProvider().start();
    provider.script(FAILING_PHONE, ...Array.from({ length: 500 }, () => ({ status: 503, body: { error: 'upstream timeout' } })));
    h = await startHarness({ ownDatabase: true, channels: { MAIL_FROM: 'test@example.nl', WHATSAPP_API_URL: provider.url, WHATSAPP_API_TOKEN: 'demo' } });
    app = await startOpsApp(h, { temporalUiUrl: 'http://localhost:8080' });
  });
  afterAll(async () => {
    await app?.stop();
    await h?.stop();
    await provider?.stop();
  });

  test('dashboard, process map, trouble list and case search', async () => {
    const [sanne, omar, eva] = await Promise.all([app.as('sanne'), app.as('omar'), app.as('eva')]);
    const slow = await open(sanne, 40, () => ({ timeScale: daysPerSecond(0.002) }));
    // Scales are chosen so the cases' business clocks stay within a few weeks of each other:
    // a case's "now" runs ahead at its own speed, and the dashboard's weeks are business weeks.
    const calls = await open(sanne, 30, (i) => ({ timeScale: daysPerSecond(0.3), ...(i % 4 === 0 ? { segmentSuggestion: 'structural-problems' } : {}) }));
    const visits = await open(sanne, 12, () => ({ timeScale: daysPerSecond(0.3) }));
    const paying = await open(sanne, 14, () => ({ timeScale: daysPerSecond(1) }));
    // Arrangements: kept (first instalment far ahead), behind (one missed), broken (two missed).
    const onTrack = await open(sanne, 4, () => ({ timeScale: daysPerSecond(0.3), segmentSuggestion: 'temporary-victim' }));
    // Behind: one monthly instalment missed, the second far off. Broken: two weekly ones missed,
    // early enough that the break falls inside the dashboard's weeks.
    const behind = await open(sanne, 2, () => ({ timeScale: daysPerSecond(0.2), segmentSuggestion: 'chronic-late-payer' }));
    const breaking = await open(sanne, 4, () => ({ timeScale: daysPerSecond(0.5), segmentSuggestion: 'structural-problems' }));
    await open(sanne, 2, () => ({ timeScale: daysPerSecond(0.5), segmentSuggestion: 'lax-payer', tenant: { name: 'Dhr. Onbereikbaar', phone: FAILING_PHONE } }));
    const legalId = `proef-${randomUUID().slice(0, 6)}`;
    expect((await eva.post('/api/definitions/publish', { definition: expiringCallToBailiff(legalId) })).status).toBe(201);
    await open(sanne, 1, () => ({ definitionId: legalId, timeScale: daysPerSecond(4) }));

    // Paid in full, some days into the ladder: aftercare, then closed as paid weeks later.
    for (const [i, c] of paying.entries()) {
      await new Promise((r) => setTimeout(r, 1_000 * (i % 4)));
      await h.pay(c.id, { reference: `DEMO-${c.reference}`, amountCents: 200_000 });
    }
    const review = new Date(Date.now() + 45 * DAY).toISOString().slice(0, 10);
    expect((await omar.post('/api/ops/cases/bulk', { action: 'pause', caseIds: slow.slice(0, 6).map((c) => c.id), reason: 'Schuldhulpverlening gestart', reviewDate: review })).status).toBe(200);
    expect((await omar.post('/api/ops/cases/bulk', { action: 'cancel', caseIds: slow.slice(6, 12).map((c) => c.id), reason: 'Huur opgezegd, eindafrekening via debiteurenbeheer' })).status).toBe(200);
    for (const c of visits) await complete(sanne, (await openTask(h, c.id, 'phone-call', 120_000)).id, 'not-reached');
    const agree = async (c: { id: string }, firstDueInDays: number, interval: 'P1W' | 'P1M') => {
      const call = await openTask(h, c.id, 'phone-call', 120_000);
      const now = businessNow(await h.state(c.id));
      const row = await h.pool.query<{ balance_cents: number }>(`SELECT balance_cents FROM cases WHERE id = $1`, [c.id]);
      await complete(sanne, call.id, 'arrangement-agreed', {
        note: 'Huurder stelt zelf een regeling voor.',
        instalmentCents: Math.ceil(row.rows[0]!.balance_cents / 4),
        instalments: 4,
        interval,
        firstDueDate: new Date(now + firstDueInDays * DAY).toISOString().slice(0, 10),
      });
    };
    await Promise.all([...breaking.map((c) => agree(c, 3, 'P1W')), ...behind.map((c) => agree(c, 3, 'P1M')), ...onTrack.map((c) => agree(c, 60, 'P1M'))]);
    void calls;
    await waitFor(
      'paid cases closed, and arrangements on track, behind and broken',
      async () => {
        const d = (await omar.get('/api/ops/dashboard')).body;
        const paid = d.weekly.reduce((n: number, w: { closed: Record<string, number> }) => n + (w.closed.paid ?? 0), 0);
        const a = d.arrangements;
        if (paid >= 12 && a.broken >= 3 && a.behind >= 1 && a.onTrack >= 3) return d;
        throw new Error(`paid ${paid}, arrangements ${JSON.stringify(a)}`);
      },
      150_000,
      2_000,
    );

    const browser = await launchBrowser();
    try {
      const page = await signedInPage(browser, app.baseUrl, 'omar', { width: 1680, height: 1050 });
      await page.goto(`${app.baseUrl}/ops`);
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: 'docs/screenshots/ops-dashboard.png', fullPage: true });

      await page.goto(`${app.baseUrl}/ops/heat?definition=standard-ladder&version=1`);
      await page.locator('[data-testid="heat-canvas"][data-ready="true"] [data-testid="canvas"][data-ready="true"]').waitFor();
      await page.getByTestId('heat-phone-call').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: 'docs/screenshots/ops-heat-view.png' });
      await page.getByTestId('heat-whatsapp-link').click();
      await page.getByTestId('step-cases').locator('tbody tr').first().waitFor();
      await page.getByTestId('heat-whatsapp-link').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'docs/screenshots/ops-heat-view-step.png' });

      await page.goto(`${app.baseUrl}/ops/trouble`);
      await page.getByTestId('trouble-failing').locator('tbody tr').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('trouble-legal').locator('tbody tr').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: 'docs/screenshots/ops-trouble.png', fullPage: true });

      await page.goto(`${app.baseUrl}/ops/cases?status=open&sort=balance`);
      await page.getByTestId('case-table').locator('tbody tr').first().waitFor();
      for (const box of (await page.getByTestId('case-table').locator('tbody input[type="checkbox"]').all()).slice(0, 3)) await box.check();
      await page.getByRole('button', { name: 'Pauzeren' }).click();
      await page.getByTestId('bulk-dialog').getByLabel('Reden').fill('Aanmelding schuldhulpverlening ontvangen van de gemeente');
      await page.screenshot({ path: 'docs/screenshots/ops-cases-bulk.png' });
    } finally {
      await browser.close();
    }
  }, 600_000);
});
