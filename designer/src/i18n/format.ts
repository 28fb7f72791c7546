// Money, numbers, dates and catalog labels the way the reader's language writes them, for
// every page (staff, ops, designer): one module, so "1 januari 2027" and "€ 1.234,56" read
// the same everywhere. Amounts are cents; dates of case events are business times (ISO).
import { contactPreferenceLabels, type ContactPreference } from '../../../definition/contact-preference.ts';
import { bailiffPurposes, caseOutcomes, riskSignals, channels, engineTaskKinds, messagePurposes, partners, roles, segments, taskKinds, type Label } from '../../../definition/catalog.ts';
import { stepKindLabels } from '../../../definition/describe.ts';
import { currentLanguage } from './index.ts';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

export const euro = (cents: number | null | undefined, digits = 2) =>
  cents === null || cents === undefined
    ? '—'
    : new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100);
export const number = (n: number, digits = 0) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);

const asDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

export const date = (iso: string | null | undefined) =>
  iso ? asDate(iso).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : undefined }) : '—';
export const dateTime = (iso: string | null | undefined) =>
  iso ? asDate(iso).toLocaleString(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';
export const longDate = (ms: number) => new Date(ms).toLocaleDateString(locale(), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A week's first day on a chart's axis: "7 dec". */
export const weekLabel = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A date N days from today, as YYYY-MM-DD (for a review date's default). */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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

/** Cents as the text of an amount field: 7500 → "75,00" (nl) or "75.00" (en); negative amounts keep their sign. */
export const euroInput = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', currentLanguage() === 'en' ? '.' : ',');

function label(vocabulary: { labels: Record<string, Label> }, id: string | null | undefined): string {
  if (!id) return '—';
  return vocabulary.labels[id]?.[currentLanguage()] ?? id;
}

export const roleLabel = (id: string | null | undefined) => label(roles, id);
export const taskKindLabel = (id: string) => (id in engineTaskKinds.labels ? label(engineTaskKinds, id) : label(taskKinds, id));
export const channelLabel = (id: string) => label(channels, id);
export const contactPreferenceLabel = (id: string) => contactPreferenceLabels[id as ContactPreference]?.[currentLanguage()] ?? id;
export const purposeLabel = (id: string) => label(messagePurposes, id);
export const partnerLabel = (id: string) => label(partners, id);
export const bailiffPurposeLabel = (id: string) => label(bailiffPurposes, id);
export const caseOutcomeLabel = (id: string | null) => label(caseOutcomes, id);
export const segmentLabel = (id: string | null) => label(segments, id);
export const riskSignalLabel = (id: string | null) => label(riskSignals, id);
export const stepKindLabel = (kind: string) => (stepKindLabels as Record<string, Label>)[kind]?.[currentLanguage()] ?? kind;
