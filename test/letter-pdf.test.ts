// The letter renderer on its own (no database, no Temporal): where the address lands for a
// window envelope, text over several pages, characters Helvetica's WinAnsi cannot encode, the
// logo, and the configuration that feeds the letterhead. Read back with poppler's tools.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EnvError, parseEnv } from '../server/env.ts';
import { lettersPdf, type LetterContent } from '../server/letters/letter-pdf.ts';
import { letterheadOf } from '../server/letters/letterhead.ts';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'letter-pdf-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const day = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const letterhead = letterheadOf(parseEnv({}));
const letter = (overrides: Partial<LetterContent> = {}): LetterContent => ({
  letterhead,
  recipient: { name: 'Fatima Bouzid', addressLines: ['Kastanjelaan 3 bis', '3521 AB Utrecht'] },
  date: day('2026-12-07'),
  reference: 'HUUR-2026-0042',
  subject: 'Uw huur is nog niet betaald',
  body: 'Beste Fatima Bouzid,\n\nWij hebben de huur nog niet ontvangen.\n\nMet vriendelijke groet,\nTeam Huurincasso',
  payment: { amountCents: 95_050, link: 'https://huurincasso.example.nl/huurder/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde' },
  ...overrides,
});

async function saved(pdf: Uint8Array): Promise<string> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  return file;
}
const text = async (file: string) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
const MM = 72 / 25.4;

describe('the letter PDF', () => {
  test('is A4, and puts the tenant\u2019s address in the window of a Dutch window envelope with the return address above it', async () => {
    const file = await saved(await lettersPdf([letter()], 'Brief'));
    expect((await run('pdfinfo', [file])).stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // Word boxes in points from the top-left corner of the page.
    const boxes = (await run('pdftotext', ['-bbox', file, '-'])).stdout;
    // The word's occurrence on the left half (the letterhead repeats the name top right).
    const word = (w: string) => {
      const all = [...boxes.matchAll(new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${w}</word>`, 'g'))];
      const m = all.find((found) => Number(found[1]) / MM < 105);
      if (!m) throw new Error(`no word ${w}`);
      return { left: Number(m[1]) / MM, top: Number(m[2]) / MM, right: Number(m[3]) / MM, bottom: Number(m[4]) / MM };
    };
    for (const w of ['Fatima', 'Kastanjelaan', '3521', 'Woningcorporatie']) {
      const b = word(w);
      expect(b.left, w).toBeGreaterThanOrEqual(19);
      expect(b.left, w).toBeLessThanOrEqual(21);
      expect(b.top, w).toBeGreaterThanOrEqual(45);
      expect(b.bottom, w).toBeLessThanOrEqual(85);
    }
    // The return address's line above the tenant's name.
    expect(word('Woningcorporatie').bottom).toBeLessThan(word('Fatima').top);
    expect(word('Utrecht').right).toBeLessThanOrEqual(20 + 90);
  });

  test('a long text wraps and runs onto more pages, every line kept, with the payment box once at the end', async () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Alinea ${i + 1}. Dit is een lange zin in eenvoudige taal die over meer dan een regel loopt, zodat het afbreken van de regels te zien is.`);
    const file = await saved(await lettersPdf([letter({ body: paragraphs.join('\n\n') })], 'Brief'));
    const pages = (await text(file)).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => expect(p).toContain(`Pagina ${i + 1} van ${pages.length}`));
    expect(pages[1]).toMatch(/Ons kenmerk HUUR-2026-0042\s+·\s+vervolg/);
    // The text without each page's header and footer lines, which break into a paragraph.
    const all = pages
      .join('\n')
      .split('\n')
      .filter((line) => !/Ons kenmerk HUUR-2026-0042\s+·/.test(line))
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const p of paragraphs) expect(all).toContain(p);
    expect(all.split('Zo betaalt u').length - 1).toBe(1);
    expect(pages.at(-1)).toContain('Zo betaalt u');
  });

  test('Dutch typography prints (€, quotes, apostrophes, accents); what WinAnsi lacks is replaced, not a crash', async () => {
    const body = 'Beste mevrouw van ’t Hof,\n\n“Samen” lukt het: € 12,50 per maand, één keer per maand, geïnd — ook ≥ 2 termijnen. Groet 🙂 中 Ştefan';
    const file = await saved(await lettersPdf([letter({ body, recipient: { name: 'Ştefan Çelik', addressLines: ['Hoofdstraat 1', '1234 AB Ede'] } })], 'Brief'));
    const out = (await text(file)).replace(/\s+/g, ' ');
    expect(out).toContain('Beste mevrouw van ’t Hof,');
    expect(out).toContain('“Samen” lukt het: € 12,50 per maand, één keer per maand, geïnd — ook >= 2 termijnen. Groet ? ? Stefan');
    expect(out).toContain('Stefan Çelik');
  });

  test('several letters make one PDF, each from a new page', async () => {
    const file = await saved(await lettersPdf([letter(), letter({ recipient: { name: 'Tweede Huurder', addressLines: ['Dorpsweg 2', '3500 AA Utrecht'] } })], 'Brieven 2026-12-07'));
    const pages = (await text(file)).split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Fatima Bouzid');
    expect(pages[1]).toContain('Tweede Huurder');
    expect((await run('pdfinfo', [file])).stdout).toMatch(/Title:\s+Brieven 2026-12-07/);
  });
});

describe('the letterhead\u2019s configuration', () => {
  test('defaults: the corporation\u2019s name, return address and IBAN in groups of four', async () => {
    const file = await saved(await lettersPdf([letter()], 'Brief'));
    const out = await text(file);
    expect(out).toContain('Woningcorporatie Voorbeeld');
    expect(out).toContain('Postbus 100, 3500 AA Utrecht');
    expect(out).toContain('NL91 ABNA 0417 1643 00 t.n.v. Woningcorporatie');
  });

  test('an IBAN whose check digits do not match stops the start, naming ORG_IBAN; a compact one prints grouped', () => {
    expect(() => parseEnv({ ORG_IBAN: 'NL92 ABNA 0417 1643 00' })).toThrow(EnvError);
    expect(() => parseEnv({ ORG_IBAN: 'NL92 ABNA 0417 1643 00' })).toThrow(/ORG_IBAN="NL92 ABNA 0417 1643 00": write an IBAN/);
    expect(() => parseEnv({ ORG_IBAN: 'huurrekening' })).toThrow(/ORG_IBAN/);
    expect(letterheadOf(parseEnv({ ORG_IBAN: 'nl91abna0417164300' })).iban).toBe('NL91 ABNA 0417 1643 00');
  });

  test('ORG_LOGO: a PNG is printed on every letter; a path that is no PNG stops the start', async () => {
    const png = join(dir, 'logo.png');
    await writeFile(png, await QRCode.toBuffer('logo', { type: 'png', width: 120 }));
    const head = letterheadOf(parseEnv({ ORG_LOGO: png, ORG_NAME: 'Stichting Thuis' }));
    const file = await saved(await lettersPdf([letter({ letterhead: head }), letter({ letterhead: head })], 'Brieven'));
    const images = (await run('pdfimages', ['-list', file])).stdout.split('\n').filter((l) => /^\s+\d+\s+\d+\s+image/.test(l));
    expect(images.map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '2']);
    expect(await text(file)).toContain('Stichting Thuis');
    expect(() => parseEnv({ ORG_LOGO: join(dir, 'no-such-logo.png') })).toThrow(/ORG_LOGO=.*give the path of a PNG file/);
    expect(() => parseEnv({ ORG_LOGO: file })).toThrow(/ORG_LOGO/);
  });
});
