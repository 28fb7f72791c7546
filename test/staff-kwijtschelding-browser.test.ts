// In real headless Chromium the four-step kwijtschelding is done by four demo users signing
// in in turn: the caseworker proposes (in the proposal task, or on the case page of a case
// anywhere on the ladder), the team lead lowers the amount, the controller approves, the
// manager approves; each approver sees the amount as it stands, the balance it leaves and
// who decides when, and lands back in the inbox. The case page then shows the adjusted amount
// forgiven, the balance updated and one timeline entry per decision. Someone with two roles
// who decided one level is refused the next, with the reason in words.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, signedInPage } from './support/browser.ts';
import { atStep, openTask } from './support/cases.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';
import { euroText, inboxRow, openTaskFromInbox, screenshot } from './support/staff-pages.ts';

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

const suffix = () => Math.random().toString(36).slice(2, 7);

async function forgivenessCase(tenantName: string, arrearsCents: number) {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, {
    definitionId: 'kwijtschelding',
    arrearsCents,
    tenant: { name: tenantName, phone: '+31612345678', email: 'huurder@example.nl', preferredChannel: 'whatsapp' },
    tenancy: { reference: `HA-${suffix().toUpperCase()}`, street: 'Vlierstraat 14', postalCode: '3531 KD', city: 'Utrecht', monthlyRentCents: 72_500, minorsInHousehold: true },
  });
  await openTask(h, c.id, 'forgiveness-approval');
  return c;
}

/** Submits the approval form; the approver lands back in the inbox, told the decision is recorded. */
async function decide(page: Page) {
  await page.getByRole('button', { name: 'Beslissing vastleggen' }).click();
  await page.waitForURL('**/inbox');
  await page.getByRole('status').filter({ hasText: /Uw beslissing over ".*" is vastgelegd\./ }).waitFor();
}

const chain = (page: Page) => page.getByTestId('approval-chain').locator('li');
const chainStates = async (page: Page) => await chain(page).evaluateAll((items) => items.map((li) => li.getAttribute('data-state')));

test('four people decide the four levels in turn; the team lead lowers the amount; the case page shows €800 forgiven, €700 open and all four decisions', async () => {
  const tenant = `Familie Öztürk ${suffix()}`;
  const c = await forgivenessCase(tenant, 150_000);

  // 1. The caseworker proposes.
  const sanne = await signedInPage(browser, h.baseUrl, 'sanne');
  await openTaskFromInbox(sanne, h.baseUrl, tenant);
  await expect.poll(() => sanne.getByRole('heading', { level: 1 }).innerText()).toContain('Incassomedewerker stelt voor');
  await expect.poll(() => sanne.getByTestId('context-balance').innerText()).toMatch(euroText('1.500,00'));
  await sanne.getByLabel('Kwijtschelding voorstellen').check();
  await sanne.getByLabel('Kwijt te schelden bedrag').fill('1.000,00');
  await sanne.getByLabel('Motivering').fill('Aflossen is onmogelijk: inkomen op bijstandsniveau. Wel perspectief op werk, en de huurder accepteert budgetcoaching.');
  await decide(sanne);

  // 2. The team lead sees the proposal and lowers the amount.
  const mark = await signedInPage(browser, h.baseUrl, 'mark');
  await openTaskFromInbox(mark, h.baseUrl, tenant);
  const proposal = mark.getByTestId('proposal');
  await expect.poll(() => proposal.innerText()).toMatch(/Voorstel van Sanne Jansen/);
  expect(await proposal.innerText()).toMatch(euroText('1.000,00'));
  expect(await proposal.innerText()).toContain('accepteert budgetcoaching');
  await mark.getByLabel('Bedrag aanpassen en akkoord').check();
  await mark.getByLabel('Aangepast bedrag').fill('800');
  await mark.getByLabel('Motivering').fill('Een deel van de schuld is na de intake ontstaan; dat deel blijft staan.');
  await decide(mark);

  // 3. The controller sees both earlier levels, with the adjustment, and approves.
  const priya = await signedInPage(browser, h.baseUrl, 'priya');
  await openTaskFromInbox(priya, h.baseUrl, tenant);
  await expect.poll(() => chainStates(priya)).toEqual(['decided', 'decided', 'current', 'upcoming']);
  const levels = priya.getByTestId('approval-chain');
  expect(await levels.locator('li').nth(0).innerText()).toMatch(/Incassomedewerker stelt voor · Sanne Jansen \(Incassomedewerker\) · voorgesteld/);
  const second = await levels.locator('li').nth(1).innerText();
  expect(second).toMatch(/Teamleider beoordeelt · Mark Visser \(Teamleider\) · akkoord/);
  expect(second).toMatch(/Bedrag aangepast van €\s?1\.000,00 naar €\s?800,00/);
  expect(second).toContain('dat deel blijft staan');
  // The controller may not change the amount: only approve or reject.
  expect(await priya.getByLabel('Bedrag aanpassen en akkoord').count()).toBe(0);
  await priya.getByLabel('Akkoord', { exact: true }).check();
  await priya.getByLabel('Motivering').fill('Dossier compleet, past binnen het kwijtscheldingsbeleid.');
  await screenshot(priya, 'approval', { height: 1250 });
  await decide(priya);

  // 4. The collection manager gives the final approval.
  const johan = await signedInPage(browser, h.baseUrl, 'johan');
  await openTaskFromInbox(johan, h.baseUrl, tenant);
  await expect.poll(() => chainStates(johan)).toEqual(['decided', 'decided', 'decided', 'current']);
  await johan.getByLabel('Akkoord', { exact: true }).check();
  await decide(johan);

  // The case page: €800 forgiven, €700 open, all four decisions in the timeline.
  await atStep(h, c.id, 'rest-call');
  await johan.goto(`${h.baseUrl}/cases/${c.id}`);
  await johan.getByTestId('current-step').filter({ hasText: 'Regeling voor restschuld bespreken' }).waitFor({ timeout: 15_000 });
  expect(await johan.getByTestId('forgiven').innerText()).toMatch(euroText('800,00'));
  expect(await johan.getByTestId('balance').innerText()).toMatch(euroText('700,00'));
  const timeline = johan.getByTestId('timeline');
  const decisions = timeline.locator('[data-type="approval-decision"]');
  expect(await decisions.count()).toBe(4);
  // Level names come from the definition, loaded next to the case.
  await decisions.filter({ hasText: 'Goedkeuring "Controller toetst"' }).waitFor();
  const texts = (await decisions.allInnerTexts()).reverse();
  expect(texts[0]).toMatch(/Goedkeuring "Incassomedewerker stelt voor": voorgesteld door Sanne Jansen[\s\S]*Voorgesteld bedrag: €\s?1\.000,00/);
  expect(texts[1]).toMatch(/Goedkeuring "Teamleider beoordeelt": akkoord door Mark Visser[\s\S]*Bedrag aangepast van €\s?1\.000,00 naar €\s?800,00/);
  expect(texts[2]).toMatch(/Goedkeuring "Controller toetst": akkoord door Priya Ramdin/);
  expect(texts[3]).toMatch(/Goedkeuring "Manager incasso beslist": akkoord door Johan Smit/);
  expect(await timeline.locator('[data-type="forgiven"]').innerText()).toMatch(/Kwijtgescholden: €\s?800,00/);
  // One entry per decision: the completions of the approval tasks are not told again.
  expect(await timeline.locator('[data-type="task-closed"]').count()).toBe(0);
  // The process drawing marks where the case is now.
  await johan.locator('[data-testid="process-map"] .st-map-node.current').filter({ hasText: 'Regeling voor restschuld bespreken' }).waitFor();
  if (process.env.SCREENSHOTS === '1') {
    await johan.setViewportSize({ width: 1600, height: 2200 });
    await johan.reload();
    await johan.locator('[data-testid="process-map"] .st-map-node.current').waitFor();
    await screenshot(johan, 'case-forgiveness');
  }

  // The team's queue now holds the rest-call for a caseworker.
  expect(await (await inboxRow(mark, h.baseUrl, tenant, 'team')).innerText()).toContain('Regeling voor restschuld bespreken');
  for (const p of [sanne, mark, priya, johan]) await p.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Scenario afgerond' });
});

test('started on the case page of a case on the ladder: the caseworker writes the proposal once, three approvers decide with the amount, the balance it leaves and the chain in view', async () => {
  const tenant = `Familie Bakker ${suffix()}`;
  const sanneApi = await h.as('sanne');
  const c = await h.openCase(sanneApi, {
    arrearsCents: 150_000,
    timeScale: 600,
    tenant: { name: tenant, phone: '+31612345678', email: 'huurder@example.nl', preferredChannel: 'whatsapp' },
    tenancy: { reference: `HA-${suffix().toUpperCase()}`, street: 'Lindelaan 3', postalCode: '3531 KD', city: 'Utrecht', monthlyRentCents: 72_500, minorsInHousehold: false },
  });
  await atStep(h, c.id, 'wait-after-reminder');

  // 1. The caseworker proposes on the case page: the amount, what it leaves open, the reasoning, once.
  const sanne = await signedInPage(browser, h.baseUrl, 'sanne');
  await sanne.goto(`${h.baseUrl}/cases/${c.id}`);
  await sanne.getByTestId('case-actions').getByRole('button', { name: 'Kwijtschelding voorstellen' }).click();
  await sanne.getByLabel('Kwijt te schelden bedrag').fill('1.000,00');
  await expect.poll(() => sanne.getByTestId('forgiveness-rest').innerText()).toMatch(/na kwijtschelding blijft €\s?500,00 open/);
  await sanne.getByLabel(/^Motivering/).fill('Huisbezoek: inkomen op bijstandsniveau, aflossen is onhaalbaar. Budgetcoaching is gestart.');
  await sanne.getByRole('button', { name: 'Voorstel indienen' }).click();
  await sanne.getByText(/Voorstel om €\s?1\.000,00 kwijt te schelden ingediend\. Nu aan de beurt: Teamleider beoordeelt \(Teamleider\)\./).waitFor();
  await sanne.getByTestId('current-step').filter({ hasText: 'Kwijtschelding (vier ogen)' }).waitFor();
  // The proposal is the first level: no proposal task lands in the caseworker's own inbox.
  expect((await h.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND kind = 'approval' AND role = 'caseworker'`, [c.id])).rows[0].n).toBe(0);

  // 2. The team lead: the proposal as the headline, what it leaves open, whose turn it is and who follows.
  const mark = await signedInPage(browser, h.baseUrl, 'mark');
  await openTaskFromInbox(mark, h.baseUrl, tenant);
  await expect.poll(() => mark.getByTestId('proposal').innerText()).toMatch(/Voorstel van Sanne Jansen/);
  expect(await mark.getByTestId('proposal').innerText()).toMatch(euroText('1.000,00'));
  expect(await mark.getByTestId('resulting-balance').innerText()).toMatch(/Openstaand nu €\s?1\.500,00; na deze kwijtschelding blijft €\s?500,00 open\./);
  expect(await chainStates(mark)).toEqual(['decided', 'current', 'upcoming', 'upcoming']);
  expect(await chain(mark).nth(2).innerText()).toMatch(/Controller toetst · Controller · beslist daarna/);
  await mark.getByLabel('Bedrag aanpassen en akkoord').check();
  await mark.getByLabel('Aangepast bedrag').fill('800');
  await mark.getByLabel('Motivering').fill('Een deel is na de intake ontstaan; dat deel blijft staan.');
  await decide(mark);

  // 3. The controller sees the adjusted amount as the headline and the original below it.
  const priya = await signedInPage(browser, h.baseUrl, 'priya');
  await openTaskFromInbox(priya, h.baseUrl, tenant);
  await expect.poll(() => priya.getByTestId('proposal').innerText()).toMatch(/Bedrag zoals het nu voorligt/);
  const proposal = await priya.getByTestId('proposal').innerText();
  expect(proposal).toMatch(euroText('800,00'));
  expect(proposal).toMatch(/Oorspronkelijk voorgesteld: €\s?1\.000,00 door Sanne Jansen/);
  expect(await priya.getByTestId('resulting-balance').innerText()).toMatch(/blijft €\s?700,00 open/);
  expect(await chainStates(priya)).toEqual(['decided', 'decided', 'current', 'upcoming']);
  await priya.getByLabel('Akkoord', { exact: true }).check();
  await decide(priya);

  // 4. The collection manager decides last.
  const johan = await signedInPage(browser, h.baseUrl, 'johan');
  await openTaskFromInbox(johan, h.baseUrl, tenant);
  await expect.poll(() => chainStates(johan)).toEqual(['decided', 'decided', 'decided', 'current']);
  await johan.getByLabel('Akkoord', { exact: true }).check();
  await decide(johan);

  // The case page: €800 forgiven, €700 open; one entry per decision, four in all.
  await waitFor('the forgiveness applied', async () => ((await h.state(c.id)).forgivenCents === 80_000 ? true : undefined));
  await sanne.goto(`${h.baseUrl}/cases/${c.id}`);
  await expect.poll(() => sanne.getByTestId('forgiven').innerText()).toMatch(euroText('800,00'));
  expect(await sanne.getByTestId('balance').innerText()).toMatch(euroText('700,00'));
  const timeline = sanne.getByTestId('timeline');
  expect(await timeline.locator('[data-type="approval-decision"]').count()).toBe(4);
  expect(await timeline.locator('[data-type="task-closed"]').count()).toBe(0);
  // Names come from the staff directory, which may arrive after the timeline: wait for them.
  await expect.poll(() => timeline.locator('[data-type="approval-decision"]').last().innerText()).toMatch(/voorgesteld door Sanne Jansen[\s\S]*Huisbezoek: inkomen op bijstandsniveau/);
  for (const p of [sanne, mark, priya, johan]) await p.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Scenario afgerond' });
});

test('an admin gives someone two roles; having proposed, that person is refused the team lead\'s level with the four-eyes rule in words, and nothing changes', async () => {
  // The admin creates a colleague who is both caseworker and team lead, in the admin page.
  const username = `dubbel${suffix()}`;
  const admin = await signedInPage(browser, h.baseUrl, 'admin');
  await admin.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Gebruikers' }).click();
  await admin.getByText('Nieuwe gebruiker').click();
  const form = admin.getByTestId('new-user');
  await form.getByLabel('Gebruikersnaam').fill(username);
  await form.getByLabel('Naam', { exact: true }).fill('Dubbele Rol');
  await form.getByLabel('Eerste wachtwoord').fill('twee-rollen-tegelijk');
  await form.getByLabel('Teamleider').check();
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await admin.getByText(`${username} is aangemaakt.`).waitFor();
  const asked = admin.locator(`tr[data-username="${username}"]`).getByTestId('pending-grant');
  // The admin who asked cannot confirm; a second admin does (four eyes on authority).
  const askedText = await asked.innerText();
  expect(askedText).toContain('Wacht op een tweede beheerder: account openen met rollen Incassomedewerker, Teamleider (gevraagd door Beheerder).');
  expect(askedText).toContain('U vroeg dit zelf; een andere beheerder bevestigt het.');
  expect(await asked.getByRole('button', { name: 'Bevestigen' }).count()).toBe(0);
  await admin.context().close();

  const lotte = await signedInPage(browser, h.baseUrl, 'lotte');
  await lotte.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Gebruikers' }).click();
  await screenshot(lotte, 'users', { height: 1100 });
  await lotte.locator(`tr[data-username="${username}"]`).getByRole('button', { name: 'Bevestigen' }).click();
  await lotte.getByText(`De rollen van ${username} zijn bevestigd en gelden nu.`).waitFor();
  await expect.poll(() => lotte.locator(`tr[data-username="${username}"]`).innerText()).toContain('Actief');
  await lotte.context().close();

  const tenant = `Familie De Wit ${suffix()}`;
  const c = await forgivenessCase(tenant, 90_000);
  const dubbel = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'nl-NL' }).then((ctx) => ctx.newPage());
  await dubbel.goto(`${h.baseUrl}/signin`);
  await dubbel.getByLabel('Gebruikersnaam').fill(username);
  await dubbel.getByLabel('Wachtwoord').fill('twee-rollen-tegelijk');
  await dubbel.getByRole('button', { name: 'Aanmelden' }).click();
  await dubbel.waitForURL((url) => !url.pathname.startsWith('/signin'));

  await openTaskFromInbox(dubbel, h.baseUrl, tenant);
  await dubbel.getByLabel('Kwijtschelding voorstellen').check();
  await dubbel.getByLabel('Kwijt te schelden bedrag').fill('500,00');
  await dubbel.getByLabel('Motivering').fill('Voorstel van iemand met twee rollen.');
  await decide(dubbel);

  // The team lead's level now waits in the same person's inbox (they have the role) ...
  const row = await inboxRow(dubbel, h.baseUrl, tenant);
  expect(await row.innerText()).toContain('Teamleider beoordeelt');
  // ... but taking it is refused with the reason,
  await row.getByRole('button', { name: 'Oppakken' }).click();
  await dubbel.getByRole('alert').filter({ hasText: 'Vier-ogenprincipe' }).waitFor();
  expect(await dubbel.getByRole('alert').innerText()).toContain('u heeft in deze goedkeuring al het niveau "Incassomedewerker stelt voor" beslist. Een andere collega moet dit niveau beslissen.');
  // and so is deciding it: the task says why and offers no way to decide.
  await row.getByRole('button', { name: 'Openen' }).click();
  await dubbel.getByTestId('refusal').waitFor();
  expect(await dubbel.getByTestId('refusal').innerText()).toContain('Vier-ogenprincipe: u heeft in deze goedkeuring al het niveau "Incassomedewerker stelt voor" beslist.');
  expect(await dubbel.getByRole('button', { name: 'Beslissing vastleggen' }).isDisabled()).toBe(true);
  await screenshot(dubbel, 'four-eyes');

  const open = await h.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND status = 'open' AND assignee IS NULL`, [c.id]);
  expect(open.rows[0].n).toBe(1);
  await dubbel.context().close();
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Scenario afgerond' });
});
