// The second factor at sign-in: a time-based code (TOTP, RFC 6238) from an authenticator app,
// by otplib. Setting it up takes a code from the app (so a mistyped secret cannot lock anyone
// out); a code is accepted once, up to 30 seconds off either way (a phone's clock drifts).
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { audit } from '../audit/repository.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict, invalidField } from '../errors.ts';
import type { User } from './schemas.ts';

const ISSUER = 'Huurincasso';
const TOLERANCE_SECONDS = 30;

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** A new secret for the user's app, waiting for its first code; one set up before stays until then. */
export async function startEnrolment(q: Queryable, user: User): Promise<Enrolment> {
  const secret = generateSecret();
  await q.query(`UPDATE users SET totp_pending = $2 WHERE id = $1`, [user.id, secret]);
  const uri = generateURI({ issuer: ISSUER, label: user.username, secret });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

/** Confirms the waiting secret with a code from the app; from then on sign-in asks for a code. */
export async function finishEnrolment(q: Queryable, user: User, code: string): Promise<void> {
  const row = await q.query<{ totp_pending: string | null }>(`SELECT totp_pending FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
  const secret = row.rows[0]?.totp_pending;
  if (!secret) throw conflict('there is no second factor being set up; start again');
  const step = await matchingStep(secret, code, undefined);
  if (step === null) throw invalidField('body.code', 'the code does not match; check that the app shows the account just added and that the phone\'s time is right');
  await q.query(`UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2 WHERE id = $1`, [user.id, step]);
  await audit(q, { actor: user.id, action: user.secondFactor ? 'auth.second-factor-replaced' : 'auth.second-factor-on', entity: 'user', entityId: user.id });
}

/** Removes the second factor (the user's own choice, or an admin's for a lost phone). */
export async function removeSecondFactor(q: Queryable, userId: string, by: string): Promise<void> {
  await q.query(`UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = $1`, [userId]);
  await audit(q, { actor: by, action: 'auth.second-factor-off', entity: 'user', entityId: userId });
}

/** Whether a code is right for the user's second factor and not used before; using it spends it. */
export async function spendCode(q: Queryable, userId: string, code: string): Promise<boolean> {
  const row = await q.query<{ totp_secret: string | null; totp_last_step: string | null }>(`SELECT totp_secret, totp_last_step FROM users WHERE id = $1`, [userId]);
  const secret = row.rows[0]?.totp_secret;
  if (!secret) return false;
  const last = row.rows[0]!.totp_last_step;
  const step = await matchingStep(secret, code, last === null ? undefined : Number(last));
  if (step === null) return false;
  // Spent atomically: of two sign-ins with one code at once, one wins.
  const spent = await q.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [userId, step]);
  return (spent.rowCount ?? 0) > 0;
}

async function matchingStep(secret: string, token: string, afterTimeStep: number | undefined): Promise<number | null> {
  const result = await verify({ secret, token, epochTolerance: TOLERANCE_SECONDS, ...(afterTimeStep === undefined ? {} : { afterTimeStep }) }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}
