// The analytics tables as CSV, in the ops export's dialect (ops/csv.ts): Dutch files with ; and
// a decimal comma, English ones with , and a point, a BOM for Excel. Every share comes as a
// percentage with its count and interval bounds, and the "too few" mark travels with it, so a
// spreadsheet cannot lose the warning that the screen shows.
import { cell } from '../ops/csv.ts';
import type { Comparison } from './comparison.ts';
import type { Difference, Rate } from './intervals.ts';
import type { Outcomes } from './outcomes.ts';

type Lang = 'nl' | 'en';
type Column<T> = { nl: string; en: string; value: (row: T) => string | number | null };

const words = { tooFew: { nl: 'te weinig', en: 'too few' } } as const;

function render<T>(columns: Array<Column<T>>, rows: T[], lang: Lang): string {
  const sep = lang === 'nl' ? ';' : ',';
  const lines = [columns.map((c) => cell(c[lang], sep)).join(sep), ...rows.map((r) => columns.map((c) => cell(c.value(r), sep)).join(sep))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const decimal = (v: number | null, lang: Lang, digits = 1) => (v === null ? null : lang === 'nl' ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits));
const percent = (v: number | null, lang: Lang) => decimal(v === null ? null : v * 100, lang);

/** A share as four columns: %, low %, high %, n; prefixed with the figure's name in both languages. */
function rateColumns<T>(nl: string, en: string, pick: (row: T) => Rate | null, lang: Lang): Array<Column<T>> {
  return [
    { nl: `${nl} %`, en: `${en} %`, value: (r) => percent(pick(r)?.rate ?? null, lang) },
    { nl: `${nl} ondergrens %`, en: `${en} low %`, value: (r) => percent(pick(r)?.low ?? null, lang) },
    { nl: `${nl} bovengrens %`, en: `${en} high %`, value: (r) => percent(pick(r)?.high ?? null, lang) },
    { nl: `${nl} n`, en: `${en} n`, value: (r) => pick(r)?.n ?? null },
  ];
}

type Step = Outcomes['steps'][number];
type Channel = Outcomes['channels'][number];
type Band = Outcomes['arrangements']['byLength'][number] & { by: 'length' | 'amount' };
type ComparedStep = Comparison['steps'][number];

export function stepsCsv(o: Outcomes, lang: Lang): string {
  const windows = [7, 14, 30] as const;
  const figures = [
    { key: 'paidInFull', nl: 'volledig betaald', en: 'paid in full' },
    { key: 'arrangement', nl: 'regeling', en: 'arrangement' },
    { key: 'contact', nl: 'contact', en: 'contact' },
  ] as const;
  const columns: Array<Column<Step>> = [
    { nl: 'stap', en: 'step', value: (s) => s.stepId },
    { nl: 'stapnaam', en: 'step name', value: (s) => s.name },
    { nl: 'gepasseerd', en: 'passed', value: (s) => s.passed },
    ...figures.flatMap((f) => windows.flatMap((d) => rateColumns<Step>(`${f.nl} ${d} d`, `${f.en} ${d} d`, (s) => s[f.key][`d${d}`], lang))),
    { nl: 'mediaan dagen tot betaling', en: 'median days to payment', value: (s) => decimal(s.medianDaysToPayment, lang) },
    { nl: 'rang', en: 'rank', value: (s) => s.rank },
    { nl: 'te weinig zaken', en: 'too few cases', value: (s) => (s.tooFew ? words.tooFew[lang] : null) },
  ];
  return render(columns, o.steps, lang);
}

export function channelsCsv(o: Outcomes, lang: Lang): string {
  const columns: Array<Column<Channel>> = [
    { nl: 'kanaal', en: 'channel', value: (c) => c.channel },
    { nl: 'verstuurd of gedaan', en: 'sent or made', value: (c) => c.sent },
    { nl: 'reactie', en: 'response', value: (c) => c.response.k },
    ...rateColumns<Channel>('reactie', 'response', (c) => c.response, lang),
    { nl: 'rang', en: 'rank', value: (c) => c.rank },
    { nl: 'te weinig zaken', en: 'too few cases', value: (c) => (c.response.tooFew ? words.tooFew[lang] : null) },
  ];
  return render(columns, o.channels, lang);
}

export function arrangementsCsv(o: Outcomes, lang: Lang): string {
  const rows: Band[] = [...o.arrangements.byLength.map((b) => ({ ...b, by: 'length' as const })), ...o.arrangements.byAmount.map((b) => ({ ...b, by: 'amount' as const }))];
  const bound = (b: Band, v: number | null) => (v === null ? null : b.by === 'amount' ? decimal(v / 100, lang, 2) : v);
  const columns: Array<Column<Band>> = [
    { nl: 'naar', en: 'by', value: (b) => (b.by === 'length' ? (lang === 'nl' ? 'termijnen' : 'instalments') : lang === 'nl' ? 'bedrag (EUR)' : 'amount (EUR)') },
    { nl: 'vanaf', en: 'from', value: (b) => bound(b, b.from) },
    { nl: 'tot', en: 'to', value: (b) => bound(b, b.to) },
    { nl: 'nagekomen', en: 'kept', value: (b) => b.kept },
    { nl: 'verbroken', en: 'broken', value: (b) => b.broken },
    { nl: 'anders beëindigd', en: 'ended otherwise', value: (b) => b.other },
    ...rateColumns<Band>('nagekomen', 'kept', (b) => b.keptRate, lang),
    { nl: 'te weinig zaken', en: 'too few cases', value: (b) => (b.keptRate.tooFew ? words.tooFew[lang] : null) },
  ];
  return render(columns, rows, lang);
}

export function comparisonCsv(c: Comparison, lang: Lang): string {
  type Row = { what: string; name: string; a: Rate | null; b: Rate | null; difference: Difference | null };
  const rows: Row[] = [
    ...c.overall.map((m) => ({ what: lang === 'nl' ? 'totaal' : 'overall', name: m.metric, a: m.a, b: m.b, difference: m.difference })),
    ...c.steps.map((s: ComparedStep) => ({ what: s.stepId, name: s.name, a: s.a, b: s.b, difference: s.difference })),
  ];
  const columns: Array<Column<Row>> = [
    { nl: 'stap of totaal', en: 'step or overall', value: (r) => r.what },
    { nl: 'figuur of stapnaam', en: 'figure or step name', value: (r) => r.name },
    ...rateColumns<Row>(`versie ${c.versions.a}`, `version ${c.versions.a}`, (r) => r.a, lang),
    ...rateColumns<Row>(`versie ${c.versions.b}`, `version ${c.versions.b}`, (r) => r.b, lang),
    { nl: 'verschil (B−A) %-punt', en: 'difference (B−A) pp', value: (r) => percent(r.difference?.estimate ?? null, lang) },
    { nl: 'verschil ondergrens', en: 'difference low', value: (r) => percent(r.difference?.low ?? null, lang) },
    { nl: 'verschil bovengrens', en: 'difference high', value: (r) => percent(r.difference?.high ?? null, lang) },
    { nl: 'oordeel', en: 'verdict', value: (r) => r.difference?.verdict ?? null },
    { nl: 'te weinig zaken', en: 'too few cases', value: (r) => (r.difference?.tooFew !== false ? words.tooFew[lang] : null) },
  ];
  return render(columns, rows, lang);
}

export const csvOf = { steps: stepsCsv, channels: channelsCsv, arrangements: arrangementsCsv };
export const fileStamp = () => new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
