// The Temporal server's configuration for one host on PostgreSQL, generated from what the
// module ships as config/development-postgres12.yaml (go.temporal.io/server): the four
// services in one process, PostgreSQL persistence and PostgreSQL visibility (custom search
// attributes work there), no archival, pprof off.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemporalTlsFiles } from './temporal-tls.ts';

/**
 * History shards: fixed when the cluster's database is first set up (the server refuses to
 * start with another number afterwards), so chosen on purpose rather than left at the
 * development default of 4. A shard is the unit of the history service's concurrency and
 * ownership: every workflow belongs to one, one shard's writes go through one owner at a time,
 * and a history host owns whole shards. 4 makes a bulk action (a pause of thousands of cases,
 * a letter run) queue behind 4 owners and caps the history service at 4 hosts forever. 512,
 * what Temporal suggests for big clusters, keeps 512 sets of queue readers polling PostgreSQL
 * when nothing happens. Measured idle on this project's 2-core machine (v1.32.2, PostgreSQL
 * 15): 4 shards 2.2% CPU, 11 transactions/s, 146 MB; 64 shards 3.6%, 30/s, 159 MB; 512 shards
 * 6.9%, 172/s, 271 MB. 64: a corporation's case load (thousands of open cases, a few events
 * per case per day, bursts of a few hundred starts) is far inside what 64 shards carry, the
 * idle cost is close to 4's, and the history service can still spread over up to 64 hosts.
 */
export const DEFAULT_HISTORY_SHARDS = 64;

export type TemporalPorts = {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  metrics: number;
};

/** Temporal's own port layout around the frontend's port (7233 → 7234, 7235, 7239, 7243, 6933…, 8000). */
export function portsAround(frontend: number): TemporalPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    history: frontend + 1,
    matching: frontend + 2,
    worker: frontend + 6,
    frontendMembership: frontend - 300,
    historyMembership: frontend - 299,
    matchingMembership: frontend - 298,
    workerMembership: frontend - 294,
    metrics: frontend + 767,
  };
}

export type SqlConnection = { host: string; port: number; user: string; password: string };

export type TemporalConfigOptions = {
  sql: SqlConnection;
  database: string;
  visibilityDatabase: string;
  historyShards: number;
  /** The address the services bind to and announce to each other (an IP, not 0.0.0.0). */
  ip: string;
  ports: TemporalPorts;
  dynamicConfigFile: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Mutual TLS on the frontend and between the services (runtime/temporal-tls.ts); unset: plain (the tests' throwaway servers). */
  tls?: TemporalTlsFiles;
};

const q = (value: string) => JSON.stringify(value);

function datastore(sql: SqlConnection, database: string, maxConns: number): string {
  return `      sql:
        pluginName: "postgres12"
        databaseName: ${q(database)}
        connectAddr: ${q(`${sql.host}:${sql.port}`)}
        connectProtocol: "tcp"
        user: ${q(sql.user)}
        password: ${q(sql.password)}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
}

/** Both sides of a connection: the server's certificate, clients only with one from the CA, and how a service checks the one it calls. */
function mutualTls(t: TemporalTlsFiles): string {
  const group = `
        server:
          certFile: ${q(t.server.cert)}
          keyFile: ${q(t.server.key)}
          requireClientAuth: true
          clientCaFiles: [${q(t.ca)}]
        client:
          serverName: ${q(t.serverName)}
          rootCaFiles: [${q(t.ca)}]`;
  // The system worker inside the server calls the frontend with the server's own certificate.
  return `
  tls:
    internode:${group}
    frontend:${group}`;
}

function service(grpcPort: number, membershipPort: number, ip: string, httpPort?: number): string {
  return `    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${membershipPort}
      bindOnIP: ${q(ip)}${httpPort ? `\n      httpPort: ${httpPort}` : ''}`;
}

/**
 * The server's config file. Connections: each of the four services keeps its own pools (up to
 * 10 to the persistence database and 2 to visibility), 48 at most; PostgreSQL's
 * max_connections must leave room for them beside the app (10) and every worker (10 each).
 */
export function renderTemporalConfig(o: TemporalConfigOptions): string {
  // The membership table keeps a port as a smallint; a higher port stops the server at start.
  const membership = [o.ports.frontendMembership, o.ports.historyMembership, o.ports.matchingMembership, o.ports.workerMembership];
  if (membership.some((p) => p < 1 || p > 32_767)) throw new Error(`Temporal's membership ports must lie between 1 and 32767 (they are ${membership.join(', ')}); with TEMPORAL_PORT, choose one below 33000.`);
  return `# Generated by runtime/temporal-config.ts; rewritten on every start.
log:
  stdout: true
  level: ${o.logLevel}

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${o.historyShards}
  datastores:
    postgres-default:
${datastore(o.sql, o.database, 10)}
    postgres-visibility:
${datastore(o.sql, o.visibilityDatabase, 2)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: ${q(o.ip)}${o.tls ? mutualTls(o.tls) : ''}
  pprof:
    port: 0
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: ${q(`${o.ip}:${o.ports.metrics}`)}

services:
  frontend:
${service(o.ports.frontend, o.ports.frontendMembership, o.ip, o.ports.frontendHttp)}
  matching:
${service(o.ports.matching, o.ports.matchingMembership, o.ip)}
  history:
${service(o.ports.history, o.ports.historyMembership, o.ip)}
  worker:
${service(o.ports.worker, o.ports.workerMembership, o.ip)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: ${q(`${o.ip}:${o.ports.frontend}`)}

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: ${q(o.dynamicConfigFile)}
  pollInterval: "60s"
`;
}

/**
 * Dynamic configuration. With `fastTimers` (accelerated case clocks outside production) a
 * timer becomes readable 50 ms after it is due instead of up to a second: under a time scale a
 * second is days of business time. Eager activities: a message activity scheduled by a
 * workflow task goes straight back to the worker that asked for it (the SDK requests it).
 */
export function renderDynamicConfig(o: { fastTimers: boolean }): string {
  return `# Generated by runtime/temporal-config.ts; rewritten on every start.
system.enableActivityEagerExecution:
  - value: true
limit.maxIDLength:
  - value: 255
${o.fastTimers ? 'history.timerProcessorMaxTimeShift:\n  - value: 50ms\n' : ''}`;
}

/** Writes the config and its dynamic config into `dir`; returns the config file's path. */
export function writeTemporalConfig(dir: string, o: Omit<TemporalConfigOptions, 'dynamicConfigFile'> & { fastTimers: boolean }): string {
  mkdirSync(dir, { recursive: true });
  const dynamicConfigFile = join(dir, 'dynamic-config.yaml');
  const configFile = join(dir, 'config.yaml');
  writeFileSync(dynamicConfigFile, renderDynamicConfig({ fastTimers: o.fastTimers }));
  // It holds the database password: readable by its owner only.
  writeFileSync(configFile, renderTemporalConfig({ ...o, dynamicConfigFile }), { mode: 0o600 });
  return configFile;
}
