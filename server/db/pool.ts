// One pg Pool per process. Money columns are integers (cents) so they come back as numbers.
import pg from 'pg';

export type Db = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

/** The role the app and the workers work as: rows, not the schema; the audit log append-only (migration 018). */
export const APP_ROLE = 'arrears_app';

/**
 * A pool whose every connection works as APP_ROLE, whatever login DATABASE_URL names (in
 * production that login is APP_ROLE itself; elsewhere the owner, who takes the role on).
 */
export function createPool(databaseUrl: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, options: `-c role=${APP_ROLE}` });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in one transaction; rolls back on any error. */
export async function inTransaction<T>(pool: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no listener of the pool's: a connection lost mid-transaction (a
  // PostgreSQL restart) would be an unhandled 'error' event and end the process. The query
  // that was running fails on its own, and the client is released as broken below.
  let lost: Error | undefined;
  const onLost = (err: Error) => (lost = err);
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // A broken client is destroyed with its listener; a sound one goes back to the pool without it.
    if (!lost) client.removeListener('error', onLost);
    client.release(lost);
  }
}

/** The cheapest round trip to the database: for health checks. */
export async function ping(q: Queryable): Promise<void> {
  await q.query('SELECT 1');
}
