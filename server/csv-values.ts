// Values as spreadsheets and bank or ledger exports write them: amounts and dates, Dutch or
// English style. Shared by the bank statement CSV and the rent ledger's arrears list.

/** Cents of an amount as Dutch and English files write it: 1.234,56 or 1,234.56 or 1234.56 (with or without €). */
export function parseAmount(raw: string): number | null {
  const text = raw.trim().replace(/^€\s*/, '');
  // 1.234,56 (Dutch) or 1,234.56 (English) or plain.
  const normalized = /,\d{1,2}$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(normalized)) return null;
  return Math.round(Number(normalized) * 100);
}

/** A calendar day written YYYY-MM-DD, DD-MM-YYYY (or with / or .) or YYYYMMDD, as YYYY-MM-DD; null when it is none. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  if (/^\d{8}$/.test(text)) iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
