// A bank statement as the import takes it, whatever the bank delivered: the lines of money
// received (reference text, amount, date, the payer's IBAN when the format has it), money going
// out and reversals set aside with the reason, and every unreadable entry named. Each line has
// a payment id that is the same when the same entry comes again, in the same file or in another
// (the bank's own entry reference where the format has one), so importing twice adds nothing.
import { createHash } from 'node:crypto';

export type BankLine = {
  /** Where it is in the file: the CSV line, or the entry's number in a CAMT.053 or MT940 statement. */
  line: number;
  reference: string;
  amountCents: number;
  date: string;
  paymentId: string;
  /** The payer's account, where the format names it. */
  iban?: string;
};
export type IgnoredLine = { line: number; reason: string };
export type ParsedStatement = { ok: true; format: StatementFormat; lines: BankLine[]; ignored: IgnoredLine[] } | { ok: false; errors: string[] };
export type StatementFormat = 'csv' | 'camt053' | 'mt940';

export const formatNames: Record<StatementFormat, string> = { csv: 'CSV', camt053: 'CAMT.053', mt940: 'MT940' };

/** What a file is, by its content (never by its name or content type, which banks get wrong). */
export function detectFormat(text: string): StatementFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4000);
  if (head.startsWith('<') && /BkToCstmrStmt/.test(text.slice(0, 20_000))) return 'camt053';
  if (/^(\{1:|:20:)/.test(head) || /(^|\n):61:/.test(head)) return 'mt940';
  return 'csv';
}

/**
 * The id of a payment: from the bank's own reference of the entry when there is one (the same
 * entry in a later statement is then the same payment), else from what the entry says, with
 * its occurrence in the file (two equal transfers on one day are two payments).
 */
export function paymentIdOf(parts: { bankReference?: string | undefined; account?: string | undefined; reference: string; amountCents: number; date: string }, seen: Map<string, number>): string {
  const identity = parts.bankReference
    ? `ref|${(parts.account ?? '').toUpperCase()}|${parts.bankReference}|${parts.amountCents}`
    : `${parts.reference.toUpperCase()}|${parts.amountCents}|${parts.date}`;
  const n = (seen.get(identity) ?? 0) + 1;
  seen.set(identity, n);
  return `bank:${createHash('sha256').update(`${identity}|${n}`).digest('hex').slice(0, 32)}`;
}

/** An account number as banks compare them: capitals, no spaces; undefined when there is none. */
export const ibanOf = (raw: string | undefined): string | undefined => {
  const text = (raw ?? '').toUpperCase().replace(/\s+/g, '');
  return /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(text) ? text : undefined;
};

/** Cents of an amount the bank wrote with a point ("1234.56"). */
export const centsOf = (value: string | number): number | null => {
  const text = String(value).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
};
