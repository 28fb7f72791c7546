// The arrears list as a CSV export of the rent ledger. The header names the columns, in Dutch or
// English, in any order, comma or semicolon separated (docs/intake.md has the format):
//   huurcontract;naam;email;telefoon;straat;postcode;plaats;achterstand;oudste_vervaldatum;huur;minderjarigen;segment;signaal
// Amounts in euros (1.234,56 or 1234.56), dates as YYYY-MM-DD or DD-MM-YYYY, minors as ja/nee
// (empty: unknown), risk signals as words separated by | (storno|laat-betaald). Each line
// becomes the JSON shape of schemas.ts, checked there.
import { parse } from 'csv-parse/sync';
import { parseAmount, parseDate } from '../csv-values.ts';
import type { RiskSignal } from '../../definition/catalog.ts';

type Field = 'tenancyReference' | 'name' | 'email' | 'phone' | 'street' | 'postalCode' | 'city' | 'arrears' | 'oldestDueDate' | 'monthlyRent' | 'minors' | 'segment' | 'signals';

const HEADERS: Record<Field, string[]> = {
  tenancyReference: ['huurcontract', 'contractnummer', 'kenmerk', 'tenancy_reference', 'tenancy reference', 'reference'],
  name: ['naam', 'huurder', 'name', 'tenant'],
  email: ['email', 'e-mail', 'e-mailadres'],
  phone: ['telefoon', 'telefoonnummer', 'mobiel', 'phone'],
  street: ['straat', 'adres', 'street', 'address'],
  postalCode: ['postcode', 'postal_code', 'postal code'],
  city: ['plaats', 'woonplaats', 'city'],
  arrears: ['achterstand', 'saldo', 'arrears'],
  oldestDueDate: ['oudste_vervaldatum', 'oudste vervaldatum', 'vervaldatum', 'oldest_due_date', 'oldest due date'],
  monthlyRent: ['huur', 'maandhuur', 'monthly_rent', 'monthly rent'],
  minors: ['minderjarigen', 'kinderen', 'minors'],
  segment: ['segment'],
  signals: ['signaal', 'signalen', 'risicosignaal', 'risicosignalen', 'risk_signals', 'risk signals', 'signals'],
};

/** The ledger's words for the risk signals (definition/catalog.ts riskSignals); the first is the documented one. */
const SIGNAL_WORDS: Record<Exclude<RiskSignal, 'seasonal'>, string[]> = {
  'debit-reversed': ['storno', 'gestorneerd', 'debit-reversed'],
  'paid-late': ['laat-betaald', 'te-laat', 'laat', 'paid-late'],
  'benefit-stopped': ['huurtoeslag-gestopt', 'toeslag-gestopt', 'benefit-stopped'],
  'opt-in': ['aanmelding', 'aangemeld', 'opt-in'],
};
const signalOf = (word: string) => (Object.entries(SIGNAL_WORDS) as Array<[RiskSignal, string[]]>).find(([, words]) => words.includes(word))?.[0];
const REQUIRED: Field[] = ['tenancyReference', 'name', 'street', 'postalCode', 'city', 'arrears'];

/** `failed`: the fields whose cell could not be read (their problem is in `problems`, said once). */
export type RawLine = { line: number; reference: string | null; value: Record<string, unknown>; problems: string[]; failed?: string[] };

const header = (h: string) => h.toLowerCase().replace(/\(.*?\)/g, '').replace(/\s+/g, ' ').trim();

export function parseIntakeCsv(text: string): { ok: true; lines: RawLine[] } | { ok: false; error: string } {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true });
  } catch (err) {
    return { ok: false, error: `the file is not valid CSV: ${(err as Error).message}` };
  }
  if (rows.length < 2) return { ok: false, error: 'the file has no lines under its header' };
  const names = rows[0]!.map(header);
  const column = Object.fromEntries(Object.entries(HEADERS).map(([field, aliases]) => [field, aliases.map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1])) as Record<Field, number>;
  const missing = REQUIRED.filter((f) => column[f] < 0);
  if (missing.length) return { ok: false, error: `the header lacks the column(s) ${missing.map((f) => HEADERS[f][0]).join(', ')}; found: ${rows[0]!.join(', ')}` };

  const lines = rows.slice(1).map((row, i): RawLine => {
    const cell = (f: Field) => (column[f] >= 0 ? (row[column[f]] ?? '').trim() : '');
    const problems: string[] = [];
    const failed: string[] = [];
    const value: Record<string, unknown> = {};
    for (const f of ['tenancyReference', 'name', 'street', 'postalCode', 'city'] as const) value[f] = cell(f);
    for (const f of ['email', 'phone', 'segment'] as const) if (cell(f)) value[f === 'segment' ? 'segmentSuggestion' : f] = cell(f);
    const money = (f: 'arrears' | 'monthlyRent', to: string) => {
      if (!cell(f)) return;
      const cents = parseAmount(cell(f));
      if (cents === null) {
        problems.push(`${HEADERS[f][0]} "${cell(f)}" is not an amount such as 1.234,56`);
        failed.push(to);
      }
      else value[to] = cents;
    };
    money('arrears', 'arrearsCents');
    money('monthlyRent', 'monthlyRentCents');
    if (cell('oldestDueDate')) {
      const day = parseDate(cell('oldestDueDate'));
      if (day === null) {
        problems.push(`oudste_vervaldatum "${cell('oldestDueDate')}" is not a date such as 2026-11-01 or 01-11-2026`);
        failed.push('oldestDueDate');
      }
      else value.oldestDueDate = day;
    }
    const words = cell('signals').toLowerCase().split(/[|+]/).map((w) => w.trim()).filter(Boolean);
    const signals = words.map(signalOf);
    const unknown = words.filter((_, i) => signals[i] === undefined);
    if (unknown.length) problems.push(`signaal "${unknown.join('|')}" is not a risk signal; use ${Object.values(SIGNAL_WORDS).map((w) => w[0]).join(', ')} (several separated by |)`);
    else if (words.length) value.riskSignals = [...new Set(signals)];
    const minors = cell('minors').toLowerCase();
    if (['ja', 'yes', 'j', 'y', 'true', '1'].includes(minors)) value.minorsInHousehold = true;
    else if (['nee', 'no', 'n', 'false', '0'].includes(minors)) value.minorsInHousehold = false;
    else if (minors && !['onbekend', 'unknown', '?'].includes(minors)) problems.push(`minderjarigen "${cell('minors')}" is ja, nee or onbekend`);
    return { line: i + 2, reference: cell('tenancyReference') || null, value, problems, failed };
  });
  return { ok: true, lines };
}
