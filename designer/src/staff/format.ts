// Money, dates and catalog labels the way the reader's language writes them. Amounts are
// cents everywhere; dates of case events are business times (ISO).
import { bailiffPurposes, caseOutcomes, channels, engineTaskKinds, messagePurposes, partners, roles, segments, taskKinds, type Label } from '../../../definition/catalog.ts';
import { stepKindLabels } from '../../../definition/describe.ts';
import { currentLanguage } from '../i18n/index.ts';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

export const euro = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100);

const asDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

export const date = (iso: string | null | undefined) =>
  iso ? asDate(iso).toLocaleDateString(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : undefined }) : '—';
export const dateTime = (iso: string | null | undefined) =>
  iso ? asDate(iso).toLocaleString(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';
export const longDate = (ms: number) => new Date(ms).toLocaleDateString(locale(), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Whole days from `nowIso` until `iso` (negative when past). */
export const daysUntil = (iso: string, nowIso: string) => Math.floor((Date.parse(iso) - Date.parse(nowIso)) / 86_400_000);

/** "1.234,56", "1234.56", "€ 75" → cents; null when it is not an amount. */
export function parseEuro(text: string): number | null {
  let t = text.replace(/[€\s]/g, '');
  if (t === '') return null;
  if (/,\d{1,2}$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  else t = t.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Cents as the text of an amount field: 7500 → "75,00" (nl) or "75.00" (en). */
export const euroInput = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', currentLanguage() === 'en' ? '.' : ',');

function label(vocabulary: { labels: Record<string, Label> }, id: string | null | undefined): string {
  if (!id) return '—';
  return vocabulary.labels[id]?.[currentLanguage()] ?? id;
}

export const roleLabel = (id: string | null | undefined) => label(roles, id);
export const taskKindLabel = (id: string) => (id in engineTaskKinds.labels ? label(engineTaskKinds, id) : label(taskKinds, id));
export const channelLabel = (id: string) => label(channels, id);
export const purposeLabel = (id: string) => label(messagePurposes, id);
export const partnerLabel = (id: string) => label(partners, id);
export const bailiffPurposeLabel = (id: string) => label(bailiffPurposes, id);
export const caseOutcomeLabel = (id: string | null) => label(caseOutcomes, id);
export const segmentLabel = (id: string | null) => label(segments, id);
export const stepKindLabel = (kind: string) => (stepKindLabels as Record<string, Label>)[kind]?.[currentLanguage()] ?? kind;
