// A new password must not be one an attacker tries early (ASVS 6.2): at least 10 characters and
// a zxcvbn score of 3 of 4 (zxcvbn-ts knows ~40,000 common and breached passwords, names, words,
// keyboard walks, dates and l33t), judged with the person's own name and the organisation's
// words as things an attacker would try first. Checked offline: no password leaves the server.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });

export const MIN_PASSWORD_LENGTH = 10;
const MIN_SCORE = 3;
/** Words of this product and its users an attacker guesses with (Dutch, which the dictionaries lack). */
const LOCAL_WORDS = ['wachtwoord', 'welkom', 'huur', 'huurder', 'incasso', 'huurincasso', 'woning', 'woningcorporatie', 'corporatie', 'zomer', 'winter', 'lente', 'herfst', 'geheim', 'beheerder', 'demo'];

/** Why a password is too weak, or null when it will do. */
export function passwordWeakness(password: string, personal: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password has at least ${MIN_PASSWORD_LENGTH} characters`;
  const result = zxcvbn.check(password, [...LOCAL_WORDS, ...personal.flatMap((p) => p.toLowerCase().split(/[\s._-]+/)).filter((w) => w.length > 2)]);
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `this password is too easy to guess${hint ? ` (${hint.replace(/\.$/, '').toLowerCase()})` : ''}; use a longer phrase of unrelated words`;
}
