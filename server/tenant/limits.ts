// The tenant page is open to the internet without an account, so it is slowed down where it
// could be abused, in PostgreSQL (shared by every API process, as the sign-in limits are):
// requests per network address (a burst gets a friendly "wait a minute"), and wrong postcode
// answers per link and per address (guessing an address is stopped after a few tries).
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/pool.ts';

export const PAGE_REQUESTS = { perMinute: 60 } as const;
export const ADDRESS_GUESSES = { perLink: 5, perAddress: 20, withinHours: 1 } as const;

export type TenantLimits = ReturnType<typeof tenantLimits>;

export function tenantLimits(pool: Db) {
  const store = { storeClient: pool, tableName: 'sign_in_limits', tableCreated: true };
  const requests = new RateLimiterPostgres({ ...store, keyPrefix: 'tenant-page', points: PAGE_REQUESTS.perMinute, duration: 60 });
  const perLink = new RateLimiterPostgres({ ...store, keyPrefix: 'tenant-link', points: ADDRESS_GUESSES.perLink, duration: ADDRESS_GUESSES.withinHours * 3600 });
  const perAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'tenant-guess', points: ADDRESS_GUESSES.perAddress, duration: ADDRESS_GUESSES.withinHours * 3600 });
  const spent = async (limiter: RateLimiterPostgres, key: string) => ((await limiter.get(key))?.consumedPoints ?? 0) >= limiter.points;

  return {
    /** False when this address sent more than its share this minute. */
    async request(address: string): Promise<boolean> {
      try {
        await requests.consume(address);
        return true;
      } catch (err) {
        if (err instanceof RateLimiterRes) return false;
        throw err;
      }
    },
    /** True while the link or the address may not guess again. */
    async guessingLocked(linkHash: string, address: string): Promise<boolean> {
      return (await spent(perLink, linkHash)) || (await spent(perAddress, address));
    },
    async wrongGuess(linkHash: string, address: string): Promise<void> {
      await Promise.allSettled([perLink.consume(linkHash), perAddress.consume(address)]);
    },
  };
}
