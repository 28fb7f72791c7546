// Hints toward plain Dutch (taalniveau B1) for message templates: sentences that run long,
// words that are long, and officialese from a short list with a plainer word for each.
// Hints, not rules: a policy owner decides; some long words ("betalingsregeling") are fine.

export const B1_MAX_SENTENCE_WORDS = 15;
export const B1_MAX_WORD_LETTERS = 16;

/** Officialese that makes letters to stressed tenants harder to read, with what to say instead. */
export const jargon: ReadonlyArray<{ words: string[]; instead: string }> = [
  { words: ['indien'], instead: 'als' },
  { words: ['teneinde'], instead: 'om' },
  { words: ['derhalve', 'dientengevolge'], instead: 'daarom' },
  { words: ['middels'], instead: 'met' },
  { words: ['conform'], instead: 'volgens' },
  { words: ['reeds'], instead: 'al' },
  { words: ['thans'], instead: 'nu' },
  { words: ['alsnog'], instead: 'toch nog' },
  { words: ['onverwijld', 'per omgaande'], instead: 'meteen' },
  { words: ['gelieve'], instead: 'wilt u' },
  { words: ['dient u', 'dient te'], instead: 'moet u' },
  { words: ['voldoen', 'voldaan', 'voldoening'], instead: 'betalen' },
  { words: ['verschuldigd', 'verschuldigde'], instead: 'het bedrag dat u moet betalen' },
  { words: ['achterstallig', 'achterstallige'], instead: 'nog niet betaald' },
  { words: ['openstaand saldo'], instead: 'het bedrag dat nog open staat' },
  { words: ['ingebrekestelling', 'in gebreke'], instead: 'laatste waarschuwing' },
  { words: ['sommatie', 'sommeren'], instead: 'dringend verzoek om te betalen' },
  { words: ['vordering'], instead: 'het bedrag dat u ons nog moet betalen' },
  { words: ['crediteur', 'debiteur'], instead: 'wij / u' },
  { words: ['verzuim'], instead: 'te laat' },
  { words: ['ten behoeve van'], instead: 'voor' },
  { words: ['in het kader van'], instead: 'bij' },
  { words: ['bovengenoemde', 'bovenvermelde', 'voornoemde'], instead: 'deze' },
  { words: ['navolgende'], instead: 'volgende' },
  { words: ['ontvangstbevestiging'], instead: 'bevestiging' },
  { words: ['zulks'], instead: 'dat' },
  { words: ['aanmaning'], instead: 'herinnering' },
];

export type PlainLanguageHint =
  | { kind: 'long-sentence'; sentence: string; words: number }
  | { kind: 'long-word'; word: string }
  | { kind: 'jargon'; word: string; instead: string };

export type PlainLanguageReport = {
  sentences: number;
  words: number;
  averageSentenceWords: number;
  hints: PlainLanguageHint[];
};

const PLACEHOLDER = /\{\{\s*[a-zA-Z]+\s*\}\}/g;
const URL = /\bhttps?:\/\/\S+/g;

function sentencesOf(text: string): string[] {
  return text
    .replace(PLACEHOLDER, 'X')
    .replace(URL, 'X')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-zA-ZÀ-ÿ]/.test(s));
}

function wordsOf(sentence: string): string[] {
  return sentence.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

export function plainLanguageReport(text: string): PlainLanguageReport {
  const sentences = sentencesOf(text);
  const hints: PlainLanguageHint[] = [];
  let words = 0;
  const longWords = new Set<string>();
  for (const sentence of sentences) {
    const w = wordsOf(sentence);
    words += w.length;
    // A greeting line or a signature is not a sentence to shorten.
    if (w.length > B1_MAX_SENTENCE_WORDS) hints.push({ kind: 'long-sentence', sentence, words: w.length });
    for (const word of w) {
      if (/^\p{L}+$/u.test(word) && word.length > B1_MAX_WORD_LETTERS) longWords.add(word.toLowerCase());
    }
  }
  for (const word of longWords) hints.push({ kind: 'long-word', word });
  const lower = ` ${text.replace(PLACEHOLDER, ' ').toLowerCase().replace(/[^\p{L}\s]+/gu, ' ').replace(/\s+/g, ' ')} `;
  for (const entry of jargon) {
    for (const word of entry.words) if (lower.includes(` ${word} `)) hints.push({ kind: 'jargon', word, instead: entry.instead });
  }
  return {
    sentences: sentences.length,
    words,
    averageSentenceWords: sentences.length ? Math.round((words / sentences.length) * 10) / 10 : 0,
    hints,
  };
}
