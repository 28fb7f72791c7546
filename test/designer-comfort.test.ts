// The designer's comforts in the browser: drafts that persist half-finished, copy and paste,
// the delete key, undo and redo, JSON export and an import that reports every problem, and
// the template editor refusing unknown variables.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { canvasReady, dropStep, node, until } from './support/designer-page.ts';
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

test('a half-finished draft saves and reopens; copy, paste, delete, undo and redo work from the keyboard', async () => {
  const eva = await h.as('eva');
  const id = `comfort-${Date.now().toString(36)}`;
  await eva.post('/api/definitions', { id, name: 'Comfort' });
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
  await canvasReady(page);

  const wait = await dropStep(page, 'wait', 300, 120);
  await page.getByLabel('Hoe lang').fill('5 werkdagen');
  await node(page, wait).locator('.step-node-name').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await until('the copy is on the canvas', async () => (await page.locator('.react-flow__node').count()) === 2);
  const copy = await page.locator('.react-flow__node.selected').getAttribute('data-id');
  expect(copy).toBe(`${wait}-kopie`);
  await page.keyboard.press('Delete');
  await until('the copy is deleted', async () => (await page.locator('.react-flow__node').count()) === 1);
  await page.keyboard.press('Control+z');
  await until('undo brings it back', async () => (await page.locator('.react-flow__node').count()) === 2);
  await page.keyboard.press('Control+Shift+z');
  await until('redo deletes it again', async () => (await page.locator('.react-flow__node').count()) === 1);

  // Saved as it is (no start, an unwired outcome), and there again after a reload.
  await page.keyboard.press('Control+s');
  await page.getByText(/Concept opgeslagen om/).waitFor();
  const saved = (await eva.get(`/api/definitions/${id}/draft`)).body;
  expect(saved.draft.body.steps).toMatchObject([{ id: wait, kind: 'wait', duration: 'P5D', workingDays: true }]);
  expect(saved.problems.map((p: { rule: string }) => p.rule)).toEqual(expect.arrayContaining(['start', 'unwired-outcome']));
  await page.reload();
  await canvasReady(page);
  expect(await page.locator('.react-flow__node').count()).toBe(1);
  expect(await page.getByTestId('save-status').innerText()).toBe('Concept opgeslagen');
  await page.context().close();
}, 120_000);

test('export writes the definition as JSON; an import reports every problem and loads only a definition', async () => {
  const eva = await h.as('eva');
  const id = `import-${Date.now().toString(36)}`;
  await eva.post('/api/definitions', { id, name: 'Import' });
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
  await canvasReady(page);

  // Not a definition: two steps with problems; nothing is loaded, every problem is listed.
  const broken = { id: 'kapot', name: 'Kapot', steps: [{ id: 'start', kind: 'start', next: {} }, { id: 'wacht', name: 'Wacht', kind: 'wait', duration: '7 dagen', next: {} }] };
  await page.getByTestId('import-file').setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const report = page.getByTestId('import-report');
  await report.waitFor();
  expect(await report.innerText()).toContain('Niet geïmporteerd');
  // Two: the missing name and the unreadable duration (once, not also as "not longer than zero").
  expect(await report.locator('li.problem').count()).toBe(2);
  // In Dutch, without field paths.
  expect(await report.innerText()).toContain('Vul de naam in.');
  expect(await report.innerText()).toContain('De duur ‘7 dagen’ is niet te lezen');
  expect(await report.innerText()).not.toContain('Step "');
  await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
  expect(await page.locator('.react-flow__node').count()).toBe(0);

  // Not JSON at all.
  await page.getByTestId('import-file').setInputFiles({ name: 'brief.json', mimeType: 'application/json', buffer: Buffer.from('Beste huurder,') });
  expect(await report.innerText()).toContain('geen leesbaar JSON-bestand');
  await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();

  // The standard ladder: loaded and laid out, under this definition's id.
  await page.getByTestId('import-file').setInputFiles({ name: 'ladder.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(standardLadder)) });
  await report.waitFor();
  expect(await report.innerText()).toContain('Geïmporteerd op het canvas, met 0 fouten');
  expect(await report.innerText()).toContain(`De code "standard-ladder" uit het bestand is vervangen door "${id}"`);
  await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
  expect(await page.locator('.react-flow__node').count()).toBe(standardLadder.steps.length);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren' }).click()]);
  expect(download.suggestedFilename()).toBe(`${id}.json`);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported.id).toBe(id);
  expect(exported.steps.map((s: { id: string }) => s.id).sort()).toEqual(standardLadder.steps.map((s) => s.id).sort());
  expect(exported.steps.every((s: { position?: unknown }) => s.position)).toBe(true);
  await page.context().close();
}, 120_000);

test('the template editor refuses unknown variables, previews with sample data and saves a new template', async () => {
  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/templates/nieuw?channel=sms`);
  const editor = page.getByTestId('template-editor');
  await editor.waitFor();
  const name = `Proef-sms ${Date.now().toString(36)}`;
  await editor.getByLabel('Naam').fill(name);
  await editor.getByTestId('template-body').fill('Hallo {{tenantName}}, er staat {{bedrag}} open.');
  await editor.getByText('Onbekende gegevens in de tekst: {{bedrag}}').waitFor();
  expect(await editor.getByRole('button', { name: 'Sjabloon opslaan' }).isDisabled()).toBe(true);

  await editor.getByTestId('template-body').fill('Hallo {{tenantName}}, er staat ');
  await editor.getByRole('button', { name: 'Openstaand bedrag' }).click();
  await editor.getByTestId('template-body').press('End');
  await editor.getByTestId('template-body').pressSequentially(' open. Indien u reeds betaalde, vergeet dit bericht.');
  expect(await editor.getByTestId('template-preview').innerText()).toContain('Hallo mevrouw De Vries, er staat € 812,50 open.');
  expect(await editor.getByTestId('b1-hints').innerText()).toContain('Ambtelijk: "indien"');
  await editor.getByRole('button', { name: 'Sjabloon opslaan' }).click();
  await page.getByText('Sjabloon opgeslagen.').waitFor();

  const eva = await h.as('eva');
  const stored = (await eva.get('/api/templates')).body.templates.find((t: { name: string }) => t.name === name);
  expect(stored).toMatchObject({ channel: 'sms', body: 'Hallo {{tenantName}}, er staat {{amount}} open. Indien u reeds betaalde, vergeet dit bericht.' });
  await page.context().close();
}, 120_000);

test('the version list says who published what and when, and the diff between two versions is drawn and listed', async () => {
  const eva = await h.as('eva');
  const id = `versies-${Date.now().toString(36)}`;
  await eva.post('/api/definitions', { id, name: 'Versies' });
  type StepInput = (typeof standardLadder.steps)[number] & { next?: Record<string, string> };
  expect((await eva.post('/api/definitions/publish', { definition: { ...standardLadder, id }, note: 'Overgenomen' })).status).toBe(201);
  const steps = (standardLadder.steps as StepInput[])
    .filter((s) => s.id !== 'segment-check')
    .map((s) => (s.id === 'wait-after-reminder' ? { ...s, duration: 'P10D', next: { elapsed: 'whatsapp-link', contact: 'phone-call' } } : s));
  steps.push({ id: 'sms', name: 'SMS na WhatsApp', kind: 'communicate', channel: 'sms', template: 'sms-herinnering', purpose: 'payment-link', next: { sent: 'phone-call', failed: 'phone-call' } } as StepInput);
  const v2 = steps.map((s) => (s.id === 'wait-after-whatsapp' ? { ...s, next: { elapsed: 'sms', contact: 'phone-call' } } : s));
  expect((await eva.post('/api/definitions/publish', { definition: { ...standardLadder, id, steps: v2 }, note: 'SMS erbij, segmentkeuze eruit' })).status).toBe(201);

  const page = await signedInPage(browser, h.baseUrl, 'eva');
  await page.goto(`${h.baseUrl}/designer/definitions/${id}`);
  await canvasReady(page);
  await page.getByRole('tab', { name: 'Versies' }).click();
  const second = page.getByTestId('version-2');
  await second.waitFor();
  expect(await second.innerText()).toMatch(/Versie 2[\s\S]*0 lopende zaken[\s\S]*Door Eva de Boer op[\s\S]*SMS erbij, segmentkeuze eruit/);

  await page.getByTestId('diff-from').selectOption('1');
  await page.getByTestId('diff-to').selectOption('2');
  await page.getByRole('button', { name: 'Verschil tonen' }).click();
  const diff = page.getByTestId('diff-view');
  await diff.locator('[data-testid="canvas"][data-ready="true"]').waitFor();
  expect(await diff.locator('.diff-head').innerText()).toMatch(/Verschil Versie 1 → Versie 2[\s\S]*1 toegevoegd[\s\S]*2 gewijzigd[\s\S]*1 verwijderd/);
  expect(await diff.locator('.react-flow__node[data-id="sms"] .step-node.mark-added').count()).toBe(1);
  expect(await diff.locator('.react-flow__node[data-id="segment-check"] .step-node.mark-removed').count()).toBe(1);
  expect(await diff.locator('.react-flow__node[data-id="wait-after-reminder"] .step-node.mark-changed').count()).toBe(1);
  const changes = await diff.getByTestId('change-list').innerText();
  expect(changes).toContain('+ SMS na WhatsApp');
  expect(changes).toContain('− Persoonlijk contact eerst?');
  expect(changes).toContain('duration: P7D → P10D');
  await diff.getByRole('button', { name: 'Sluiten' }).click();
  await page.locator('.designer-centre [data-testid="canvas"]').waitFor();
  await page.context().close();
}, 120_000);
