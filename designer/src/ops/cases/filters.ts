// The case search's filters live in the URL (a search can be bookmarked and shared); amounts
// are typed in euros and sent in cents.
import type { CaseFilter } from '../api.ts';

export const filterKeys = ['q', 'status', 'definitionId', 'version', 'step', 'segment', 'paused', 'waitingOn', 'minBalanceCents', 'maxBalanceCents', 'minDaysOverdue', 'maxDaysOverdue', 'sort', 'order'] as const;

export function filterFrom(params: URLSearchParams): CaseFilter {
  const f: CaseFilter = {};
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v !== null && v !== '') f[k] = v;
  }
  if (!f.status) f.status = 'open';
  return f;
}

export function paramsFrom(filter: CaseFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of filterKeys) {
    const v = filter[k];
    if (v !== undefined && v !== '') p.set(k, v);
  }
  return p;
}

/** "812,50" or "812.50" → "81250"; empty stays empty; anything else is null (not a number). */
export function euroToCents(text: string): string | null {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return '';
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  const n = Number(normalised);
  return Number.isFinite(n) && n >= 0 ? String(Math.round(n * 100)) : null;
}

export const centsToEuro = (cents: string | undefined) => (cents ? String(Number(cents) / 100) : '');
