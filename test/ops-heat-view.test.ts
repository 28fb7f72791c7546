// The heat view with a few hundred cases spread over the standard ladder (accelerated time):
// its counts per step (open, waiting on a person, paused) are the ones `temporal workflow
// list` gives and the ones the case list gives. Counts settle once every case stands at a
// human task or a long wait, so the test waits for the three sources to agree and fails with
// the difference if they never do.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { roles } from '../definition/catalog.ts';
import { complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';
import { countWorkflows, listWorkflows, openMany, publishLadderCopy } from './support/ops.ts';

let h: Harness;
let omar: Api;
let definitionId: string;
const expectedOpen = { slow: 60, fast: 90, personal: 30, notReached: 25, reached: 15, paying: 15, paused: 10 };

beforeAll(async () => {
  h = await startHarness();
  const [eva, sanne] = await Promise.all([h.as('eva'), h.as('sanne')]);
  omar = await h.as('omar');
  definitionId = await publishLadderCopy(eva, 'heat');
  const open = (n: number, extra: Record<string, unknown>) => openMany(h, sanne, n, () => ({ definitionId, ...extra }));
  // Slow cases stay in the first wait for the whole test (7 days take an hour here).
  const slow = await open(expectedOpen.slow + expectedOpen.paused, { timeScale: daysPerSecond(0.002) });
  // Fast ones run to the phone call (a human task, escalated to the team lead after its deadlines).
  await open(expectedOpen.fast, { timeScale: daysPerSecond(2) });
  await open(expectedOpen.personal, { timeScale: daysPerSecond(2), segmentSuggestion: 'structural-problems' });
  const notReached = await open(expectedOpen.notReached, { timeScale: daysPerSecond(2) });
  const reached = await open(expectedOpen.reached, { timeScale: daysPerSecond(0.5) });
  const paying = await open(expectedOpen.paying, { timeScale: daysPerSecond(0.2) });
  // Paid in full: the case leaves the ladder for aftercare (a four-week wait).
  await Promise.all(paying.map((c, i) => h.pay(c.id, { reference: `HEAT-${definitionId}-${i}`, amountCents: 80_000 })));
  const reviewDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const c of slow.slice(0, expectedOpen.paused)) {
    const r = await omar.postRetrying(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp loopt', reviewDate });
    if (r.status !== 200) throw new Error(`pause failed: ${JSON.stringify(r.body)}`);
  }
  // Staff act on some phone calls: not reached → home visit; reached → wait for the promised payment.
  for (const c of notReached) await complete(sanne, (await openTask(h, c.id, 'phone-call', 60_000)).id, 'not-reached');
  for (const c of reached) await complete(sanne, (await openTask(h, c.id, 'phone-call', 90_000)).id, 'reached', { note: 'Betaalt vrijdag' });
}, 300_000);
afterAll(async () => h?.stop());

type Counts = Record<string, { open: number; person: number; paused: number }>;
const personRoles = new Set<string>(roles.ids);

async function fromTemporal(): Promise<Counts> {
  const running = await listWorkflows(`CaseDefinition = '${definitionId}' AND ExecutionStatus = 'Running'`);
  const counts: Counts = {};
  for (const wf of running) {
    const step = String(wf.attributes.CaseStep ?? '');
    const c = (counts[step] ??= { open: 0, person: 0, paused: 0 });
    c.open++;
    if (personRoles.has(String(wf.attributes.CaseWaitingOn))) c.person++;
    if (wf.attributes.CasePaused === true) c.paused++;
  }
  return counts;
}

async function fromHeatView(): Promise<Counts> {
  const res = await omar.get(`/api/ops/heat?definitionId=${definitionId}&version=1`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.steps.map((s: { stepId: string; open: number; waitingOnPerson: number; paused: number }) => [s.stepId, { open: s.open, person: s.waitingOnPerson, paused: s.paused }]));
}

async function fromCaseList(steps: string[]): Promise<Counts> {
  const counts: Counts = {};
  for (const step of steps) {
    const q = `definitionId=${definitionId}&version=1&status=open&step=${step}&limit=1`;
    const [all, paused] = await Promise.all([omar.get(`/api/cases?${q}`), omar.get(`/api/cases?${q}&paused=true`)]);
    let person = 0;
    for (const role of roles.ids) person += (await omar.get(`/api/cases?${q}&waitingOn=${role}`)).body.total;
    counts[step] = { open: all.body.total, person, paused: paused.body.total };
  }
  return counts;
}

test('with a few hundred cases spread over the standard ladder, the heat view counts match temporal workflow list and the case list', async () => {
  const total = Object.values(expectedOpen).reduce((a, b) => a + b, 0);
  const agreed = await waitFor(
    'the heat view, temporal workflow list and the case list to agree',
    async () => {
      const [heat, temporal] = await Promise.all([fromHeatView(), fromTemporal()]);
      const list = await fromCaseList(Object.keys({ ...heat, ...temporal }));
      const same = JSON.stringify(sorted(heat)) === JSON.stringify(sorted(temporal)) && JSON.stringify(sorted(heat)) === JSON.stringify(sorted(list));
      const open = Object.values(heat).reduce((n, c) => n + c.open, 0);
      return same && open === total ? { heat, temporal, list } : (console.log(JSON.stringify({ heat: sorted(heat), temporal: sorted(temporal) })), false);
    },
    150_000,
    3_000,
  );
  // Spread over the ladder: the first wait, the phone call, the home visit, the promised payment, aftercare.
  expect(agreed.heat['wait-after-reminder']).toEqual({ open: expectedOpen.slow + expectedOpen.paused, person: 0, paused: expectedOpen.paused });
  expect(agreed.heat['phone-call']).toEqual({ open: expectedOpen.fast + expectedOpen.personal, person: expectedOpen.fast + expectedOpen.personal, paused: 0 });
  expect(agreed.heat['home-visit']).toMatchObject({ open: expectedOpen.notReached, person: expectedOpen.notReached });
  expect(agreed.heat['wait-for-promise']?.open ?? 0).toBe(expectedOpen.reached);
  expect(agreed.heat['aftercare-wait']?.open ?? 0).toBe(expectedOpen.paying);
  // The literal question ops asks the CLI, for one step.
  expect(await countWorkflows(`CaseDefinition = '${definitionId}' AND ExecutionStatus = 'Running' AND CaseStep = 'home-visit'`)).toBe(expectedOpen.notReached);
  expect(await countWorkflows(`CaseDefinition = '${definitionId}' AND ExecutionStatus = 'Running' AND CasePaused = true`)).toBe(expectedOpen.paused);
});

function sorted(c: Counts): Counts {
  return Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}

test('the heat view draws the same counts on the process drawing, lists the cases of a clicked step, and the dashboard shows the totals', async () => {
  const { launchBrowser, signedInPage } = await import('./support/browser.ts');
  const browser = await launchBrowser();
  try {
    const page = await signedInPage(browser, h.baseUrl, 'omar', { width: 1680, height: 1050 });
    await page.goto(`${h.baseUrl}/ops/heat?definition=${definitionId}&version=1`);
    await page.locator('[data-testid="heat-canvas"][data-ready="true"] [data-testid="canvas"][data-ready="true"]').waitFor();
    // A few cases still move (aftercare ends, promised payments fall due) and the page refreshes
    // every ten seconds, so the drawing is compared with the API until a refresh catches up.
    const badge = (c: { open: number; waitingOnPerson: number; paused: number }) => `${c.open}/${c.waitingOnPerson}/${c.paused}`;
    await waitFor(
      'the drawing to show the counts of the heat API',
      async () => {
        const heat = (await omar.get(`/api/ops/heat?definitionId=${definitionId}&version=1`)).body as { steps: Array<{ stepId: string; open: number; waitingOnPerson: number; paused: number }> };
        const drawn = await page.$$eval('[data-open][data-person][data-paused]', (els) =>
          Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), `${e.getAttribute('data-open')}/${e.getAttribute('data-person')}/${e.getAttribute('data-paused')}`])),
        );
        const expected = Object.fromEntries(heat.steps.map((s) => [`heat-${s.stepId}`, badge(s)]));
        const differs = Object.entries(expected).filter(([id, v]) => drawn[id] !== v);
        if (differs.length) throw new Error(`drawn ≠ API (open/person/paused): ${differs.map(([id, v]) => `${id} ${drawn[id]} ≠ ${v}`).join(', ')}`);
        return heat.steps.some((s) => s.open > 0) || undefined;
      },
      90_000,
      1_000,
    );

    // A click on the busiest step lists its cases; the paused view lists the paused ones.
    await page.getByTestId('heat-wait-after-reminder').click();
    const panel = page.getByTestId('step-cases');
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(expectedOpen.slow + expectedOpen.paused);
    await panel.getByRole('button', { name: /^Gepauzeerd/ }).click();
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(expectedOpen.paused);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const tiles = page.getByTestId('dashboard-tiles');
    await tiles.waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await tiles.innerText()).toContain('Open zaken');
  } finally {
    await browser.close();
  }
});
