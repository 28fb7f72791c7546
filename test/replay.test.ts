// Every committed history must replay on the current workflow code. A change that alters
// the commands of running cases fails here; guard such a change with patched().
import { readdirSync, readFileSync } from 'node:fs';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { expect, inject, test } from 'vitest';

Runtime.install({ logger: new DefaultLogger('ERROR') });

// Histories recorded by earlier code stay, each set in a folder named for the change that
// followed it: cases started then are still running somewhere and must keep replaying.
const dir = new URL('./histories/', import.meta.url);
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

test('the committed case histories exist', () => {
  // Never less than the recorded scenarios: deleting a history is not a way to pass.
  const current = files.filter((f) => !f.includes('/'));
  expect(current.length).toBeGreaterThanOrEqual(14);
  expect(current.some((f) => f.includes('.run2'))).toBe(true);
  for (const [set, least] of [['before-step-modules', 7], ['before-quiet-hours', 9], ['before-writes-after-commit', 11], ['before-writes-batched', 15]] as const) expect(files.filter((f) => f.startsWith(`${set}/`)).length, set).toBeGreaterThanOrEqual(least);
});

test('every committed history replays deterministically on the current code', async () => {
  const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) }));
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code: inject('workflowBundle') } }, histories)) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(files.length);
});
