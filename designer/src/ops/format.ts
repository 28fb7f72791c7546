// Numbers, money and dates the way the reader's language writes them.
import { currentLanguage } from '../i18n/index.ts';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');

export const euro = (cents: number, digits = 2) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100);
export const number = (n: number, digits = 0) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
export const dateOnly = (iso: string | null | undefined) => (iso ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString(locale(), { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined }) : '—');
export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }) : '—');
export const weekLabel = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A date N days from today, as YYYY-MM-DD (for a review date's default). */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
