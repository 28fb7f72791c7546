// One entry for every statement format: the file says what it is (statement.ts detectFormat).
import { parseCamt053 } from './camt053.ts';
import { parseBankCsv } from './csv.ts';
import { parseMt940 } from './mt940.ts';
import { detectFormat, type ParsedStatement } from './statement.ts';

export { formatNames, type BankLine, type ParsedStatement, type StatementFormat } from './statement.ts';

export function parseStatement(text: string): ParsedStatement {
  const format = detectFormat(text);
  return format === 'camt053' ? parseCamt053(text) : format === 'mt940' ? parseMt940(text) : parseBankCsv(text);
}
