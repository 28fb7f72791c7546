// The backing services on embedded defaults: the Temporal dev server unless TEMPORAL_ADDRESS
// is set, an embedded PostgreSQL unless DATABASE_URL is set; then migrations and seed data.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { migrate } from '../server/db/migrate.ts';
import { createPool } from '../server/db/pool.ts';
import { seedDemo, seedShipped } from '../server/db/seed.ts';
import type { Env } from '../server/env.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { ensureTemporalCli } from './temporal-cli.ts';
import { startDevServer } from './temporal-dev-server.ts';

export type Services = {
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  databaseUrl: string;
  embedded: { temporal: boolean; postgres: boolean };
  demoSeeded: boolean;
  stop(): Promise<void>;
};

export async function startServices(env: Env, log: Logger): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUiUrl = env.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const binary = await ensureTemporalCli((line) => log.info(line));
      log.info('starting the Temporal dev server');
      const server = await startDevServer({
        binary,
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        dbFile: join(env.dataDir, 'temporal', 'temporal.db'),
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUiUrl ??= server.uiUrl;
    }

    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      log.info('starting the embedded PostgreSQL');
      const db = await startEmbeddedPostgres({ dir: join(env.dataDir, 'postgres'), port: env.EMBEDDED_PG_PORT, database: 'arrears', log: (l) => log.warn(l) });
      stops.push(() => db.stop());
      databaseUrl = db.url;
    }

    await migrate(databaseUrl);
    const pool = createPool(databaseUrl, 2);
    let demoSeeded = false;
    try {
      await seedShipped(pool);
      if (env.seedDemo) demoSeeded = await seedDemo(pool);
    } finally {
      await pool.end();
    }
    return {
      temporalAddress,
      temporalUiUrl,
      databaseUrl,
      embedded: { temporal: !env.TEMPORAL_ADDRESS, postgres: !env.DATABASE_URL },
      demoSeeded,
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}
