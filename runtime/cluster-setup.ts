// The two one-shot steps of a Temporal cluster on PostgreSQL that start:cluster takes itself,
// for a VM that runs the server under systemd (deploy/systemd):
//   npm run cluster:setup -- schema     Temporal's databases and schema (its own temporal-sql-tool),
//                                       the certificates for mutual TLS in DATA_DIR/cluster/tls,
//                                       the server's config in DATA_DIR/cluster/temporal and
//                                       the Web UI's in DATA_DIR/cluster/temporal-ui
//   npm run cluster:setup -- namespace  the namespace and the engine's search attributes,
//                                       once the server answers at TEMPORAL_ADDRESS
// Both read the same variables as start:cluster and are safe to run again.
import { join } from 'node:path';
import { loadEnv } from '../server/env.ts';
import { clusterPaths, prepareTemporal, temporalOptions } from './cluster.ts';
import { registerNamespace } from './temporal-namespace.ts';
import { appClientTls, ensureTemporalCertificates, operatorClientTls, temporalTlsFiles } from './temporal-tls.ts';
import { ensureTemporalServer } from './temporal-server.ts';
import { writeTemporalUiConfig } from './temporal-ui.ts';

const env = loadEnv();
const log = (line: string) => console.log(`[cluster:setup] ${line}`);
const dir = join(env.dataDir, 'cluster');
const step = process.argv[2];

if (step === 'schema') {
  if (!env.DATABASE_URL) {
    console.error('cluster:setup schema needs DATABASE_URL: the PostgreSQL server Temporal is to use (its databases are created there).');
    process.exit(1);
  }
  const programs = await ensureTemporalServer(log);
  const tls = await ensureTemporalCertificates(clusterPaths(dir).tls, [env.TEMPORAL_IP], log);
  const configFile = await prepareTemporal({
    sqlTool: programs.sqlTool,
    databaseUrl: env.DATABASE_URL,
    dir,
    temporal: temporalOptions(env),
    log,
    tls,
  });
  const ui = clusterPaths(dir).temporalUi;
  writeTemporalUiConfig(ui, {
    temporalAddress: `${env.TEMPORAL_IP}:${env.TEMPORAL_PORT}`,
    ip: env.TEMPORAL_IP,
    port: env.TEMPORAL_UI_PORT,
    namespace: env.TEMPORAL_NAMESPACE,
    codecEndpoint: `http://127.0.0.1:${env.PORT}/api/temporal-codec`,
    tls: operatorClientTls(tls),
  });
  log(`schema ready; the server's config is ${configFile}, the Web UI's is in ${join(ui, 'config')}`);
} else if (step === 'namespace') {
  const address = env.TEMPORAL_ADDRESS ?? `${env.TEMPORAL_IP}:${env.TEMPORAL_PORT}`;
  const tls = env.temporalTls ?? appClientTls(temporalTlsFiles(clusterPaths(dir).tls));
  await registerNamespace({ address, namespace: env.TEMPORAL_NAMESPACE, retentionHours: env.TEMPORAL_RETENTION, log, timeoutMs: 300_000, tls });
  log(`namespace ${env.TEMPORAL_NAMESPACE} and search attributes ready on ${address}`);
} else {
  console.error(`cluster:setup takes one step: "schema" or "namespace" (got ${step === undefined ? 'none' : `"${step}"`}).`);
  process.exit(2);
}
