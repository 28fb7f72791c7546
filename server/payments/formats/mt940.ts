// MT940 (SWIFT), the text statement Dutch banks still deliver beside CAMT.053. Parsed by mt940js
// (kept; it checks the required tags and that opening balance + turnover = closing balance). A
// credit's reference text is its :86: remittance (/REMI/ or USTD, as ABN AMRO, ING and Rabobank
// write it), else the whole :86:; the payer's IBAN from /IBAN/ or /CNTP/; the bank's reference
// of the :61: line makes the payment id stable across statements.
import mt940, { type Statement } from 'mt940js';
import { centsOf, ibanOf, paymentIdOf, type BankLine, type IgnoredLine, type ParsedStatement } from './statement.ts';

/** The remittance text in a structured :86: ("/REMI/USTD//HA-1042 huur/" → "HA-1042 huur"). */
function remittanceOf(details: string, structured: Record<string, string> | undefined): string {
  const remi = structured?.REMI ?? structured?.USTD;
  const text = remi ? remi.replace(/^(USTD|STRD)\/\//, '').replace(/^CUR\/\//, '') : details;
  return text.replace(/\s+/g, ' ').replace(/\/+$/, '').trim();
}

const ibanIn = (structured: Record<string, string> | undefined): string | undefined => {
  return ibanOf(structured?.IBAN ?? structured?.CNTP?.split('/')[0]);
};

export function parseMt940(text: string): ParsedStatement {
  let statements: Statement[];
  try {
    statements = new mt940.Parser().parse(text.replace(/\r\n/g, '\n'));
  } catch (err) {
    return { ok: false, errors: [`the file is not a valid MT940 statement: ${(err as Error).message}`] };
  }
  if (statements.length === 0) return { ok: false, errors: ['the file holds no MT940 statement'] };
  const lines: BankLine[] = [];
  const ignored: IgnoredLine[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  let entryNo = 0;
  for (const s of statements) {
    for (const t of s.transactions) {
      const line = ++entryNo;
      const where = `entry ${line} (:61: of statement ${s.number.statement})`;
      if (t.amount < 0) {
        ignored.push({ line, reason: 'money going out, not a payment received' });
        continue;
      }
      if (t.reversal) {
        ignored.push({ line, reason: 'a reversal of an earlier entry, not a payment received' });
        continue;
      }
      if (t.currency !== 'EUR') {
        errors.push(`${where}: amount in ${t.currency}; only euro payments are imported`);
        continue;
      }
      const cents = centsOf(t.amount.toFixed(2));
      if (cents === null || cents === 0) {
        errors.push(`${where}: amount ${t.amount} is not a payment received`);
        continue;
      }
      const reference = remittanceOf(t.details ?? '', t.structuredDetails);
      const iban = ibanIn(t.structuredDetails);
      if (!reference && !iban) {
        errors.push(`${where}: no :86: remittance information to match on, nor the payer's account`);
        continue;
      }
      // mt940js gives the date at local midnight of the day the bank wrote.
      const d = t.date;
      const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const bankReference = t.bankReference || (t.reference && t.reference !== 'NONREF' ? t.reference : undefined);
      lines.push({ line, reference, amountCents: cents, date, paymentId: paymentIdOf({ bankReference, account: s.accountIdentification, reference, amountCents: cents, date }, seen), ...(iban ? { iban } : {}) });
    }
  }
  if (errors.length) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [ignored.length ? 'the statement has only money going out or reversals, no payment received' : 'the statement has no entries'] };
  return { ok: true, format: 'mt940', lines, ignored };
}
