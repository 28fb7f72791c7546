// Issue 12, designer editing: a step never lands on another; "+" under an unwired outcome
// adds the next step wired from it; "+" on a wire inserts a step there, wired both ways,
// with what lies below moved down a row; a new step's code follows its name until the step
// is published. On a phone the designer says it needs a larger screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { canvasReady, dropStep, node, problems, sidePanel, until } from './support/designer-page.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

type Box = { id: string; x: number; y: number; width: number; height: number };

/** Every step's box on the screen. */
async function boxes(page: Page): Promise<Box[]> {
  return await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id')!, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/** Pairs of steps that overlap on the screen. */
async function overlapping(page: Page): Promise<string[]> {
  const all = await boxes(page);
  const hits: string[] = [];
  for (const [i, a] of all.entries())
    for (const b of all.slice(i + 1)) if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) hits.push(`${a.id} × ${b.id}`);
  return hits;
}

/**
 * A step's box in the drawing's own coordinates. The canvas pans to a new step with an
 * animation, so two screen boxes read one after the other may come from different frames.
 */
async function flowBox(page: Page, id: string): Promise<{ y: number; height: number }> {
  return await node(page, id).evaluate((e) => {
    const match = /translate\(\s*[-\d.]+px\s*,\s*([-\d.]+)px\s*\)/.exec((e as HTMLElement).style.transform);
    if (!match) throw new Error(`no position on the step: ${(e as HTMLElement).style.transform}`);
    return { y: Number(match[1]), height: (e as HTMLElement).offsetHeight };
  });
}

const wires = async (page: Page) =>
  (await page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!))).sort();

/** Chooses a step kind in the menu the "+" opened; returns the id of the step it added. */
async function chooseKind(page: Page, label: string): Promise<string> {
  await page.getByRole('dialog').getByRole('button', { name: label, exact: true }).click();
  const added = page.locator('.react-flow__node.selected');
  await added.waitFor();
  const id = (await added.getAttribute('data-id'))!;
  await page.locator(`.step-form[data-step-id="${id}"]`).waitFor();
  return id;
}

async function newProcess(page: Page, name: string): Promise<string> {
  const eva = await h.as('eva');
  const id = `editing-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await eva.post('/api/definitions', { id, name });
  await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
  await canvasReady(page);
  return id;
}

test('at 1440×900: a drop on a step lands beside it, "+" adds the next step from an outcome and inserts one on a wire, wired and without overlap; the code follows the name', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva', { width: 1440, height: 900 });
  const id = await newProcess(page, 'Invoegen en toevoegen');

  // A second step dropped right on the first lands in free space next to it.
  const start = await dropStep(page, 'start', 420, 140);
  const onTop = await dropStep(page, 'wait', 420, 140);
  expect(await overlapping(page)).toEqual([]);
  await page.keyboard.press('Delete');
  await until('the wait is deleted', async () => (await node(page, onTop).count()) === 0);

  // "+" under the start's unwired outcome: a letter, one row below, wired from the start.
  await node(page, start).getByRole('button', { name: /Volgende stap na ‘Verder’/ }).click();
  const message = await chooseKind(page, 'Bericht');
  expect(await wires(page)).toEqual([`${start}::next`]);
  const [startBox, messageBox] = [await flowBox(page, start), await flowBox(page, message)];
  expect(messageBox.y).toBeGreaterThan(startBox.y + startBox.height);

  // Naming it gives it a code from the name, and the wire follows; the name field keeps the focus.
  const name = sidePanel(page).getByLabel('Naam', { exact: true });
  await name.fill('');
  await name.pressSequentially('Herinneringsbrief');
  await page.locator('.step-form[data-step-id="herinneringsbrief"]').waitFor();
  expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await wires(page)).toEqual([`${start}::next`]);
  expect(await page.locator(`.react-flow__edge[data-id="${start}::next"]`).count()).toBe(1);
  await until('the node is drawn under its new code', async () => (await node(page, 'herinneringsbrief').count()) === 1);

  // "+" under the letter's "sent": a wait below it.
  await node(page, 'herinneringsbrief').getByRole('button', { name: /Volgende stap na ‘Verstuurd’/ }).click();
  const wait = await chooseKind(page, 'Wachten');
  await sidePanel(page).getByLabel('Naam', { exact: true }).fill('Een week wachten');
  await page.locator('.step-form[data-step-id="een-week-wachten"]').waitFor();
  const waitBefore = await flowBox(page, 'een-week-wachten');
  expect(wait).toBe('wachten');

  // "+" on the wire from the letter to the wait: a call in between, the wait pushed down a row.
  // Its "+" shows when the pointer is over the wire: at its middle, clear of the handles at its ends.
  // On a busy machine the layout may still move the wire after the new step appears: the pointer
  // leaves and comes back to the wire where it is now, until its "+" shows.
  await until('the wire shows its "+"', async () => {
    const wire = (await page.locator('.react-flow__edge[data-id="herinneringsbrief::sent"] path.react-flow__edge-interaction').boundingBox())!;
    await page.mouse.move(5, 5);
    await page.mouse.move(wire.x + wire.width / 2, wire.y + wire.height / 2, { steps: 4 });
    return await page
      .locator('.wire-insert.shown')
      .waitFor({ timeout: 1_500 })
      .then(() => true)
      .catch(() => false);
  }, 30_000);
  await page.getByRole('button', { name: 'Stap invoegen tussen Herinneringsbrief en Een week wachten' }).click();
  const call = await chooseKind(page, 'Taak');
  expect(await wires(page)).toEqual([`${start}::next`, 'herinneringsbrief::sent', `${call}::afgerond`].sort());
  const [callBox, waitAfter] = [await flowBox(page, call), await flowBox(page, 'een-week-wachten')];
  expect(waitAfter.y).toBeGreaterThan(waitBefore.y);
  expect(callBox.y).toBeGreaterThan((await flowBox(page, 'herinneringsbrief')).y);
  expect(waitAfter.y).toBeGreaterThan(callBox.y + callBox.height);
  expect(await overlapping(page)).toEqual([]);

  // What is saved is that wiring: letter → call → wait.
  await page.keyboard.press('Control+s');
  await page.getByText(/Concept opgeslagen om/).waitFor();
  const eva = await h.as('eva');
  const steps = (await eva.get(`/api/definitions/${id}/draft`)).body.draft.body.steps as Array<{ id: string; next: Record<string, string> }>;
  const next = Object.fromEntries(steps.map((s) => [s.id, s.next]));
  expect(next).toMatchObject({ [start]: { next: 'herinneringsbrief' }, herinneringsbrief: { sent: call }, [call]: { afgerond: 'een-week-wachten' } });
  await page.context().close();
}, 120_000);

test('a published step keeps its code when renamed', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva', { width: 1440, height: 900 });
  await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
  await canvasReady(page);
  await page.getByLabel('Zoek stap…').fill('Adres controleren');
  await page.keyboard.press('Enter');
  await page.locator('.step-form[data-step-id="check-address"]').waitFor();
  await sidePanel(page).getByLabel('Naam', { exact: true }).fill('Adres nakijken');
  await until('the node shows the new name', async () => (await node(page, 'check-address').locator('.step-node-name').innerText()) === 'Adres nakijken');
  expect(await page.locator('.step-form[data-step-id="check-address"]').count()).toBe(1);
  await page.context().close();
}, 60_000);

test('at 390×844 the designer says it needs a larger screen and links back to the list', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva', { width: 390, height: 844 });
  await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
  const note = page.getByRole('note');
  await note.getByText('Een proces ontwerpen vraagt een groter scherm').waitFor();
  expect(await page.getByTestId('canvas').isVisible()).toBe(false);
  await note.getByRole('link', { name: 'Terug naar de processen' }).click();
  await page.getByRole('heading', { name: 'Processen' }).waitFor();
  await page.context().close();
}, 60_000);

test('unticking the reminder letter’s offer to the municipality gives one problem, on that letter, in Dutch, and a click shows the box to tick', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva', { width: 1440, height: 900 });
  await page.goto(`${h.baseUrl}/designer/definitions/standard-ladder`);
  await canvasReady(page);
  await page.getByLabel('Zoek stap…').fill('Betalingsherinnering');
  await page.keyboard.press('Enter');
  await page.locator('.step-form[data-step-id="reminder-letter"]').waitFor();
  await sidePanel(page).getByLabel('Biedt aan de gegevens door te geven aan de gemeente').uncheck();

  const listed = problems(page).locator('button.problem.error');
  await until('the problem is listed', async () => (await listed.count()) > 0);
  expect(await listed.count()).toBe(1);
  expect(await listed.getAttribute('data-step')).toBe('reminder-letter');
  const text = await listed.innerText();
  expect(text).toContain('Betalingsherinnering met aanbod gemeente');
  expect(text).toContain('Zet in deze herinnering het aanbod aan');
  expect(text).toContain('‘Vroegsignalering aan gemeente’');
  expect(text).toContain('‘Overdracht deurwaarder (vordering)’');
  expect(text).not.toMatch(/bailiff-claim|reminder-letter|municipality-signal|Step "/);

  // Clicking it selects the letter and puts the focus on the box to tick.
  await page.getByRole('button', { name: 'Alles in beeld' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await listed.click();
  await page.locator('.step-form[data-step-id="reminder-letter"]').waitFor();
  await until('the box has the focus', async () => (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) === 'offersMunicipalitySignal');
  await page.keyboard.press('Space');
  await until('the problem is gone', async () => (await listed.count()) === 0);
  await page.context().close();
}, 60_000);

test('a wrong password is refused in Dutch', async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/signin`);
  await page.getByLabel('Gebruikersnaam').fill('eva');
  await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('alert').getByText('Aanmelden lukt niet: de gebruikersnaam of het wachtwoord klopt niet.').waitFor();
  await context.close();
}, 60_000);
