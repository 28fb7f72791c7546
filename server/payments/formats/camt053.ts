// CAMT.053 (ISO 20022 BankToCustomerStatement), the XML statement Dutch banks deliver. Read with
// fast-xml-parser (kept, no native code), namespace prefixes dropped so camt.053.001.02 to .08
// read alike. Each credit entry gives one line per transaction in it (a batch booking holds
// several), with the remittance text (unstructured, or the structured creditor reference),
// the payer's IBAN and the bank's reference of the entry (AcctSvcrRef), which makes the line's
// payment id stable across statements. Debits and reversals are set aside; anything unreadable
// is named by its entry, and the file is refused whole.
import { XMLParser } from 'fast-xml-parser';
import { centsOf, ibanOf, paymentIdOf, type BankLine, type IgnoredLine, type ParsedStatement } from './statement.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd'].includes(name),
});

const asNode = (v: unknown): Node | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, k) => asNode(n)?.[k], v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : asNode(v)?.['#text'] !== undefined ? String(asNode(v)!['#text']) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function amountOf(v: unknown): { cents: number | null; currency: string | undefined } {
  const raw = text(v);
  return { cents: raw === undefined ? null : centsOf(raw), currency: asNode(v)?.['@Ccy'] as string | undefined };
}

/** The remittance text of a transaction: its unstructured lines, else its structured references. */
function remittanceOf(tx: unknown): string {
  const unstructured = list(at(tx, 'RmtInf', 'Ustrd')).map(text).filter(Boolean);
  if (unstructured.length) return unstructured.join(' ');
  return list(at(tx, 'RmtInf', 'Strd'))
    .flatMap((s) => [text(at(s, 'CdtrRefInf', 'Ref')), text(at(s, 'AddtlRmtInf'))])
    .filter(Boolean)
    .join(' ');
}

export function parseCamt053(xml: string): ParsedStatement {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    return { ok: false, errors: [`the file is not valid XML: ${(err as Error).message}`] };
  }
  const statements = list(at(doc, 'Document', 'BkToCstmrStmt', 'Stmt'));
  if (statements.length === 0) return { ok: false, errors: ['the file is no CAMT.053 statement: it has no Document/BkToCstmrStmt/Stmt'] };
  const lines: BankLine[] = [];
  const ignored: IgnoredLine[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  let entryNo = 0;
  for (const stmt of statements) {
    const account = text(at(stmt, 'Acct', 'Id', 'IBAN'));
    for (const entry of list(at(stmt, 'Ntry'))) {
      const line = ++entryNo;
      const where = `entry ${line}${text(at(entry, 'AcctSvcrRef')) ? ` (${text(at(entry, 'AcctSvcrRef'))})` : ''}`;
      const direction = text(at(entry, 'CdtDbtInd'));
      if (direction === 'DBIT') {
        ignored.push({ line, reason: 'money going out, not a payment received' });
        continue;
      }
      if (text(at(entry, 'RvslInd')) === 'true') {
        ignored.push({ line, reason: 'a reversal of an earlier entry, not a payment received' });
        continue;
      }
      if (direction !== 'CRDT') {
        errors.push(`${where}: CdtDbtInd "${direction ?? ''}" is neither CRDT nor DBIT`);
        continue;
      }
      const date = (text(at(entry, 'BookgDt', 'Dt')) ?? text(at(entry, 'BookgDt', 'DtTm'))?.slice(0, 10) ?? text(at(entry, 'ValDt', 'Dt')))?.slice(0, 10);
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        errors.push(`${where}: no booking date (BookgDt/Dt)`);
        continue;
      }
      const entryAmount = amountOf(at(entry, 'Amt'));
      if (entryAmount.currency !== undefined && entryAmount.currency !== 'EUR') {
        errors.push(`${where}: amount in ${entryAmount.currency}; only euro payments are imported`);
        continue;
      }
      const transactions = list(at(entry, 'NtryDtls')).flatMap((d) => list(at(d, 'TxDtls')));
      const bankReference = text(at(entry, 'AcctSvcrRef'));
      const parts = transactions.length ? transactions : [undefined];
      for (const [i, tx] of parts.entries()) {
        const own = tx === undefined ? entryAmount : amountOf(at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'));
        // A single transaction without its own amount takes the entry's.
        const cents = own.cents ?? (parts.length === 1 ? entryAmount.cents : null);
        if (cents === null || cents <= 0) {
          errors.push(`${where}${parts.length > 1 ? `, transaction ${i + 1}` : ''}: no positive amount`);
          continue;
        }
        const reference = tx === undefined ? text(at(entry, 'AddtlNtryInf')) ?? '' : remittanceOf(tx) || text(at(entry, 'AddtlNtryInf')) || '';
        const iban = tx === undefined ? undefined : ibanOf(text(at(tx, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN')));
        // A transfer without remittance information can still be matched by the payer's account.
        if (!reference && !iban) {
          errors.push(`${where}${parts.length > 1 ? `, transaction ${i + 1}` : ''}: no remittance information (RmtInf) to match on, nor the payer's account (DbtrAcct)`);
          continue;
        }
        const txReference = bankReference ? `${bankReference}#${i + 1}` : undefined;
        lines.push({ line, reference, amountCents: cents, date, paymentId: paymentIdOf({ bankReference: txReference, account, reference, amountCents: cents, date }, seen), ...(iban ? { iban } : {}) });
      }
    }
  }
  if (errors.length) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [ignored.length ? 'the statement has only money going out or reversals, no payment received' : 'the statement has no entries'] };
  return { ok: true, format: 'camt053', lines, ignored };
}
