// Working the staff pages the way a person does: find the task in the inbox, open it, read
// the case page. Every helper waits for what a person would see, never for a fixed time.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

/** Opens the inbox list and returns the row of the task for this tenant once it is listed. */
export async function inboxRow(page: Page, baseUrl: string, tenantName: string, view: 'mine' | 'team' | 'overdue' = 'mine', timeoutMs = 30_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(`${baseUrl}/inbox?view=${view}`);
    await page.getByTestId('inbox-table').waitFor();
    // The list has loaded when its count is shown.
    await page.locator('.st-tab.active .st-count').filter({ hasText: /\d/ }).waitFor();
    const row = page.locator('tr[data-task-id]', { hasText: tenantName });
    await page.waitForLoadState('networkidle');
    if ((await row.count()) > 0) return row.first();
    if (Date.now() > deadline) throw new Error(`no task for ${tenantName} in the ${view} list`);
    // The task opens a moment after the previous step: look again, as a person would.
    await page.waitForTimeout(300);
  }
}

/** Opens the task for this tenant from the inbox and waits for its form. */
export async function openTaskFromInbox(page: Page, baseUrl: string, tenantName: string, view: 'mine' | 'team' | 'overdue' = 'mine'): Promise<void> {
  const row = await inboxRow(page, baseUrl, tenantName, view);
  await row.getByRole('button', { name: 'Openen' }).click();
  await page.getByTestId('task-page').waitFor();
  await page.getByTestId('case-context').waitFor();
}

/** An amount as the pages print it (Intl puts a no-break space after the euro sign). */
export const euroText = (text: string) => new RegExp(`€\\s?${text.replace(/[.]/g, '\\.')}`);

const dir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Screenshots for the closing note, only under `npm run screenshots` (they are documentation, not a check). */
export async function screenshot(page: Page, name: string, options: { height?: number } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(dir, { recursive: true });
  // The shell scrolls inside its main area, so a taller window rather than a full-page shot.
  if (options.height) await page.setViewportSize({ width: page.viewportSize()?.width ?? 1600, height: options.height });
  await page.screenshot({ path: `${dir}staff-${name}.png` });
}
