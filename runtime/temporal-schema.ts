// Temporal's two databases on PostgreSQL, created and brought to the schema of the server
// version we run by Temporal's own temporal-sql-tool, with the schemas embedded in it (the
// same files as schema/postgresql/v12/{temporal,visibility} in the module). Safe on every
// start: setup-schema -v 0.0 only adds the version tables when they are missing, and
// update-schema applies only the versions a database has not had yet.
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { SqlConnection } from './temporal-config.ts';

/** host, port, user and password of a postgres:// URL, and its database. */
export function sqlConnectionOf(databaseUrl: string): SqlConnection & { database: string } {
  const url = new URL(databaseUrl);
  if (!url.hostname) throw new Error('Temporal reaches PostgreSQL over TCP: DATABASE_URL needs a host (postgres://user:password@host:5432/db).');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

/** Runs `fn` on the maintenance database every PostgreSQL has (the ones we want may not exist yet). */
async function onServer<T>(sql: SqlConnection, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: sql.host, port: sql.port, user: sql.user, password: sql.password, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The databases among `names` that the server of `sql` does not have yet. */
async function missingDatabases(sql: SqlConnection, names: string[]): Promise<string[]> {
  const found = await onServer(sql, (c) => c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]));
  return names.filter((n) => !found.rows.some((r) => r.datname === n));
}

function sqlTool(binary: string, sql: SqlConnection, database: string, args: string[]): Promise<string> {
  // The password goes through the environment the tool reads, not the command line (ps shows that).
  const env = { ...process.env, SQL_PLUGIN: 'postgres12', SQL_HOST: sql.host, SQL_PORT: String(sql.port), SQL_USER: sql.user, SQL_PASSWORD: sql.password, SQL_DATABASE: database };
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`temporal-sql-tool ${args.join(' ')} on ${database} failed (${code}):\n${output.slice(-4000)}`))));
  });
}

/** Creates `database` and `visibilityDatabase` when missing, then sets up or upgrades their schemas. */
export async function setupTemporalSchema(o: { sqlTool: string; sql: SqlConnection; database: string; visibilityDatabase: string; log: (line: string) => void }): Promise<void> {
  const schemas = [
    { database: o.database, schema: 'postgresql/v12/temporal' },
    { database: o.visibilityDatabase, schema: 'postgresql/v12/visibility' },
  ];
  for (const name of await missingDatabases(o.sql, [o.database, o.visibilityDatabase])) {
    o.log(`creating the database ${name}`);
    await sqlTool(o.sqlTool, o.sql, name, ['create-database']);
  }
  for (const { database, schema } of schemas) {
    await sqlTool(o.sqlTool, o.sql, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(o.sqlTool, o.sql, database, ['update-schema', '--schema-name', schema]);
  }
}

/** Creates the app's own database when the server does not have it yet (a fresh server). */
export async function ensureDatabase(sql: SqlConnection, name: string): Promise<void> {
  if ((await missingDatabases(sql, [name])).length === 0) return;
  await onServer(sql, (c) => c.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`));
}
