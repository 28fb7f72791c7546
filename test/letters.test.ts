// Letters on paper: a letter waits in the outbox for its day's print batch; the batch is one
// PDF (read back here with pdftotext, as a printer would see the text) whose letters are fixed
// the first time it is made; handing it to the post makes its letters sent, once. Each letter
// carries the tenant's address for the window envelope, the date, the reference, the amount,
// the corporation's IBAN and the tenant's personal link (text and QR code); the 14-day letter
// adds the collection costs and a concrete last day to pay.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectionCostsCents } from '../definition/costs.ts';
import { fourteenDayDeadline } from '../definition/fourteen-day-deadline.ts';
import type { DefinitionInput } from '../definition/schema.ts';
import { formatDateNl, formatEuro } from '../definition/templates.ts';
import { nextIsoDay } from '../server/letters/batch-day.ts';
import { tenantLinkUrl } from '../server/tenant/links.ts';
import { closedWith } from './support/cases.ts';
import { startHarness, TEST_TENANT_LINK_KEY, waitFor, type Api, type Harness } from './support/harness.ts';

const run = promisify(execFile);

let h: Harness;
let sanne: Api, mark: Api, omar: Api, priya: Api, fleur: Api, eva: Api;
let dir: string;
const definitionId = `brieven-${randomUUID().slice(0, 8)}`;

// The shipped letters: the reminder, then the 14-day letter, and the case ends.
const lettersProcess = (id: string): DefinitionInput => ({
  id,
  name: 'Herinnering en veertiendagenbrief',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder-letter' } },
    { id: 'reminder-letter', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'fourteen-day-letter', failed: 'end' } },
    { id: 'fourteen-day-letter', name: 'Veertiendagenbrief', kind: 'communicate', channel: 'letter', template: 'veertiendagenbrief', purpose: 'fourteen-day-letter', next: { sent: 'end', failed: 'end' } },
    { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
  ],
});

beforeAll(async () => {
  // Its own database: the day's print batch is every letter of the day, and other files write letters too.
  h = await startHarness({ ownDatabase: true });
  [sanne, mark, omar, priya, fleur, eva] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('omar'), h.as('priya'), h.as('fleur'), h.as('eva')]);
  const published = await eva.post('/api/definitions/publish', { definition: lettersProcess(definitionId), note: 'brieven' });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  dir = await mkdtemp(join(tmpdir(), 'letters-'));
});
afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Tenant = { name: string; street: string; postalCode: string; city: string };
type Letter = { id: string; key: string; purpose: string; status: string; day: string; reference: string };

/** A case on the letters process for this tenant; returns its letters once both wait for print. */
async function caseWithLetters(tenant: Tenant, arrearsCents = 123_456) {
  const c = await h.openCase(sanne, {
    definitionId,
    arrearsCents,
    tenant: { name: tenant.name, phone: '+31612345678' },
    tenancy: { reference: `BR-${randomUUID().slice(0, 6).toUpperCase()}`, street: tenant.street, postalCode: tenant.postalCode, city: tenant.city, minorsInHousehold: false },
  });
  await closedWith(h, c.id);
  const letters = await waitFor('both letters waiting for print', async () => {
    const r = await h.pool.query<Letter>(
      `SELECT o.id::text AS id, o.key, o.purpose, o.status, (o.created_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS day, y.reference
       FROM outbox o JOIN cases c ON c.id = o.case_id JOIN tenancies y ON y.id = c.tenancy_id WHERE o.case_id = $1 ORDER BY o.id`,
      [c.id],
    );
    return r.rows.length === 2 && r.rows.every((l) => l.status === 'awaiting-print') ? r.rows : undefined;
  });
  return { ...c, reminder: letters[0]!, fourteenDay: letters[1]! };
}

/** GET a PDF as the signed-in user; the answer's text as pdftotext reads it (null when not a PDF). */
async function pdfText(api: Api, path: string): Promise<{ status: number; text: string | null; headers: Headers; body: string }> {
  const res = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!res.headers.get('content-type')?.startsWith('application/pdf')) return { status: res.status, text: null, headers: res.headers, body: bytes.toString('utf8') };
  const file = join(dir, `${randomUUID()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  return { status: res.status, text: stdout, headers: res.headers, body: '' };
}

const letterPages = (text: string) => text.split('\f').filter((p) => p.trim() !== '');
/** The whitespace pdftotext adds between words or lines is not the letter's: compare without it. */
const squeezed = (text: string) => text.replace(/\s+/g, '');
const linkOf = (key: string) => tenantLinkUrl({ publicUrl: h.baseUrl, key: TEST_TENANT_LINK_KEY }, key);
const dutchDate = (isoDay: string) => formatDateNl(Date.parse(`${isoDay}T00:00:00Z`));

const anouk: Tenant = { name: 'Anouk van ’t Veld', street: 'Lindenlaan 14', postalCode: '3511 AB', city: 'Utrecht' };
const bram: Tenant = { name: 'Bram Çelik', street: 'Eikenweg 9', postalCode: '3581 CD', city: 'Zeist' };
const carla: Tenant = { name: 'Carla Gisteren', street: 'Beukenhof 2', postalCode: '3521 EF', city: 'Utrecht' };
const daan: Tenant = { name: 'Daan Laatkomer', street: 'Wilgenstraat 7', postalCode: '3531 GH', city: 'Utrecht' };

describe('one letter as PDF', () => {
  test('the reminder: address in the window, date, reference, amount, IBAN and the personal link as text', async () => {
    const c = await caseWithLetters(anouk);
    const { status, text, headers } = await pdfText(sanne, `/api/outbox/${c.reminder.id}/letter.pdf`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const pages = letterPages(text!);
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    // The window: the return address above the tenant's name and address, each on its own line.
    const lines = page.split('\n').map((l) => l.trim());
    const window = lines.indexOf('Woningcorporatie Voorbeeld, Postbus 100, 3500 AA Utrecht');
    expect(window).toBeGreaterThan(0);
    expect(lines.slice(window + 1, window + 8).filter(Boolean).slice(0, 3)).toEqual([anouk.name, anouk.street, `${anouk.postalCode} ${anouk.city}`]);
    // Not yet in a batch: dated by the day of the batch it will go into (today's).
    expect(page).toMatch(new RegExp(`Datum\\s+${dutchDate(c.reminder.day)}`));
    expect(page).toMatch(new RegExp(`Ons kenmerk\\s+${c.reminder.reference}`));
    expect(page).toContain('Uw huur is nog niet betaald');
    expect(page).toContain(`Beste ${anouk.name},`);
    expect(page).toMatch(/Bedrag\s+€ 1\.234,56/);
    expect(page).toContain('NL91 ABNA 0417 1643 00 t.n.v. Woningcorporatie');
    expect(page).toMatch(new RegExp(`Betalingskenmerk\\s+${c.reminder.reference}`));
    expect(squeezed(page)).toContain(squeezed(linkOf(c.reminder.key)));
    expect(page).toContain('Scan de code of ga naar');
    expect(page).toContain('Hier kunt u betalen, een regeling voorstellen of laten weten hoe u bereikt wilt worden.');
    // A reminder names no last day and no costs.
    expect(page).not.toContain('Betaal uiterlijk op');
    expect(page).not.toContain('incassokosten');

    // Reading it is a read of this case's personal data.
    const read = await h.pool.query(`SELECT entity, entity_id FROM audit_log WHERE action = 'personal-data.read' AND case_id = $1 AND entity = 'letter'`, [c.id]);
    expect(read.rows).toEqual([{ entity: 'letter', entity_id: c.reminder.id }]);
  });

  test('the 14-day letter: the exact collection costs and the last day to pay, 14 days from the day after receipt', async () => {
    const c = await caseWithLetters(bram, 240_000);
    const { text } = await pdfText(omar, `/api/outbox/${c.fourteenDay.id}/letter.pdf`);
    const page = letterPages(text!).join('\n');
    const costs = formatEuro(collectionCostsCents(240_000));
    expect(costs).toBe('€ 360,00');
    // In the letter's own text and again in the payment box.
    expect(page).toContain(`Die kosten zijn ${costs}.`);
    expect(page).toContain(`Dan komen er ${costs} incassokosten bij.`);
    const payBy = formatDateNl(fourteenDayDeadline(Date.parse(`${c.fourteenDay.day}T00:00:00Z`)).payBy);
    expect(page).toContain(`Betaal uiterlijk op ${payBy}.`);
    expect(page).toContain('De 14 dagen gaan in op de dag na de dag dat u deze brief ontvangt.');
    expect(page).toMatch(/Bedrag\s+€ 2\.400,00/);
    expect(page).toContain(bram.name);
    expect(page).toContain(`${bram.postalCode} ${bram.city}`);
    expect(squeezed(page)).toContain(squeezed(linkOf(c.fourteenDay.key)));
  });

  test('a role outside the letter printers is refused every letter endpoint', async () => {
    const c = await caseWithLetters({ ...anouk, name: 'Anouk Weigering' });
    for (const api of [priya, fleur, eva]) {
      expect((await pdfText(api, `/api/outbox/${c.reminder.id}/letter.pdf`)).status).toBe(403);
      expect((await pdfText(api, `/api/letters/batches/${c.reminder.day}.pdf`)).status).toBe(403);
      expect((await api.get('/api/letters/batches')).status).toBe(403);
      expect((await api.post(`/api/letters/batches/${c.reminder.day}/handed-over`)).status).toBe(403);
    }
    expect((await pdfText(sanne, `/api/outbox/999999999/letter.pdf`)).status).toBe(404);
    expect((await pdfText(sanne, `/api/outbox/abc/letter.pdf`)).status).toBe(400);
  });
});

describe('the daily print batch', () => {
  test('holds that day\u2019s letters once; a later download gives the same letters; a letter from another day or arriving later is not in it; handing over makes them sent, once', async () => {
    // The letters of the cases above are today's; Carla's are made yesterday's.
    const carlaCase = await caseWithLetters(carla);
    await h.pool.query(`UPDATE outbox SET created_at = created_at - interval '1 day' WHERE case_id = $1`, [carlaCase.id]);
    const today = carlaCase.reminder.day;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const todays = await h.pool.query<{ id: string; case_id: string }>(
      `SELECT id::text AS id, case_id FROM outbox WHERE channel = 'letter' AND status = 'awaiting-print' AND (created_at AT TIME ZONE 'Europe/Amsterdam')::date = $1 ORDER BY id`,
      [today],
    );
    // Two letters of each case opened today in this file (its own database).
    const n = todays.rows.length;
    expect(n).toBeGreaterThanOrEqual(4);

    const listed = (await mark.get('/api/letters/batches')).body.batches;
    expect(listed).toEqual([
      { date: today, letters: n, produced: false, producedAt: null, handedOver: false, handedOverAt: null, handedOverBy: null },
      { date: yesterday, letters: 2, produced: false, producedAt: null, handedOver: false, handedOverAt: null, handedOverBy: null },
    ]);

    // The first download makes the batch: exactly today's letters, each from a new page.
    const first = await pdfText(omar, `/api/letters/batches/${today}.pdf`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="brieven-${today}.pdf"`);
    const batched = await h.pool.query<{ id: string }>(`SELECT o.id::text AS id FROM outbox o JOIN print_batches b ON b.id = o.print_batch_id WHERE b.batch_date = $1 ORDER BY o.id`, [today]);
    expect(batched.rows.map((r) => r.id)).toEqual(todays.rows.map((r) => r.id));
    const pages = letterPages(first.text!);
    expect(pages).toHaveLength(n);
    for (const page of pages) expect(page).toMatch(new RegExp(`Datum\\s+${dutchDate(today)}`));
    const text = first.text!;
    for (const t of [anouk, bram]) expect(text.split(t.name).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(carla.name);

    // A letter arriving after the batch was made waits for the next day's.
    const daanCase = await caseWithLetters(daan);
    const again = await pdfText(mark, `/api/letters/batches/${today}.pdf`);
    expect(again.text).toBe(first.text);
    expect(again.text).not.toContain(daan.name);
    expect((await sanne.get('/api/letters/batches')).body.batches).toEqual([
      { date: nextIsoDay(today), letters: 2, produced: false, producedAt: null, handedOver: false, handedOverAt: null, handedOverBy: null },
      expect.objectContaining({ date: today, letters: n, produced: true, handedOver: false }),
      expect.objectContaining({ date: yesterday, letters: 2, produced: false }),
    ]);

    // Yesterday's batch holds yesterday's letters only.
    const yesterdays = await pdfText(omar, `/api/letters/batches/${yesterday}.pdf`);
    expect(letterPages(yesterdays.text!)).toHaveLength(2);
    expect(yesterdays.text).toContain(carla.name);
    expect(yesterdays.text).not.toContain(anouk.name);
    // No batch for a day that has not begun, none for a day without letters.
    expect((await pdfText(omar, `/api/letters/batches/${nextIsoDay(today)}.pdf`)).status).toBe(400);
    expect((await pdfText(omar, `/api/letters/batches/2020-01-01.pdf`)).status).toBe(404);

    // Each download is recorded as a read of the personal data of the cases in it.
    const reads = await h.pool.query<{ details: { caseIds: string[]; date: string } }>(`SELECT details FROM audit_log WHERE action = 'personal-data.list' AND entity = 'letter-batch' AND details ->> 'date' = $1`, [today]);
    expect(reads.rows).toHaveLength(2);
    expect([...reads.rows[0]!.details.caseIds].sort()).toEqual([...new Set(todays.rows.map((r) => r.case_id))].sort());

    // Handed over: its letters are sent from now; Daan's still waits; a second hand-over is refused.
    const handed = await mark.post(`/api/letters/batches/${today}/handed-over`);
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.batch).toMatchObject({ date: today, letters: n, produced: true, handedOver: true, handedOverBy: { displayName: 'Mark Visser' } });
    const statuses = await h.pool.query<{ id: string; status: string; sent: boolean }>(`SELECT id::text AS id, status, sent_at IS NOT NULL AS sent FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`, [todays.rows.map((r) => r.id)]);
    expect(statuses.rows.every((r) => r.status === 'sent' && r.sent)).toBe(true);
    const waiting = await h.pool.query<{ status: string }>(`SELECT status FROM outbox WHERE case_id = $1`, [daanCase.id]);
    expect(waiting.rows.map((r) => r.status)).toEqual(['awaiting-print', 'awaiting-print']);
    const second = await omar.post(`/api/letters/batches/${today}/handed-over`);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(new RegExp(`^the print batch of ${today} was already handed over \\(.* by Mark Visser\\); its letters count as sent from then$`));
    const logged = await h.pool.query(`SELECT actor, after, details FROM audit_log WHERE action = 'letters.hand-over' AND details ->> 'date' = $1`, [today]);
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0].after).toEqual({ handedOver: true, letters: n });
    // A batch never made cannot be handed over.
    expect((await mark.post(`/api/letters/batches/${nextIsoDay(today)}/handed-over`)).status).toBe(404);
    // After the hand-over, the case page's letter is dated by its batch and still prints.
    const one = await pdfText(sanne, `/api/outbox/${todays.rows[0]!.id}/letter.pdf`);
    expect(one.text).toMatch(new RegExp(`Datum\\s+${dutchDate(today)}`));
  });
});

describe('teams', () => {
  test('a member of a team prints only letters of their areas: a batch holding others is refused whole and not made; one letter elsewhere is not found', async () => {
    const admin = await h.as('admin');
    const tom = await h.as('tom');
    const tomId = (await tom.get('/api/auth/me')).body.user.id as string;
    expect((await admin.call('PUT', '/api/teams/noord', { name: 'Team noord', areas: [{ from: 3500, to: 3519 }], members: [tomId] })).status).toBe(201);
    try {
      // Days of their own, back in time: today's and yesterday's batches are made above.
      const inArea = await caseWithLetters({ name: 'Eva Binnenwijk', street: 'Domplein 1', postalCode: '3512 JE', city: 'Utrecht' });
      const elsewhere = await caseWithLetters({ name: 'Frank Buitenwijk', street: 'Slotlaan 5', postalCode: '3701 GA', city: 'Zeist' });
      const back = (days: number) => new Date(Date.parse(`${inArea.reminder.day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      await h.pool.query(`UPDATE outbox SET created_at = created_at - interval '3 days' WHERE case_id = ANY($1::uuid[])`, [[inArea.id, elsewhere.id]]);
      const mixed = back(3);

      const refused = await pdfText(tom, `/api/letters/batches/${mixed}.pdf`);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).error.message).toBe(
        `the print batch of ${mixed} holds 2 letter(s) for addresses outside the areas of your teams (noord); a batch is printed whole, so it is for staff who see every area`,
      );
      expect(refused.body).not.toContain('Buitenwijk');
      expect((await h.pool.query(`SELECT 1 FROM print_batches WHERE batch_date = $1`, [mixed])).rowCount).toBe(0);
      expect((await tom.post(`/api/letters/batches/${mixed}/handed-over`)).status).toBe(404);

      // One letter: in the areas it prints, elsewhere it does not exist.
      expect((await pdfText(tom, `/api/outbox/${inArea.reminder.id}/letter.pdf`)).status).toBe(200);
      expect((await pdfText(tom, `/api/outbox/${elsewhere.reminder.id}/letter.pdf`)).status).toBe(404);

      // A batch all of whose letters lie in the areas is theirs to print and hand over.
      await h.pool.query(`UPDATE outbox SET created_at = created_at - interval '1 day' WHERE case_id = $1`, [inArea.id]);
      const own = back(4);
      const printed = await pdfText(tom, `/api/letters/batches/${own}.pdf`);
      expect(printed.status).toBe(200);
      expect(letterPages(printed.text!)).toHaveLength(2);
      expect((await tom.post(`/api/letters/batches/${own}/handed-over`)).status).toBe(200);
      // Staff in no team print the rest.
      expect((await pdfText(mark, `/api/letters/batches/${mixed}.pdf`)).text).toContain('Frank Buitenwijk');
    } finally {
      expect((await admin.call('DELETE', '/api/teams/noord')).status).toBe(204);
    }
  });
});
