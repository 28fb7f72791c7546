// Business-time durations. Definitions say "P14D"; policy owners type "14 dagen" or
// "5 werkdagen". Everything here is pure so the workflow sandbox can use it: dates are
// milliseconds since the epoch and calendar arithmetic happens in UTC.
import { amsterdamDate, isDutchWorkingDay } from './calendar.ts';

export type DurationParts = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

const ISO = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): DurationParts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function isIsoDuration(text: string): boolean {
  return parseDuration(text) !== null;
}

const DAY = 86_400_000;

/** The shortest real length a duration can have, in days (a month counts as 28 days). */
export function minimumDays(text: string): number {
  const d = parseDuration(text);
  if (!d) return 0;
  return d.years * 365 + d.months * 28 + d.weeks * 7 + d.days + d.hours / 24 + d.minutes / 1440 + d.seconds / 86400;
}

function addMonthsUtc(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

function isWeekend(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Which days a working-day duration counts. `dutch`: Dutch working days (Monday to Friday
 * but no public holiday) by the Amsterdam date. `weekdays`: Monday to Friday by the UTC date,
 * as working days were counted before holidays were known; cases whose history already
 * computed a deadline that way keep it (workflows/case-state.ts).
 */
export type WorkingCalendar = 'dutch' | 'weekdays';

const countsAsWorkingDay = (ms: number, calendar: WorkingCalendar) => (calendar === 'dutch' ? isDutchWorkingDay(amsterdamDate(ms).day) : !isWeekend(ms));

/**
 * Adds a business duration to a calendar moment. With `workingDays`, the day part counts
 * working days only (see WorkingCalendar).
 */
export function addDuration(fromMs: number, text: string, workingDays = false, calendar: WorkingCalendar = 'dutch'): number {
  const d = parseDuration(text);
  if (!d) throw new Error(`"${text}" is not an ISO-8601 duration`);
  let t = addMonthsUtc(fromMs, d.years * 12 + d.months);
  const days = d.weeks * 7 + d.days;
  if (workingDays) {
    let left = days;
    while (left > 0) {
      t += DAY;
      if (countsAsWorkingDay(t, calendar)) left--;
    }
  } else {
    t += days * DAY;
  }
  return t + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

// --- The human form ("7 dagen", "5 werkdagen", "2 weeks") -------------------------------

const UNITS: Array<{ words: string[]; part: keyof DurationParts; working?: boolean }> = [
  { words: ['werkdag', 'werkdagen', 'working day', 'working days', 'business day', 'business days'], part: 'days', working: true },
  { words: ['dag', 'dagen', 'day', 'days', 'd'], part: 'days' },
  { words: ['week', 'weken', 'weeks', 'w'], part: 'weeks' },
  { words: ['maand', 'maanden', 'month', 'months'], part: 'months' },
  { words: ['jaar', 'jaren', 'year', 'years'], part: 'years' },
  { words: ['uur', 'uren', 'hour', 'hours', 'u', 'h'], part: 'hours' },
  { words: ['minuut', 'minuten', 'minute', 'minutes', 'min'], part: 'minutes' },
];

export type HumanDuration = { iso: string; workingDays: boolean };

/** Parses "7 dagen", "5 werkdagen", "1 maand", "2 weken en 3 dagen"; also accepts ISO. */
export function parseHumanDuration(input: string): HumanDuration | { error: string } {
  const text = input.trim().toLowerCase();
  if (text === '') return { error: 'Vul een duur in, bijvoorbeeld "7 dagen".' };
  if (isIsoDuration(text.toUpperCase())) return { iso: text.toUpperCase(), workingDays: false };
  const parts: DurationParts = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  let working = false;
  let plain = false;
  const pieces = text.split(/\s*(?:,|\ben\b|\band\b|\+)\s*/).filter(Boolean);
  for (const piece of pieces) {
    const m = /^(\d+)\s*([a-z ]+)$/.exec(piece);
    if (!m) return { error: `"${piece}" is geen duur; schrijf bijvoorbeeld "7 dagen" of "5 werkdagen".` };
    const unit = UNITS.find((u) => u.words.includes(m[2]!.trim()));
    if (!unit) return { error: `Onbekende eenheid "${m[2]}"; gebruik dagen, werkdagen, weken, maanden of uren.` };
    if (unit.working) working = true;
    else if (unit.part === 'days') plain = true;
    parts[unit.part] += Number(m[1]);
  }
  if (working && plain) return { error: 'Combineer werkdagen niet met gewone dagen.' };
  const iso = formatIso(parts);
  if (iso === 'PT0S') return { error: 'Een duur moet langer zijn dan nul.' };
  return { iso, workingDays: working };
}

function formatIso(d: DurationParts): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

const NAMES: Record<keyof DurationParts, { nl: [string, string]; en: [string, string] }> = {
  years: { nl: ['jaar', 'jaar'], en: ['year', 'years'] },
  months: { nl: ['maand', 'maanden'], en: ['month', 'months'] },
  weeks: { nl: ['week', 'weken'], en: ['week', 'weeks'] },
  days: { nl: ['dag', 'dagen'], en: ['day', 'days'] },
  hours: { nl: ['uur', 'uur'], en: ['hour', 'hours'] },
  minutes: { nl: ['minuut', 'minuten'], en: ['minute', 'minutes'] },
  seconds: { nl: ['seconde', 'seconden'], en: ['second', 'seconds'] },
};

/** "P14D" → "14 dagen"; with workingDays, "5 werkdagen". */
export function formatDuration(text: string, workingDays = false, lang: 'nl' | 'en' = 'nl'): string {
  const d = parseDuration(text);
  if (!d) return text;
  const out: string[] = [];
  for (const key of Object.keys(NAMES) as Array<keyof DurationParts>) {
    const n = d[key];
    if (!n) continue;
    if (key === 'days' && workingDays) out.push(`${n} ${lang === 'nl' ? (n === 1 ? 'werkdag' : 'werkdagen') : n === 1 ? 'working day' : 'working days'}`);
    else out.push(`${n} ${NAMES[key][lang][n === 1 ? 0 : 1]}`);
  }
  return out.join(lang === 'nl' ? ' en ' : ' and ') || (lang === 'nl' ? 'geen' : 'none');
}

/**
 * Midnight UTC of a YYYY-MM-DD date, or null when that day does not exist. Date.parse rolls
 * 30 February over to 2 March; a payment plan or a judgment must not accept it.
 */
export function calendarDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}
