// The light second factor before anything personal: the postcode and house number of the
// tenancy. A right answer gives that link (and only that link) a verified cookie for
// VERIFIED_MINUTES, signed with the link key: nothing is stored, and a cookie from one link
// opens no other. Wrong answers are counted (limits.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VERIFIED_COOKIE = 'huurder_ok';
export const VERIFIED_MINUTES = 30;

const normalPostcode = (p: string) => p.replace(/\s+/g, '').toUpperCase();

/** The house number of a street line ("Kerkstraat 12a" → "12"; "1e Jacobstraat 5-II" → "5"): its last number. */
export function houseNumberOf(street: string): string | null {
  const numbers = street.match(/\d+/g);
  return numbers ? String(Number(numbers[numbers.length - 1])) : null;
}

export function matchesAddress(given: { postcode: string; houseNumber: string }, known: { postalCode: string; street: string }): boolean {
  const number = /\d+/.exec(given.houseNumber)?.[0];
  return normalPostcode(given.postcode) === normalPostcode(known.postalCode) && number !== undefined && String(Number(number)) === houseNumberOf(known.street);
}

const signature = (key: Buffer, token: string, expires: number) => createHmac('sha256', key).update(`verified\0${token}\0${expires}`).digest('base64url');

export function verifiedCookie(key: Buffer, token: string, nowMs: number): string {
  const expires = nowMs + VERIFIED_MINUTES * 60_000;
  return `${expires}.${signature(key, token, expires)}`;
}

export function isVerified(key: Buffer, token: string, cookie: string | undefined, nowMs: number): boolean {
  const [expires, sig] = (cookie ?? '').split('.');
  const until = Number(expires);
  if (!sig || !Number.isSafeInteger(until) || until <= nowMs) return false;
  const expected = Buffer.from(signature(key, token, until));
  const actual = Buffer.from(sig);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
