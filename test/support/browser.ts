// Real headless Chromium (Debian's) driven by playwright-core, against the real app that a
// harness serves. No browser is ever downloaded.
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/db/seed.ts';

export const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

/** A fresh page (own cookies) signed in as a demo user through the sign-in form. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[browser ${username}] ${e.message}`));
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  return page;
}
