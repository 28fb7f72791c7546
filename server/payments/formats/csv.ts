// Parses a bank statement export: one payment per line with reference, amount and date.
// Dutch and English headers (also as banks write them, "Bedrag (EUR)", "Af Bij"), comma or
// semicolon separated, amounts as 12,50 or 12.50, dates as YYYY-MM-DD, DD-MM-YYYY or YYYYMMDD.
// Money going out is not an error in a statement: those lines are ignored and reported. A
// file with any unreadable line is refused whole, naming the lines.
import { parse } from 'csv-parse/sync';
import { parseAmount, parseDate } from '../../csv-values.ts';
import { ibanOf, paymentIdOf, type BankLine, type IgnoredLine, type ParsedStatement } from './statement.ts';

// In order of preference: a payment reference before a free description. ING's
// "Naam / Omschrijving" holds the counterparty's name, so it is not a reference column.
const HEADERS = {
  reference: ['reference', 'kenmerk', 'betalingskenmerk', 'mededelingen', 'omschrijving', 'description'],
  amount: ['amount', 'bedrag'],
  date: ['date', 'datum', 'boekdatum', 'valutadatum'],
  direction: ['af bij', 'af/bij', 'bij/af', 'debit/credit', 'credit/debit'],
  // The payer's account. Not a bare "IBAN" or "Rekening": banks name the account holder's own
  // account so, and learning that one would match every transfer to one tenancy.
  iban: ['tegenrekening iban/bban', 'tegenrekening', 'iban tegenpartij', 'counterparty iban', 'counterparty account'],
};

/** "Bedrag (EUR)" → "bedrag"; "Af  Bij" → "af bij". */
const normalizeHeader = (h: string) => h.toLowerCase().replace(/\(.*?\)/g, '').replace(/\s+/g, ' ').trim();

export function parseBankCsv(text: string): ParsedStatement {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true });
  } catch (err) {
    return { ok: false, errors: [`the file is not valid CSV: ${(err as Error).message}`] };
  }
  if (rows.length === 0) return { ok: false, errors: ['the file is empty'] };
  const header = rows[0]!.map(normalizeHeader);
  const column = (names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const ref = column(HEADERS.reference);
  const amount = column(HEADERS.amount);
  const date = column(HEADERS.date);
  const direction = column(HEADERS.direction);
  const account = column(HEADERS.iban);
  const missing = [ref < 0 ? 'reference (kenmerk)' : null, amount < 0 ? 'amount (bedrag)' : null, date < 0 ? 'date (datum)' : null].filter(Boolean);
  if (missing.length) return { ok: false, errors: [`the header line lacks the column ${missing.join(', ')}; found: ${rows[0]!.join(', ')}`] };
  const errors: string[] = [];
  const lines: BankLine[] = [];
  const ignored: IgnoredLine[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const reference = (row[ref] ?? '').trim();
    const iban = account >= 0 ? ibanOf(row[account] ?? '') : undefined;
    const cents = parseAmount(row[amount] ?? '');
    const day = parseDate(row[date] ?? '');
    const out = direction >= 0 && /^(af|d|debit)$/i.test((row[direction] ?? '').trim());
    if (cents !== null && (cents < 0 || out)) {
      ignored.push({ line, reason: 'money going out, not a payment received' });
      return;
    }
    // A transfer without a description can still be matched by the payer's account.
    if (!reference && !iban) errors.push(`line ${line}: the reference is empty${account >= 0 ? ' and so is the payer\'s account' : ''}`);
    if (cents === null) errors.push(`line ${line}: amount "${row[amount] ?? ''}" is not an amount such as 125,50`);
    else if (cents === 0) errors.push(`line ${line}: amount ${row[amount]} is zero, not a payment received`);
    if (day === null) errors.push(`line ${line}: date "${row[date] ?? ''}" is not a date such as 2026-11-23 or 23-11-2026`);
    if ((!reference && !iban) || cents === null || cents === 0 || day === null) return;
    // The same reference, amount and date twice in one file are two payments; the occurrence
    // number keeps them apart while the same file imported again yields the same ids.
    lines.push({ line, reference, amountCents: cents, date: day, paymentId: paymentIdOf({ reference: reference || `iban:${iban}`, amountCents: cents, date: day }, seen), ...(iban ? { iban } : {}) });
  });
  if (errors.length) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [ignored.length ? 'the file has only money going out, no payment received' : 'the file has no payment lines'] };
  return { ok: true, format: 'csv', lines, ignored };
}
