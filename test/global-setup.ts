// Once per test run: the real Temporal dev server (built by the project, in memory) and a
// real PostgreSQL (DATABASE_URL's server with a fresh database, or an embedded one), the
// schema and shipped content, and one workflow bundle every test file's worker reuses.
// TEST_TEMPORAL=postgres runs the files on the real Temporal server on that PostgreSQL instead,
// configured as start:cluster configures it (README, "Tests and figures").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { loopbackTemporal, prepareTemporal } from '../runtime/cluster.ts';
import { registerNamespace } from '../runtime/temporal-namespace.ts';
import { ensureTemporalServer, startTemporalServer } from '../runtime/temporal-server.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { ensureWebBuild } from '../runtime/web-build.ts';
import { preloadModules, workflowsPath } from '../worker/bundle-options.ts';
import { createDatabase, dropDatabase, prepareDatabase } from './support/database.ts';
import { freePort } from '../runtime/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    workflowBundle: string;
  }
}

/** Whether this run includes `file`: the command line's file filters (`vitest run a b`), or every file without any. */
async function runs(project: TestProject, file: string): Promise<boolean> {
  // Vitest keeps those filters on its instance without a public getter; read defensively.
  const filters: unknown = Reflect.get(project.vitest, 'filenamePattern');
  const specs = await project.vitest.globTestSpecifications(Array.isArray(filters) ? filters.filter((f): f is string => typeof f === 'string') : []);
  return specs.some((s) => s.moduleId.endsWith(file));
}

export default async function setup(project: TestProject) {
  const stops: Array<() => Promise<void>> = [];
  // The real Temporal server (test/cluster.test.ts and test/chaos.test.ts run it on PostgreSQL)
  // is built once from the Go module proxy, only for a run that includes one of those files:
  // the first build takes minutes.
  if ((await runs(project, '/test/cluster.test.ts')) || (await runs(project, '/test/chaos.test.ts'))) await ensureTemporalServer((line) => console.log(`[global-setup] ${line}`));
  // A web app that does not build (someone mid-edit) must not stop the engine's tests; browser tests then fail on their own.
  await ensureWebBuild((line) => console.log(line)).catch((err: Error) => console.error(`The web app does not build; browser tests will see the previous build.\n${err.message}`));
  let databaseUrl: string;
  const database = `arrears_test_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const db = await createDatabase(process.env.DATABASE_URL, database);
    databaseUrl = db.url;
    stops.push(db.drop);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'arrears-test-pg-'));
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), database });
    databaseUrl = db.url;
    stops.push(async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  await prepareDatabase(databaseUrl);

  let temporalAddress: string;
  if (process.env.TEST_TEMPORAL === 'postgres') {
    // Temporal's two databases beside the run's, set up by its own schema tool.
    const programs = await ensureTemporalServer((line) => console.log(`[global-setup] ${line}`));
    const temporal = await loopbackTemporal(`${database}_temporal`, `${database}_visibility`);
    const dir = mkdtempSync(join(tmpdir(), 'arrears-test-temporal-'));
    const configFile = await prepareTemporal({ sqlTool: programs.sqlTool, databaseUrl, dir, temporal, log: () => undefined });
    temporalAddress = `127.0.0.1:${temporal.ports.frontend}`;
    const server = await startTemporalServer({ binary: programs.server, configFile, address: temporalAddress, logFile: join(dir, 'temporal.log') });
    stops.push(async () => {
      await server.stop();
      for (const db of [temporal.database, temporal.visibilityDatabase]) await dropDatabase(databaseUrl, db).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });
    await registerNamespace({ address: temporalAddress, namespace: 'default', retentionHours: 24, log: () => undefined });
    console.log(`[global-setup] the tests run on the Temporal server ${programs.server} on PostgreSQL (${temporalAddress})`);
  } else {
    const binary = await ensureTemporalCli((line) => console.log(line));
    const temporal = await startDevServer({ binary, port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
    stops.push(() => temporal.stop());
    temporalAddress = temporal.address;
  }

  const bundle = await bundleWorkflowCode({ workflowsPath, preloadModules, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });

  project.provide('temporalAddress', temporalAddress);
  project.provide('databaseUrl', databaseUrl);
  project.provide('workflowBundle', bundle.code);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  };
}
