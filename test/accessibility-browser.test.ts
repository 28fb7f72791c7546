// Every page of the web app scanned by axe-core (WCAG 2.1 A and AA) in real Chromium, signed in
// as the role that works on it, with real data on it: no violations anywhere.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { accessibilityViolations } from './support/axe.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { openTask } from './support/cases.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
let caseId: string;
let taskId: string;
const definitionId = `a11y-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  const eva = await h.as('eva');
  const definition: DefinitionInput = {
    id: definitionId,
    name: 'Bellen',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'end' } },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
  expect((await eva.post('/api/definitions/publish', { definition, note: 'toegankelijkheid' })).status).toBe(201);
  const c = await h.openCase(await h.as('sanne'), { definitionId, tenant: { name: 'Mevrouw Toegankelijk', phone: '+31612345678', email: 'toegankelijk@example.nl' } });
  caseId = c.id;
  taskId = (await openTask(h, caseId, 'call')).id;
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function dryRunFinished(page: Page) {
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByRole('tab', { name: 'Proefrun' }).click();
  await page.getByLabel('Reageert nooit').check();
  await page.getByRole('button', { name: 'Proefrun starten' }).click();
  await page.locator('[data-testid="dry-run-status"][data-status="finished"]').waitFor({ timeout: 60_000 });
}

/** The pages, who looks at them, and what shows that a page has loaded its data. */
const pages: Array<{ name: string; user: string | null; path: () => string; ready: (page: Page) => Promise<unknown> }> = [
  { name: 'sign-in', user: null, path: () => '/signin', ready: (p) => p.getByLabel('Gebruikersnaam').waitFor() },
  { name: 'inbox', user: 'sanne', path: () => '/inbox', ready: (p) => p.getByTestId('inbox-table').waitFor() },
  { name: 'task', user: 'sanne', path: () => `/inbox/tasks/${encodeURIComponent(taskId)}`, ready: (p) => p.getByTestId('case-context').waitFor() },
  { name: 'case list', user: 'sanne', path: () => '/cases', ready: (p) => p.getByRole('link', { name: 'Mevrouw Toegankelijk' }).first().waitFor() },
  { name: 'case', user: 'sanne', path: () => `/cases/${caseId}`, ready: (p) => p.getByTestId('case-page').waitFor() },
  // The standard ladder: every kind of step on the canvas.
  { name: 'designer', user: 'eva', path: () => '/designer/definitions/standard-ladder', ready: (p) => p.locator('.react-flow__node').first().waitFor() },
  // The dry run of a small process, run to its end: the path, the dates and the messages listed.
  { name: 'dry run', user: 'eva', path: () => `/designer/definitions/${definitionId}`, ready: dryRunFinished },
  { name: 'policy holds', user: 'eva', path: () => '/designer/holds', ready: (p) => p.getByTestId('policy-holds').waitFor() },
  { name: 'seasonal campaigns', user: 'eva', path: () => '/designer/campaigns', ready: (p) => p.getByRole('combobox', { name: 'Preventieproces' }).locator('option').first().waitFor({ state: 'attached' }) },
  { name: 'templates', user: 'eva', path: () => '/designer/templates', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'dashboard', user: 'omar', path: () => '/ops', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'heat view', user: 'omar', path: () => `/ops/heat?definition=${definitionId}&version=1`, ready: (p) => p.getByTestId('heat-call').waitFor() },
  { name: 'case search', user: 'omar', path: () => '/ops/cases', ready: (p) => p.getByTestId('case-table').waitFor() },
  { name: 'trouble', user: 'omar', path: () => '/ops/trouble', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'migration', user: 'omar', path: () => '/ops/migration', ready: (p) => p.getByTestId('migration-definition').waitFor() },
  { name: 'ops case', user: 'omar', path: () => `/ops/cases/${caseId}`, ready: (p) => p.getByTestId('case-facts').waitFor() },
  { name: 'account', user: 'sanne', path: () => '/account', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'API reference', user: 'sanne', path: () => '/api-docs', ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  { name: 'users', user: 'admin', path: () => '/admin', ready: (p) => p.getByTestId('users').waitFor() },
  { name: 'teams', user: 'admin', path: () => '/admin/teams', ready: (p) => p.getByRole('heading', { name: 'Teams' }).waitFor() },
];

test('no page has an accessibility violation (WCAG 2.1 AA, axe-core)', async () => {
  const found: Record<string, string[]> = {};
  // One signed-in page per user, visiting that user's pages in turn.
  for (const user of [...new Set(pages.map((p) => p.user))]) {
    const page = user ? await signedInPage(browser, h.baseUrl, user) : await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    for (const spec of pages.filter((p) => p.user === user)) {
      await page.goto(`${h.baseUrl}${spec.path()}`);
      await spec.ready(page);
      await page.waitForLoadState('networkidle');
      const violations = await accessibilityViolations(page);
      if (violations.length) found[spec.name] = violations;
    }
    await page.context().close();
  }
  expect(found).toEqual({});
});

/** The pages people use on a phone, and the designer, which says there that it needs a larger screen. */
const phonePages: Array<{ name: string; ready?: (page: Page) => Promise<unknown> }> = [
  { name: 'sign-in' },
  { name: 'inbox' },
  { name: 'task' },
  { name: 'case' },
  { name: 'designer', ready: (p) => p.getByRole('note').waitFor() },
  { name: 'dashboard' },
  { name: 'case search' },
  { name: 'trouble' },
];

test('on a 390×844 phone the same pages have no violation and no page scrolls sideways', async () => {
  const found: Record<string, string[]> = {};
  const phone = { width: 390, height: 844 };
  for (const { name, ready } of phonePages) {
    const spec = pages.find((p) => p.name === name)!;
    const page = spec.user ? await signedInPage(browser, h.baseUrl, spec.user, phone) : await (await browser.newContext({ locale: 'nl-NL', viewport: phone })).newPage();
    await page.goto(`${h.baseUrl}${spec.path()}`);
    await (ready ?? spec.ready)(page);
    await page.waitForLoadState('networkidle');
    const violations = await accessibilityViolations(page);
    if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) violations.push('the page scrolls sideways');
    // The inbox is worked through on a phone: its rows are cards, nothing to scroll sideways for.
    if (name === 'inbox') {
      const table = await page.getByTestId('inbox-table').evaluate((el) => ({ wide: el.scrollWidth > el.clientWidth + 1, row: getComputedStyle(el.querySelector('tbody tr')!).display }));
      if (table.wide) violations.push('the inbox scrolls sideways');
      if (table.row !== 'block') violations.push(`the inbox rows are not cards (display: ${table.row})`);
    }
    if (violations.length) found[name] = violations;
    await page.context().close();
  }
  expect(found).toEqual({});
});

test('by keyboard: a skip link to the content, the inbox views as tabs moved with the arrow keys, and the focus on the new page\'s heading after following a link', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/inbox`);
  await page.getByTestId('inbox-table').waitFor();
  // The first Tab of a page offers the way past the navigation.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  // The views are one tab stop; the arrow keys choose.
  const tabs = page.getByRole('tablist', { name: 'Lijsten' });
  await tabs.getByRole('tab', { selected: true }).focus();
  expect(await tabs.getByRole('tab', { selected: true }).getAttribute('data-testid')).toBe('tab-mine');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => tabs.getByRole('tab', { selected: true }).getAttribute('data-testid')).toBe('tab-team');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-team');
  expect(new URL(page.url()).searchParams.get('view')).toBe('team');
  expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(await tabs.getByRole('tab', { selected: true }).getAttribute('id'));
  expect(await tabs.getByRole('tab').evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')))).toEqual(['-1', '0', '-1']);

  // Following a link puts the focus on the new page's main heading.
  await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Zaken' }).click();
  await expect.poll(() => page.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null))).toBe('Zaken');
  await page.context().close();
});

test('by keyboard on the case page: the process map is no tab stop, and registering a payment is reached in under 15 Tabs', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  await page.goto(`${h.baseUrl}/cases/${caseId}`);
  await page.getByTestId('process-map').locator('.react-flow__node').first().waitFor();
  expect(await page.getByTestId('process-map').locator('[tabindex]:not([tabindex="-1"]), a[href], button').count()).toBe(0);
  await page.locator('body').focus();
  let tabs = 0;
  while (tabs < 40 && (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Betaling registreren') {
    await page.keyboard.press('Tab');
    tabs++;
  }
  expect(tabs).toBeLessThan(15);
  await page.keyboard.press('Enter');
  await page.getByLabel('Bedrag', { exact: true }).waitFor();
  await page.context().close();
});

test('by keyboard only: from the inbox to a completed task, then a payment registered on the case, each action within a few Tabs', async () => {
  const tenant = 'Meneer Toetsenbord';
  // After the call the case waits a month: it stays open for the payment.
  const afterCall: DefinitionInput = {
    id: `${definitionId}-wacht`,
    name: 'Bellen en wachten',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'wait' } },
      { id: 'wait', name: 'Wachten op betaling', kind: 'wait', duration: 'P30D', next: { elapsed: 'end' } },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
  expect((await (await h.as('eva')).post('/api/definitions/publish', { definition: afterCall, note: 'toetsenbord' })).status).toBe(201);
  // The largest amount in the inbox, so the list sorted by amount shows it first whatever else is open.
  const c = await h.openCase(await h.as('sanne'), { definitionId: afterCall.id, arrearsCents: 99_000_000, tenant: { name: tenant, phone: '+31612345679' } });
  await openTask(h, c.id, 'call');
  const page = await signedInPage(browser, h.baseUrl, 'sanne');
  const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', row: document.activeElement?.closest('tr')?.textContent ?? '', label: (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '' }));
  /** Presses Tab until `wanted` holds for the focused element; how many it took. */
  const tabTo = async (wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
    for (let tabs = 1; tabs <= 40; tabs++) {
      await page.keyboard.press('Tab');
      if (wanted(await focused())) return tabs;
    }
    throw new Error(`not reached in 40 Tabs; the focus is on ${JSON.stringify(await focused())}`);
  };

  // The inbox by amount; past the navigation with the skip link, to the first task's "Openen".
  await page.goto(`${h.baseUrl}/inbox?sort=amount&order=desc`);
  await page.locator('tr[data-task-id]', { hasText: tenant }).waitFor();
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await tabTo((f) => f.text === 'Openen' && f.row.includes(tenant))).toBeLessThan(15);
  await page.keyboard.press('Enter');
  await page.getByTestId('outcome-form').waitFor();

  // The task: its outcome chosen with Space, completed with Enter.
  expect(await tabTo((f) => f.label === 'Gebeld')).toBeLessThan(15);
  await page.keyboard.press('Space');
  expect(await tabTo((f) => f.text === 'Taak afronden')).toBeLessThan(5);
  await page.keyboard.press('Enter');
  await page.getByTestId('case-page').waitFor();
  await page.getByText(/Bellen.*is afgerond/).waitFor();

  // The case page, the focus on its heading: "Betaling registreren", the amount typed, the reason, Enter.
  expect(await tabTo((f) => f.text === 'Betaling registreren')).toBeLessThan(15);
  await page.keyboard.press('Enter');
  // The form opens with the focus in its first field.
  await expect.poll(() => focused().then((f) => f.label)).toBe('Bedrag');
  await page.keyboard.type('100,00');
  expect(await tabTo((f) => f.label === 'Reden')).toBeLessThan(4);
  await page.keyboard.type('Contant aan de balie');
  await page.keyboard.press('Enter');
  await page.getByText(/Betaling van €\s?100,00 vastgelegd/).waitFor();
  await page.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
});
