// Migrations run on every start; node-pg-migrate takes an advisory lock so several
// processes starting at once apply them once.
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

const dir = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(databaseUrl: string): Promise<void> {
  await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    log: () => undefined,
    checkOrder: true,
  });
}
