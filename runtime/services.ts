// The backing services on embedded defaults: the Temporal dev server unless TEMPORAL_ADDRESS
// is set, an embedded PostgreSQL unless DATABASE_URL is set; then migrations and seed data.
// Both are supervised: one that dies is started again on its state on disk and the same port
// (runtime/supervise.ts), and its pid is always in a file beside that state.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { migrate } from '../server/db/migrate.ts';
import { createPool } from '../server/db/pool.ts';
import { seedDemo, seedShipped } from '../server/db/seed.ts';
import type { Env } from '../server/env.ts';
import { startEmbeddedPostgres, type EmbeddedDb } from './embedded-postgres.ts';
import { ensureTemporalCli } from './temporal-cli.ts';
import { supervise } from './supervise.ts';
import { startDevServer, type DevServer } from './temporal-dev-server.ts';

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
      const options = {
        binary,
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        dbFile: join(env.dataDir, 'temporal', 'temporal.db'),
        ownProcessGroup: true,
      };
      let latest: DevServer | undefined;
      const server = await supervise({ name: 'the Temporal dev server', start: async () => (latest = await startDevServer(options)), log, pidFile: join(env.dataDir, 'temporal', 'dev-server.pid') });
      stops.push(() => server.stop());
      temporalAddress = latest!.address;
      temporalUiUrl ??= latest!.uiUrl;
    }

    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      log.info('starting the embedded PostgreSQL');
      const options = { dir: join(env.dataDir, 'postgres'), port: env.EMBEDDED_PG_PORT, database: 'arrears', log: (l: string) => log.warn(l), ownProcessGroup: true };
      let latest: EmbeddedDb | undefined;
      const db = await supervise({ name: 'the embedded PostgreSQL', start: async () => (latest = await startEmbeddedPostgres(options)), log, pidFile: join(env.dataDir, 'postgres', 'postgres.pid') });
      stops.push(() => db.stop());
      databaseUrl = latest!.url;
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
