// A command-line tool's database: DATABASE_URL's, or the embedded PostgreSQL of `npm start`
// (started on its data directory for the command when nothing is listening), migrated.
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../server/db/migrate.ts';
import { createPool, type Db } from '../server/db/pool.ts';
import { loadEnv } from '../server/env.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export async function connectCommandLine(): Promise<{ pool: Db; stop: () => Promise<void> }> {
  const env = loadEnv({ withoutTemporal: true });
  let url = env.DATABASE_URL;
  let stopEmbedded: () => Promise<void> = async () => undefined;
  if (!url) {
    url = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/arrears`;
    const probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
      await probe.end();
    } catch {
      // Nothing is listening: start the embedded server on its data directory for this command.
      const db = await startEmbeddedPostgres({ dir: join(env.dataDir, 'postgres'), port: env.EMBEDDED_PG_PORT, database: 'arrears' });
      url = db.url;
      stopEmbedded = () => db.stop();
    }
  }
  await migrate(url);
  const pool = createPool(url, 2);
  return {
    pool,
    stop: async () => {
      await pool.end();
      await stopEmbedded();
    },
  };
}

