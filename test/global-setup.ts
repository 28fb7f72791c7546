// Once per test run: the real Temporal dev server (built by the project, in memory) and a
// real PostgreSQL (DATABASE_URL's server with a fresh database, or an embedded one), the
// schema and shipped content, and one workflow bundle every test file's worker reuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { ensureTemporalServer } from '../runtime/temporal-server.ts';
import { startDevServer } from '../runtime/temporal-dev-server.ts';
import { ensureWebBuild } from '../runtime/web-build.ts';
import { preloadModules, workflowsPath } from '../worker/bundle-options.ts';
import { createDatabase, prepareDatabase } from './support/database.ts';
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
  const binary = await ensureTemporalCli((line) => console.log(line));
  const temporal = await startDevServer({ binary, port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  stops.push(() => temporal.stop());

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

  const bundle = await bundleWorkflowCode({ workflowsPath, preloadModules, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });

  project.provide('temporalAddress', temporal.address);
  project.provide('databaseUrl', databaseUrl);
  project.provide('workflowBundle', bundle.code);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  };
}
