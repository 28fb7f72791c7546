// Identifiers a person types or the engine builds: one pattern for all of them, so the
// designer, the API and the workflow accept and refuse the same strings.
import { z } from 'zod';

/** Lowercase letters, digits and dashes, starting with a letter or digit. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
export const SLUG_MAX = 64;

export const isSlug = (value: string): boolean => SLUG.test(value) && value.length <= SLUG_MAX;

/** A slug schema whose messages name what the value is ("a step id", "an outcome id"). */
export function slugSchema(what: string, max = SLUG_MAX, required = `${what} is required`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? required : `${what} must be text`) })
    // abort: an empty value gets "required", not also a message about its letters.
    .min(1, { error: required, abort: true })
    .max(max, `${what} is at most ${max} characters`)
    .regex(SLUG, `${what} uses lowercase letters, digits and dashes`);
}

/** Turns a name into a slug ("Bel de huurder!" → "bel-de-huurder"); empty when nothing is left. */
export function slugify(name: string, max = SLUG_MAX): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
