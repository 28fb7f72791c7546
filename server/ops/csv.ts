// CSV export of the filtered case list. For the roles that work cases it holds tenant names, so
// the export is audited like a list read (one row naming every case it contained); for ops
// alone it leaves the names out (need-to-know: ops sees a name only by opening the case). Dutch files use ; and a decimal comma
// (what Excel expects with Dutch settings), English ones , and a point; a UTF-8 BOM makes
// Excel read the accents right. Cells that a spreadsheet would run as a formula are defused.
import { hasAnyRole, nameReaders } from '../../definition/access.ts';
import type { Actor } from '../../workflows/messages.ts';
import { auditListRead } from '../audit/log.ts';
import type { CaseRow } from '../cases/repository.ts';
import { listCases } from '../cases/repository.ts';
import type { ListCases } from '../cases/schemas.ts';
import type { Db } from '../db/pool.ts';
import { invalid } from '../errors.ts';
import { caseScopeOf } from '../teams/scope.ts';

export const MAX_EXPORT = 20_000;
const PAGE = 1000;

type Lang = 'nl' | 'en';

const columns: Array<{ nl: string; en: string; value: (c: CaseRow, money: (cents: number) => string) => string | number | null }> = [
  { nl: 'referentie', en: 'reference', value: (c) => c.tenancyReference },
  { nl: 'huurder', en: 'tenant', value: (c) => c.tenantName },
  { nl: 'status', en: 'status', value: (c) => c.status },
  { nl: 'stap', en: 'step', value: (c) => c.currentStep },
  { nl: 'stapnaam', en: 'step name', value: (c) => c.currentStepName },
  { nl: 'wacht op', en: 'waiting on', value: (c) => c.waitingOn },
  { nl: 'proces', en: 'process', value: (c) => c.definitionId },
  { nl: 'versie', en: 'version', value: (c) => c.definitionVersion },
  { nl: 'saldo (EUR)', en: 'balance (EUR)', value: (c, money) => money(c.balanceCents) },
  { nl: 'achterstand bij opening (EUR)', en: 'arrears at opening (EUR)', value: (c, money) => money(c.arrearsCents) },
  { nl: 'vervaldatum', en: 'due date', value: (c) => c.dueDate },
  { nl: 'dagen achterstallig', en: 'days overdue', value: (c) => c.daysOverdue },
  { nl: 'segment', en: 'segment', value: (c) => c.segmentSuggestion },
  { nl: 'herbeoordeling pauze', en: 'pause review date', value: (c) => c.pauseReviewDate },
  { nl: 'geopend', en: 'opened', value: (c) => c.openedAt },
  { nl: 'uitkomst', en: 'outcome', value: (c) => c.outcome },
  { nl: 'gesloten', en: 'closed', value: (c) => c.closedAt },
  { nl: 'zaak-id', en: 'case id', value: (c) => c.id },
];

export function cell(v: string | number | null, sep: string): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // A leading = + - @ makes a spreadsheet run the cell; amounts (-12,50) are left as they are.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
  return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The filtered case list (of the reader's teams' areas) as CSV; with names, recorded as a list read of every case in it. */
export async function exportCases(pool: Db, filter: Omit<ListCases, 'limit' | 'offset'>, lang: Lang, actor: Actor): Promise<string> {
  const names = hasAnyRole(actor.roles, nameReaders);
  const reader = { scope: await caseScopeOf(pool, actor.userId), names };
  const first = await listCases(pool, { ...filter, limit: PAGE, offset: 0 }, reader);
  if (first.total > MAX_EXPORT) {
    const message = `the filter matches ${first.total} cases; an export holds at most ${MAX_EXPORT}: narrow the filter`;
    throw invalid(message, [{ field: 'query', message }]);
  }
  const rows = [...first.cases];
  for (let offset = PAGE; offset < first.total; offset += PAGE) rows.push(...(await listCases(pool, { ...filter, limit: PAGE, offset }, reader)).cases);
  const sep = lang === 'nl' ? ';' : ',';
  const money = (cents: number) => {
    const s = (cents / 100).toFixed(2);
    return lang === 'nl' ? s.replace('.', ',') : s;
  };
  const shown = names ? columns : columns.filter((c) => c.en !== 'tenant');
  const lines = [shown.map((c) => cell(c[lang], sep)).join(sep), ...rows.map((r) => shown.map((c) => cell(c.value(r, money), sep)).join(sep))];
  if (names) await auditListRead(pool, actor.userId, 'ops-case-export', rows.map((r) => r.id), { filter });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
