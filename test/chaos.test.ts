// The fault suite's small run (npm run chaos runs it at full size): the production-like
// topology on an embedded PostgreSQL, cases on the standard ladder with payments (some sent
// twice), pauses and task completions, while workers are killed with SIGKILL, the Temporal
// server is killed and PostgreSQL is stopped the hard way, each started again by the
// cluster's supervisors. Afterwards every check of chaos/checks.ts finds nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { findingKeys } from '../chaos/checks.ts';
import { runChaos } from '../chaos/run-chaos.ts';
import { workingStart } from './support/clock.ts';
import { LoopbackProvider } from './support/loopback.ts';

let provider: LoopbackProvider;
const dir = mkdtempSync(join(tmpdir(), 'arrears-chaos-bundle-'));

beforeAll(async () => {
  provider = await new LoopbackProvider().start();
});
afterAll(async () => {
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('cases survive killed workers, a killed Temporal server and a PostgreSQL crash: no message twice or missing, no case stuck, every acknowledged payment applied once', async () => {
  const bundle = join(dir, 'workflow-bundle.js');
  writeFileSync(bundle, inject('workflowBundle'));
  const lines: string[] = [];
  const report = await runChaos({
    cases: 15,
    faults: { worker: 4, temporal: 2, postgres: 1 },
    workers: 3,
    // A day a second: the ladder reaches the phone call in about twenty seconds.
    timeScale: 86_400,
    faultIntervalMs: 4000,
    settleMs: 240_000,
    workflowBundle: bundle,
    env: { WHATSAPP_API_URL: provider.url },
    businessStart: () => workingStart(),
    log: (line) => lines.push(line),
  });
  const context = JSON.stringify({ findings: report.findings, answers: report.answers, log: lines.slice(-30) }, null, 1);
  for (const key of findingKeys) expect(report.findings[key], `${key}\n${context}`).toBe(0);
  expect(report.answers.unexpected, context).toEqual([]);

  // Every fault happened and every process came back by itself.
  expect(report.faults.map((f) => f.kind).sort()).toEqual(['postgres', 'temporal', 'temporal', 'worker', 'worker', 'worker', 'worker']);
  for (const f of report.faults) expect(f.downMs, `${f.kind} back`).not.toBeNull();
  expect(report.restarts['the Temporal server']).toBe(2);
  expect(report.restarts['PostgreSQL (embedded)']).toBe(1);
  // While PostgreSQL was down the API's health said so (to a probe: which part, not why).
  const pgDown = report.faults.find((f) => f.kind === 'postgres')!;
  expect(pgDown.health).toMatchObject({ status: 503, body: { status: 'degraded', postgres: 'down' } });

  // The work was done: payments acknowledged (three per five cases, the duplicates not
  // counted again), the phone calls completed (an aftercare call may close by its deadline first), and the provider got each WhatsApp message once per key.
  expect(report.acknowledgedPayments).toBe(12);
  expect(report.completedTasks).toBeGreaterThanOrEqual(6);
  expect(provider.delivered.size).toBe(new Set(provider.requests.map((r) => r.headers['idempotency-key'])).size);
}, 600_000);
