// Test databases: a fresh one on a server, and the schema and content every test expects.
import pg from 'pg';
import { migrate } from '../../server/db/migrate.ts';
import { createPool } from '../../server/db/pool.ts';
import { seedDemo, seedShipped } from '../../server/db/seed.ts';

async function admin(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

/** A new database `name` on the server of `serverUrl`, and how to drop it again. */
export async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

/** Drops `name` on the server of `serverUrl` (also one a test did not create itself), if it exists. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Migrated, with the shipped definitions and templates and the demo users. */
export async function prepareDatabase(url: string): Promise<void> {
  await migrate(url);
  const pool = createPool(url, 2);
  try {
    await seedShipped(pool);
    await seedDemo(pool);
  } finally {
    await pool.end();
  }
}
