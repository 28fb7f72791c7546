// The real Temporal server (go.temporal.io/server) and its SQL schema tool, built from the Go
// module proxy like the CLI (no binary is downloaded) into a cache outside the repository and
// reused from there. `temporal-server` and `temporal-sql-tool` on PATH take precedence (a VM
// installs them in /usr/local/bin; deploy/systemd).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporalTls, type TemporalClientTls } from '../server/temporal.ts';
import { startChild, waitUntilReady, type Child } from './child-process.ts';
import { cacheDir, goInstall, onPath } from './go-install.ts';

/** The newest release that builds here (with Go 1.26.10, which its go.mod asks for). */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';

export type TemporalServerPrograms = { server: string; sqlTool: string };

export function temporalServerCacheDir(): string {
  return join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/** The server and schema tool, building both once (about five minutes on two cores) if needed. */
export async function ensureTemporalServer(log: (line: string) => void = console.log): Promise<TemporalServerPrograms> {
  const server = onPath('temporal-server');
  const sqlTool = onPath('temporal-sql-tool');
  if (server && sqlTool) return { server, sqlTool };
  const dir = temporalServerCacheDir();
  const cached = { server: join(dir, 'temporal-server'), sqlTool: join(dir, 'temporal-sql-tool') };
  if (existsSync(cached.server) && existsSync(cached.sqlTool)) return cached;
  log(`Building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL schema tool from the Go module proxy (once; cached in ${dir}). This takes about five minutes...`);
  const module = 'go.temporal.io/server';
  await goInstall({
    what: `the Temporal server ${TEMPORAL_SERVER_VERSION}`,
    packages: [`${module}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${module}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
    programs: { server: 'temporal-server', sql: 'temporal-sql-tool' },
    dir,
    log,
  });
  return cached;
}

export type TemporalServer = { address: string; child: Child; stop(): Promise<void> };

/** Starts the server on `configFile` and resolves once its frontend answers at `address`. */
export async function startTemporalServer(o: { binary: string; configFile: string; address: string; logFile: string; tls?: TemporalClientTls }): Promise<TemporalServer> {
  const child = startChild({
    name: 'the Temporal server',
    command: o.binary,
    // No authorizer: with mutual TLS (the config's, runtime/temporal-tls.ts) only holders of a
    // certificate from the deployment's authority connect at all; temporal-tls.ts says why.
    args: ['--config-file', o.configFile, '--allow-no-auth', 'start'],
    env: process.env,
    logFile: o.logFile,
  });
  await waitUntilReady(
    child,
    `an answer on ${o.address}`,
    async () => {
      const connection = await Connection.connect({ address: o.address, connectTimeout: 1000, ...temporalTls(o.tls) });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    120_000,
  );
  return { address: o.address, child, stop: () => child.stop(30_000) };
}
