// Issue 4, done-when 1: from an empty canvas, by drag-and-drop and the side panel only, a
// policy owner builds letter → 7-day wait → phone call (reached / not reached) → end, sees
// the unconnected outcome reported, fixes it and publishes; a case started on that version
// then runs on the engine through exactly those steps.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { closedWith, complete, messages, openTask, stepsTaken } from './support/cases.ts';
import { canvasReady, connect, dropStep, listedProblems, problems, sidePanel, until } from './support/designer-page.ts';
import { daysPerSecond, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function stepInForm(page: Page, id: string): Promise<string> {
  await page.locator(`.step-form[data-step-id="${id}"]`).waitFor();
  return id;
}

async function errorCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('error-count').innerText()).match(/\d+/)?.[0] ?? NaN);
}

test('a policy owner builds a letter, a wait and a call by drag and drop, fixes the unwired outcome, publishes, and a case runs those steps', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  const id = `belronde-${Date.now().toString(36)}`;

  // A new, empty process.
  await page.getByRole('link', { name: 'Ontwerpen' }).click();
  await page.getByLabel('Naam', { exact: true }).fill('Belronde na herinnering');
  await page.getByLabel('Code', { exact: true }).fill(id);
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.waitForURL(`**/designer/definitions/${id}`);
  await canvasReady(page);
  expect(await page.locator('.react-flow__node').count()).toBe(0);

  // Steps from the palette, each filled in in the side panel right after the drop.
  const start = await dropStep(page, 'start', 320, 60);

  await dropStep(page, 'communicate', 320, 190);
  await sidePanel(page).getByLabel('Naam', { exact: true }).fill('Herinneringsbrief');
  // A new step's code follows its name.
  const letter = await stepInForm(page, 'herinneringsbrief');
  await sidePanel(page).getByLabel('Kanaal').selectOption({ label: 'Brief' });
  await sidePanel(page).getByLabel('Sjabloon').selectOption({ label: 'Betalingsherinnering met aanbod gemeente' });
  await sidePanel(page).getByLabel('Soort bericht').selectOption({ label: 'Betalingsherinnering' });
  await sidePanel(page).getByLabel('Biedt aan de gegevens door te geven aan de gemeente').check();

  await dropStep(page, 'wait', 320, 330);
  await sidePanel(page).getByLabel('Naam', { exact: true }).fill('Een week wachten');
  const wait = await stepInForm(page, 'een-week-wachten');
  await sidePanel(page).getByLabel('Hoe lang').fill('7 dagen');

  await dropStep(page, 'task', 680, 330);
  await sidePanel(page).getByLabel('Naam', { exact: true }).fill('Huurder bellen');
  const call = await stepInForm(page, 'huurder-bellen');
  await sidePanel(page).getByLabel('Soort taak').selectOption({ label: 'Telefoongesprek' });
  // A phone call brings its usual outcomes, with the meanings the legal rules read.
  const first = sidePanel(page).getByTestId('outcome-0');
  const second = sidePanel(page).getByTestId('outcome-1');
  expect(await first.getByLabel('Wat de medewerker kiest').inputValue()).toBe('Bereikt');
  expect(await first.getByLabel('Code van de uitkomst').inputValue()).toBe('reached');
  expect(await first.getByLabel('Betekenis').locator('option:checked').innerText()).toBe('Contact gehad');
  expect(await second.getByLabel('Wat de medewerker kiest').inputValue()).toBe('Niet bereikt');
  expect(await second.getByLabel('Code van de uitkomst').inputValue()).toBe('not-reached');
  expect(await second.getByLabel('Betekenis').locator('option:checked').innerText()).toBe('Geen contact');
  await page.locator(`.react-flow__node[data-id="${call}"] .react-flow__handle[data-handleid="not-reached"]`).waitFor();

  const end = await dropStep(page, 'end', 680, 480);
  await sidePanel(page).getByLabel('Uitkomst van de zaak').selectOption({ label: 'Betaald' });

  // The wiring, handle to step.
  await connect(page, start, 'next', letter);
  await connect(page, letter, 'sent', wait);
  await connect(page, letter, 'failed', call);
  await connect(page, wait, 'elapsed', call);
  await connect(page, call, 'reached', end);

  // One outcome left: the live check names it on the step and in the list.
  await until('only the unwired "not reached" outcome is left', async () => (await errorCount(page)) === 1);
  expect(await listedProblems(page)).toContainEqual(['unwired-outcome', call]);
  await expect.poll(() => problems(page).locator(`button.problem[data-step="${call}"]`).innerText()).toContain('Niet bereikt');
  expect(await page.locator(`.react-flow__node[data-id="${call}"] .step-node.has-errors`).count()).toBe(1);
  // Publishing is refused while it is there.
  await page.getByRole('button', { name: 'Publiceren…' }).click();
  await page.getByTestId('publish-refused').waitFor();
  expect(await page.getByRole('dialog').getByRole('button', { name: 'Publiceren', exact: true }).isDisabled()).toBe(true);
  await page.getByRole('dialog').getByRole('button', { name: 'Annuleren' }).click();

  await connect(page, call, 'not-reached', end);
  await until('no errors remain', async () => (await errorCount(page)) === 0);
  expect(await problems(page).getByText('Klaar om te publiceren').isVisible()).toBe(true);

  await page.getByRole('button', { name: 'Publiceren…' }).click();
  await page.getByLabel('Wat is er veranderd?').fill('Eerste versie: brief, een week wachten, bellen');
  await page.getByRole('dialog').getByRole('button', { name: 'Publiceren', exact: true }).click();
  await page.getByText('Versie 1 is gepubliceerd.').waitFor();

  // What was published is what was drawn.
  const eva = await h.as('eva');
  const published = (await eva.get(`/api/definitions/${id}`)).body;
  expect(published.version).toBe(1);
  const byId = Object.fromEntries(published.body.steps.map((s: { id: string }) => [s.id, s]));
  expect(byId[wait]).toMatchObject({ kind: 'wait', duration: 'P7D', workingDays: false, next: { elapsed: call } });
  expect(byId[call]).toMatchObject({ kind: 'task', task: 'phone-call', next: { reached: end, 'not-reached': end } });
  expect(byId[call].outcomes.map((o: { id: string; label: string }) => [o.id, o.label])).toEqual([
    ['reached', 'Bereikt'],
    ['not-reached', 'Niet bereikt'],
  ]);
  expect(byId[letter]).toMatchObject({ channel: 'letter', template: 'betalingsherinnering', next: { sent: wait, failed: call } });

  // A case on that version runs on the engine through those steps.
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(10) });
  const task = await openTask(h, c.id, call);
  await complete(sanne, task.id, 'reached');
  expect(await closedWith(h, c.id)).toMatchObject({ outcome: 'paid' });
  expect(await stepsTaken(h, c.id)).toEqual([start, letter, wait, call, end]);
  expect((await messages(h, c.id)).map((m) => [m.step_id, m.channel, m.status])).toEqual([[letter, 'letter', 'awaiting-print']]);

  // Publishing again tells how many cases run on the version before and who moves them on.
  const running = await h.openCase(sanne, { definitionId: id });
  await page.getByRole('button', { name: 'Publiceren…' }).click();
  const note = page.getByRole('dialog').getByTestId('publish-running');
  await expect.poll(() => note.innerText()).toContain('Er loopt 1 zaak op een eerdere versie (versie 1: 1 zaak). Die blijft op die versie');
  // A policy owner is told who migrates; ops and team leads get a link to the migration page.
  expect(await note.innerText()).toContain('een teamleider of beheer doet dat na publiceren in Monitoring → Migratie');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuleren' }).click();
  await (await h.as('mark')).post(`/api/cases/${running.id}/cancel`, { reason: 'Testscenario afgerond' });
  await page.context().close();
}, 180_000);
