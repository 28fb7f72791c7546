// The tenant's personal link: one per message, for that case only. The token is an HMAC of the
// message's key, so a retried send renders the same link and a letter printed later carries the
// link its message had; only the token's SHA-256 is stored. No personal data is in the URL.
// A link lives LINK_DAYS after the case's latest message (each new message renews the case's
// links) and is revoked when the case closes.
import { createHash, createHmac } from 'node:crypto';
import type { Queryable } from '../db/pool.ts';

export const LINK_DAYS = 60;
export const TENANT_PAGE_PATH = '/huurder';

export type TenantLinkSettings = { publicUrl: string; key: Buffer };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function linkToken(key: Buffer, messageKey: string): string {
  return createHmac('sha256', key).update(`tenant-link\0${messageKey}`).digest('base64url');
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

export function tenantLinkUrl(settings: TenantLinkSettings, messageKey: string): string {
  return `${settings.publicUrl.replace(/\/$/, '')}${TENANT_PAGE_PATH}/${linkToken(settings.key, messageKey)}`;
}

/**
 * Records the link of a message (once: a retry finds it) and gives every live link of the case
 * another LINK_DAYS from now. Returns the URL.
 */
export async function issueTenantLink(q: Queryable, settings: TenantLinkSettings, link: { caseId: string; messageKey: string }): Promise<string> {
  const token = linkToken(settings.key, link.messageKey);
  await q.query(
    `INSERT INTO tenant_links (token_hash, case_id, message_key, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))
     ON CONFLICT (message_key) DO NOTHING`,
    [hashOf(token), link.caseId, link.messageKey, LINK_DAYS],
  );
  await q.query(`UPDATE tenant_links SET expires_at = now() + make_interval(days => $2) WHERE case_id = $1 AND revoked_at IS NULL`, [link.caseId, LINK_DAYS]);
  return tenantLinkUrl(settings, link.messageKey);
}

export type LinkLookup = { ok: true; caseId: string } | { ok: false; reason: 'unknown' | 'expired' | 'closed' };

/** What a token opens: its case, or why not (a malformed or tampered token is simply unknown). */
export async function resolveTenantLink(q: Queryable, token: string): Promise<LinkLookup> {
  if (!TOKEN.test(token)) return { ok: false, reason: 'unknown' };
  const found = await q.query<{ case_id: string; expired: boolean; revoked: boolean }>(
    `SELECT case_id, expires_at <= now() AS expired, revoked_at IS NOT NULL AS revoked FROM tenant_links WHERE token_hash = $1`,
    [hashOf(token)],
  );
  const row = found.rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'closed' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, caseId: row.case_id };
}

/** A closed case's links open nothing any more. */
export async function revokeTenantLinks(q: Queryable, caseId: string): Promise<void> {
  await q.query(`UPDATE tenant_links SET revoked_at = now() WHERE case_id = $1 AND revoked_at IS NULL`, [caseId]);
}
