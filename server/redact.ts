// Error texts from outside can quote personal data: an SMTP server's 550 names the mailbox, a
// provider's error body repeats the phone number, a partner's the payload it refused, a
// database error the row it choked on. A payload codec encrypts what a workflow history holds
// in payloads, but not failure messages and stack traces (design-notes, "Search attributes and
// privacy"), and logs keep whatever they are given; so such texts pass through here before they
// reach either. Over-redacting an error text costs little; leaking an address into an
// unencrypted history costs a lot, so the patterns lean wide.

const EMAIL = /[^\s@<>"'`(),;:[\]{}\\]+(?:@|%40)[^\s@<>"'`(),;:[\]{}\\]+/gi;
// A country code, two check digits, then groups of four (spaced or not) and a short tail.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b/g;
// A run of at least 8 digits, optionally with one or two separators between them: a phone
// number (+31 (0)6 1234 5678, 06-12345678), a BSN (123.456.782), an account number. Not when
// it is part of a word or id (a UUID's groups, wamid.12345678) or an ISO date.
const DIGIT_RUN = /(?<![\w.+-])\+?\d(?:[ ().-]{0,2}\d){7,}(?![\w-])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Dutch "elfproef" a BSN passes: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
function isBsn(digits: string): boolean {
  const d = digits.padStart(9, '0');
  if (d.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  return (sum - Number(d[8])) % 11 === 0;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What to take out besides the patterns: values known to be this case's personal data (the
 * tenant's name, address, e-mail, phone, the message's recipient). A multi-word value is also
 * taken out word by word (words of four letters or more), so "De Vries" goes where a provider
 * quotes only part of "Mevrouw De Vries".
 */
function knownPatterns(known: ReadonlyArray<string | null | undefined>): RegExp[] {
  const values = new Set<string>();
  for (const value of known) {
    const v = value?.trim();
    if (!v || v.length < 3) continue;
    values.add(v);
    for (const line of v.split(/\n/)) if (line.trim().length >= 3) values.add(line.trim());
    for (const word of v.split(/[\s,]+/)) if (word.length >= 4) values.add(word);
  }
  // Longest first, so a whole name goes before its words.
  // Whole words only, so a name's word inside an e-mail address or a placeholder stays put.
  return [...values].sort((a, b) => b.length - a.length).map((v) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** The text with e-mail addresses, IBANs, BSNs, phone and other long numbers, and the `known` values replaced by placeholders. */
export function redact(text: string, known: ReadonlyArray<string | null | undefined> = []): string {
  let out = text.replace(EMAIL, '[e-mail]');
  for (const pattern of knownPatterns(known)) out = out.replace(pattern, '[redacted]');
  return out
    .replace(IBAN, '[iban]')
    .replace(DIGIT_RUN, (run) => {
      const digits = run.replace(/\D/g, '');
      if (digits.length < 8 || ISO_DATE.test(run)) return run;
      return !run.startsWith('+') && digits.length <= 9 && isBsn(digits) ? '[bsn]' : '[number]';
    });
}

/**
 * Redacts an error in place (message, stack, and its causes) and returns it, so its class and
 * fields (a TransientDeliveryError, an ApplicationFailure's nonRetryable) stay what they were.
 * Anything thrown that is not an Error becomes one with the redacted text.
 */
export function redactError(err: unknown, known: ReadonlyArray<string | null | undefined> = []): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err), known));
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) {
    e.message = redact(e.message, known);
    if (e.stack) e.stack = redact(e.stack, known);
  }
  return err;
}
