// The corporation's part of every printed letter, from the configuration (ORG_NAME,
// ORG_RETURN_ADDRESS, ORG_IBAN, ORG_LOGO): checked once at start-up, so a typo in the account
// tenants pay to stops the program instead of going out on paper.
import { readFileSync } from 'node:fs';

export type Letterhead = {
  orgName: string;
  returnAddress: string;
  /** Printed in groups of four, as banks and tenants read it. */
  iban: string;
  /** The logo's PNG bytes, read once. */
  logoPng?: Uint8Array;
};

const compact = (iban: string) => iban.replace(/\s+/g, '').toUpperCase();

/** The shape of an IBAN (country, check digits, account) and its ISO 7064 mod-97 check. */
export function isIban(value: string): boolean {
  const iban = compact(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

export const formatIban = (iban: string) => compact(iban).replace(/(.{4})(?=.)/g, '$1 ');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPngFile(path: string): boolean {
  try {
    return readFileSync(path).subarray(0, 8).equals(PNG_SIGNATURE);
  } catch {
    return false;
  }
}

export function letterheadOf(env: { ORG_NAME: string; ORG_RETURN_ADDRESS: string; ORG_IBAN: string; ORG_LOGO?: string | undefined }): Letterhead {
  return {
    orgName: env.ORG_NAME,
    returnAddress: env.ORG_RETURN_ADDRESS,
    iban: formatIban(env.ORG_IBAN),
    ...(env.ORG_LOGO ? { logoPng: new Uint8Array(readFileSync(env.ORG_LOGO)) } : {}),
  };
}
