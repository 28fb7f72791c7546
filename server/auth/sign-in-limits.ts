// Guessing passwords is slowed down and stopped (ASVS 6.3.1): failed sign-ins are counted per
// account and per network address in PostgreSQL (rate-limiter-flexible's store, shared by every
// API process). The 10th failure on an account within a day locks it for 15 minutes; the 50th
// from one address within an hour blocks that address for an hour. While locked, the password
// is not even checked, so a locked answer tells nothing about it. A successful sign-in clears
// the account's count; an admin can unlock an account at once. The typed username is the key
// whether or not such a user exists, so the answers do not reveal which accounts exist.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/pool.ts';
import { AppError } from '../errors.ts';

export const ACCOUNT_LOCK = { failures: 10, withinHours: 24, lockMinutes: 15 } as const;
export const ADDRESS_BLOCK = { failures: 50, withinHours: 1, blockMinutes: 60 } as const;

export type SignInLimits = ReturnType<typeof signInLimits>;

export function signInLimits(pool: Db) {
  const store = { storeClient: pool, tableName: 'sign_in_limits', tableCreated: true };
  const byAccount = new RateLimiterPostgres({
    ...store,
    keyPrefix: 'account',
    points: ACCOUNT_LOCK.failures - 1,
    duration: ACCOUNT_LOCK.withinHours * 3600,
    blockDuration: ACCOUNT_LOCK.lockMinutes * 60,
  });
  const byAddress = new RateLimiterPostgres({
    ...store,
    keyPrefix: 'address',
    points: ADDRESS_BLOCK.failures - 1,
    duration: ADDRESS_BLOCK.withinHours * 3600,
    blockDuration: ADDRESS_BLOCK.blockMinutes * 60,
  });
  const account = (username: string) => username.trim().toLowerCase();
  const blockedFor = async (limiter: RateLimiterPostgres, key: string) => {
    const r = await limiter.get(key);
    return r && r.consumedPoints > limiter.points ? r.msBeforeNext : 0;
  };

  return {
    /** Refuses (429) a sign-in on a locked account or from a blocked address. */
    async check(username: string, address: string): Promise<void> {
      const [accountMs, addressMs] = await Promise.all([blockedFor(byAccount, account(username)), blockedFor(byAddress, address)]);
      if (accountMs > 0) throw locked(`this account is locked after ${ACCOUNT_LOCK.failures} failed sign-ins`, accountMs);
      if (addressMs > 0) throw locked(`too many failed sign-ins from this address`, addressMs);
    },
    /** Counts a failure; the one that reaches a limit is answered as locked. */
    async failed(username: string, address: string): Promise<void> {
      const [a, b] = await Promise.allSettled([byAccount.consume(account(username)), byAddress.consume(address)]);
      for (const r of [a, b]) if (r.status === 'rejected' && !(r.reason instanceof RateLimiterRes)) throw r.reason;
      if (a.status === 'rejected') throw locked(`this account is now locked after ${ACCOUNT_LOCK.failures} failed sign-ins`, (a.reason as RateLimiterRes).msBeforeNext);
      if (b.status === 'rejected') throw locked('too many failed sign-ins from this address', (b.reason as RateLimiterRes).msBeforeNext);
    },
    async succeeded(username: string): Promise<void> {
      await byAccount.delete(account(username));
    },
    /** An admin's unlock; true when the account was locked. */
    async unlock(username: string): Promise<boolean> {
      const wasLocked = (await blockedFor(byAccount, account(username))) > 0;
      await byAccount.delete(account(username));
      return wasLocked;
    },
    async isLocked(username: string): Promise<boolean> {
      return (await blockedFor(byAccount, account(username))) > 0;
    },
  };
}

function locked(what: string, ms: number): AppError {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return new AppError('rate-limited', `${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to unlock it`, { retryAfterSeconds: Math.ceil(ms / 1000) });
}
