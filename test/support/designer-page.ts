// Working the designer the way a policy owner does: drag from the palette, drag wires from
// an outcome's handle to the next step, fill the side panel. Every helper waits for what a
// person would see, never for a fixed time.
import type { Locator, Page } from 'playwright-core';

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
export const sidePanel = (page: Page): Locator => page.locator('.side-panel-body');
export const problems = (page: Page): Locator => page.getByTestId('problems');

/** Waits until the canvas is laid out and in view. */
export async function canvasReady(page: Page) {
  await page.locator('[data-testid="canvas"][data-ready="true"]').waitFor();
}

/** Drags a step kind from the palette and drops it at (x, y) within the canvas; returns the new step's id. */
export async function dropStep(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  await page.locator(`.palette-item[data-kind="${kind}"]`).dragTo(page.locator('[data-testid="canvas"] .react-flow__pane'), { targetPosition: { x, y } });
  const added = page.locator('.react-flow__node.selected');
  await added.waitFor();
  const id = (await added.getAttribute('data-id'))!;
  if (before.includes(id)) throw new Error(`dropping a ${kind} selected the existing step ${id}`);
  // The side panel now shows the new step's form.
  await page.locator(`.step-form[data-step-id="${id}"]`).waitFor();
  return id;
}

/** Drags a wire from an outcome's handle to the top of another step. */
export async function connect(page: Page, from: string, outcome: string, to: string) {
  const source = node(page, from).locator(`.react-flow__handle[data-handleid="${outcome}"]`);
  const target = node(page, to).locator('.react-flow__handle[data-handleid="in"]');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-id="${from}::${outcome}"]`).waitFor();
}

/** Selects a step by clicking it on the canvas. */
export async function selectStep(page: Page, id: string) {
  await node(page, id).locator('.step-node-name').click();
  await page.locator(`.step-form[data-step-id="${id}"]`).waitFor();
}

/** The problem rows currently listed, as [rule, stepId]. */
export async function listedProblems(page: Page): Promise<Array<[string, string]>> {
  return await problems(page)
    .locator('button.problem')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-rule') ?? '', e.getAttribute('data-step') ?? ''] as [string, string]));
}

/** Polls the page until `check` holds (the UI updates after a short debounce). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
