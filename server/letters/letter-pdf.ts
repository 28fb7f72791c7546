// A letter as print-ready A4 PDF pages, from plain data: letterhead, the tenant's address in a
// Dutch window envelope's window, date, reference and subject, the B1 text wrapped across
// pages, and a payment box with amount, account, reference and the tenant's personal link as
// text and QR code. Several letters make one PDF (a print batch), each from a new page.
//
// pdf-lib because it writes PDFs in plain JavaScript, with no browser or native binary (the
// API runs in slim containers; Chromium is there only for tests), and embeds PNG logos.
// Text uses the PDF standard font Helvetica: nothing to ship, every printer has it, but it
// only encodes WinAnsi, so text is first made WinAnsi-safe (€ and typographic quotes are
// in it; what is not is replaced rather than crash a whole batch).
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatDateNl, formatEuro } from '../../definition/templates.ts';
import type { Letterhead } from './letterhead.ts';

export type LetterContent = {
  letterhead: Letterhead;
  /** The name and the address lines as the envelope shows them. */
  recipient: { name: string; addressLines: string[] };
  /** The letter's date: midnight UTC of its calendar day (definition/calendar.ts). */
  date: number;
  /** "Ons kenmerk" and the payment reference: the tenancy's reference. */
  reference: string;
  subject: string;
  /** The text as rendered from its template; blank lines separate paragraphs. */
  body: string;
  payment: { amountCents: number; link: string };
  /** A 14-day letter (art. 6:96(6) BW) also names the last day to pay and what not paying costs. */
  fourteenDay?: { payBy: number; collectionCostsCents: number | null };
};

const mm = (v: number) => (v * 72) / 25.4;
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN_X = mm(20);
const TEXT_WIDTH = PAGE.width - 2 * MARGIN_X;
/** Lowest a text line may sit: above the footer. */
const BOTTOM = mm(22);
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const LIGHT = rgb(0.94, 0.94, 0.94);

// Where a Dutch window envelope (C5/6 and EA5/6, window on the left) shows the address:
// about 20 mm from the left edge and 45 mm from the top, 90 mm wide, 40 mm high.
const WINDOW = { left: mm(20), top: mm(45), width: mm(90), height: mm(40) };

const BODY_SIZE = 10.5;
const BODY_LEADING = 14.5;

type Fonts = { regular: PDFFont; bold: PDFFont };

/** One PDF with these letters, each starting on a new page. */
export async function lettersPdf(letters: readonly LetterContent[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // The title names the batch, never a tenant: PDF viewers show it in lists and window bars.
  doc.setTitle(title);
  doc.setCreator('arrears-case-engine');
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const logos = new Map<Uint8Array, PDFImage>();
  for (const letter of letters) {
    const png = letter.letterhead.logoPng;
    if (png && !logos.has(png)) logos.set(png, await doc.embedPng(png));
    await drawLetter(doc, fonts, letter, png ? logos.get(png) : undefined);
  }
  return await doc.save();
}

async function drawLetter(doc: PDFDocument, fonts: Fonts, letter: LetterContent, logo: PDFImage | undefined): Promise<void> {
  const safe = winAnsiSafe(fonts.regular);
  const pages: PDFPage[] = [];
  const newPage = () => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    return page;
  };

  let page = newPage();
  drawLetterhead(page, fonts, letter.letterhead, logo, safe);
  drawAddress(page, fonts, letter, safe);
  let y = drawMeta(page, fonts, letter, safe, PAGE.height - mm(100));

  // The text, line by line, onto as many pages as it needs.
  y -= BODY_LEADING;
  for (const paragraph of safe(letter.body).replace(/\r\n?/g, '\n').split('\n')) {
    if (paragraph.trim() === '') {
      y -= BODY_LEADING * 0.6;
      continue;
    }
    for (const line of wrap(paragraph, fonts.regular, BODY_SIZE, TEXT_WIDTH)) {
      if (y < BOTTOM) {
        page = newPage();
        y = continuationHeader(page, fonts, letter, safe);
      }
      page.drawText(line, { x: MARGIN_X, y, size: BODY_SIZE, font: fonts.regular, color: INK });
      y -= BODY_LEADING;
    }
  }

  // The payment box whole on one page: after the text, or at the top of a new page.
  const box = await paymentBox(fonts, letter, safe);
  const boxTop = y - mm(4);
  if (boxTop - box.height < BOTTOM) {
    page = newPage();
    box.draw(page, continuationHeader(page, fonts, letter, safe) + BODY_LEADING);
  } else {
    box.draw(page, boxTop);
  }

  pages.forEach((p, i) => {
    const footer = safe(`${letter.letterhead.orgName}  ·  Ons kenmerk ${letter.reference}  ·  Pagina ${i + 1} van ${pages.length}`);
    p.drawText(footer, { x: MARGIN_X, y: mm(12), size: 7.5, font: fonts.regular, color: GREY });
  });
}

function drawLetterhead(page: PDFPage, fonts: Fonts, head: Letterhead, logo: PDFImage | undefined, safe: (s: string) => string): void {
  if (logo) {
    const scale = Math.min(mm(18) / logo.height, mm(60) / logo.width);
    const height = logo.height * scale;
    page.drawImage(logo, { x: MARGIN_X, y: PAGE.height - mm(12) - height, width: logo.width * scale, height });
  }
  const name = safe(head.orgName);
  const right = PAGE.width - MARGIN_X;
  page.drawText(name, { x: right - fonts.bold.widthOfTextAtSize(name, 13), y: PAGE.height - mm(20), size: 13, font: fonts.bold, color: INK });
  const address = safe(head.returnAddress);
  page.drawText(address, { x: right - fonts.regular.widthOfTextAtSize(address, 8.5), y: PAGE.height - mm(25), size: 8.5, font: fonts.regular, color: GREY });
}

/** The return address in small type at the top of the window, the tenant's address below it. */
function drawAddress(page: PDFPage, fonts: Fonts, letter: LetterContent, safe: (s: string) => string): void {
  const { left, top, width } = WINDOW;
  const head = letter.letterhead;
  const returnLine = fit(safe(`${head.orgName}, ${head.returnAddress}`), fonts.regular, 7, width);
  page.drawText(returnLine, { x: left, y: PAGE.height - top - mm(4), size: 7, font: fonts.regular, color: GREY });
  page.drawLine({ start: { x: left, y: PAGE.height - top - mm(5.2) }, end: { x: left + fonts.regular.widthOfTextAtSize(returnLine, 7), y: PAGE.height - top - mm(5.2) }, thickness: 0.4, color: GREY });
  const lines = [letter.recipient.name, ...letter.recipient.addressLines].map((l) => fit(safe(l), fonts.regular, 10.5, width)).slice(0, 6);
  lines.forEach((line, i) => page.drawText(line, { x: left, y: PAGE.height - top - mm(11) - i * mm(4.8), size: 10.5, font: fonts.regular, color: INK }));
}

/** Date, reference and subject under the window; returns the y below them. */
function drawMeta(page: PDFPage, fonts: Fonts, letter: LetterContent, safe: (s: string) => string, top: number): number {
  const rows: Array<[string, string, PDFFont]> = [
    ['Datum', formatDateNl(letter.date), fonts.regular],
    ['Ons kenmerk', letter.reference, fonts.regular],
    ['Onderwerp', letter.subject, fonts.bold],
  ];
  let y = top;
  for (const [label, value, font] of rows) {
    page.drawText(label, { x: MARGIN_X, y, size: 9, font: fonts.regular, color: GREY });
    for (const line of wrap(safe(value), font, 10.5, TEXT_WIDTH - mm(32))) {
      page.drawText(line, { x: MARGIN_X + mm(32), y, size: 10.5, font, color: INK });
      y -= mm(5);
    }
  }
  return y - mm(4);
}

/** The top of a follow-on page: who and which letter, so a loose sheet finds its letter. */
function continuationHeader(page: PDFPage, fonts: Fonts, letter: LetterContent, safe: (s: string) => string): number {
  page.drawText(safe(`${letter.letterhead.orgName}  ·  Ons kenmerk ${letter.reference}  ·  vervolg`), { x: MARGIN_X, y: PAGE.height - mm(18), size: 8.5, font: fonts.regular, color: GREY });
  return PAGE.height - mm(30);
}

type Box = { height: number; draw(page: PDFPage, top: number): void };

/** One piece of text in the box: `dy` is how far below the previous piece's baseline it sits. */
type Piece = { text: string; x: number; dy: number; font: PDFFont; size: number };

async function paymentBox(fonts: Fonts, letter: LetterContent, safe: (s: string) => string): Promise<Box> {
  const pad = mm(5);
  const qrSize = mm(30);
  const innerWidth = TEXT_WIDTH - 2 * pad;
  const besideQr = innerWidth - qrSize - mm(5);
  const labelWidth = mm(36);
  const size = 9.5;
  const leading = 13;
  const head = letter.letterhead;

  const pieces: Piece[] = [{ text: 'Zo betaalt u', x: 0, dy: 0, font: fonts.bold, size: 11.5 }];
  const paragraph = (text: string, font: PDFFont, fontSize: number, width: number, space = 0) =>
    wrap(safe(text), font, fontSize, width).forEach((line, i) => pieces.push({ text: line, x: 0, dy: leading + (i === 0 ? space : 0), font, size: fontSize }));
  const rows: Array<[string, string, PDFFont]> = [
    ['Bedrag', formatEuro(letter.payment.amountCents), fonts.bold],
    ['Naar rekening', `${head.iban} t.n.v. ${head.orgName}`, fonts.regular],
    ['Betalingskenmerk', letter.reference, fonts.bold],
  ];
  rows.forEach(([label, value, font], r) => {
    pieces.push({ text: label, x: 0, dy: leading + (r === 0 ? 4 : 0), font: fonts.regular, size });
    wrap(safe(value), font, size, besideQr - labelWidth).forEach((line, i) => pieces.push({ text: line, x: labelWidth, dy: i === 0 ? 0 : leading, font, size }));
  });
  if (letter.fourteenDay) {
    paragraph(`Betaal uiterlijk op ${formatDateNl(letter.fourteenDay.payBy)}.`, fonts.bold, 10.5, besideQr, 6);
    paragraph('De 14 dagen gaan in op de dag na de dag dat u deze brief ontvangt.', fonts.regular, size, besideQr);
    const costs = letter.fourteenDay.collectionCostsCents;
    if (costs !== null) paragraph(`Betaalt u niet op tijd? Dan komen er ${formatEuro(costs)} incassokosten bij.`, fonts.regular, size, besideQr);
  }
  paragraph('Scan de code of ga naar:', fonts.regular, size, besideQr, 6);
  // The link on a line of its own (a tenant may type it over), as large as fits the box.
  const link = safe(letter.payment.link);
  const linkSize = Math.max(6.5, Math.min(10, (innerWidth / fonts.bold.widthOfTextAtSize(link, 10)) * 10));
  paragraph(link, fonts.bold, linkSize, innerWidth);
  paragraph('Hier kunt u betalen, een regeling voorstellen of laten weten hoe u bereikt wilt worden.', fonts.regular, size, innerWidth);

  const firstBaseline = 11.5;
  const textHeight = firstBaseline + pieces.reduce((h, p) => h + p.dy, 0) + 4;
  const height = Math.max(textHeight, qrSize) + 2 * pad;
  const qr = QRCode.create(letter.payment.link, { errorCorrectionLevel: 'M' }).modules;

  return {
    height,
    draw(page, top) {
      page.drawRectangle({ x: MARGIN_X, y: top - height, width: TEXT_WIDTH, height, color: LIGHT, borderColor: GREY, borderWidth: 0.6 });
      let y = top - pad - firstBaseline;
      for (const p of pieces) {
        y -= p.dy;
        page.drawText(p.text, { x: MARGIN_X + pad + p.x, y, size: p.size, font: p.font, color: INK });
      }
      drawQr(page, qr, MARGIN_X + TEXT_WIDTH - pad - qrSize, top - pad - qrSize, qrSize);
    },
  };
}

/** The QR code as filled squares (vector, sharp at any printer resolution), with a white quiet zone. */
function drawQr(page: PDFPage, modules: QRCode.BitMatrix, x: number, y: number, size: number): void {
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    // Runs of dark modules in a row as one rectangle each: fewer drawing operations.
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({ x: x + (quiet + start) * cell, y: y + size - (quiet + row + 1) * cell, width: (col - start) * cell, height: cell, color: INK });
    }
  }
}

/** Words onto lines no wider than `width`; a word longer than a line is cut where it must. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Shortens a line that must stay one line (an address in the window) with an ellipsis. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 1 && font.widthOfTextAtSize(`${text.slice(0, cut)}…`, size) > width) cut--;
  return `${text.slice(0, cut)}…`;
}

// Characters WinAnsi lacks that Dutch texts and pasted-in text do hold, and what prints instead.
const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '—',
  '\u2212': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u200b': '',
  '\u2060': '',
  '\ufeff': '',
  '\u2032': "'",
  '\u2033': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2713': 'v',
};

/**
 * Text made encodable in the font's WinAnsi set: known stand-ins first, then letters without
 * their accent (ş → s), and a question mark for the rest. Line breaks are kept.
 */
export function winAnsiSafe(font: PDFFont): (text: string) => string {
  const encodable = new Set(font.getCharacterSet());
  return (text) =>
    [...text.normalize('NFC')]
      .map((ch) => {
        if (ch === '\n') return ch;
        if (ch === '\t') return ' ';
        const code = ch.codePointAt(0)!;
        if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return '';
        if (encodable.has(code)) return ch;
        if (ch in REPLACEMENTS) return REPLACEMENTS[ch]!;
        const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
        return bare && [...bare].every((c) => encodable.has(c.codePointAt(0)!)) ? bare : '?';
      })
      .join('');
}
