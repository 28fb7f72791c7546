// Every committed history must replay on the current workflow code. A change that alters
// the commands of running cases fails here; guard such a change with patched().
import { readdirSync, readFileSync } from 'node:fs';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { expect, inject, test } from 'vitest';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const dir = new URL('./histories/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('the committed case histories exist', () => {
  // Never less than the recorded scenarios: deleting a history is not a way to pass.
  expect(files.length).toBeGreaterThanOrEqual(6);
  expect(files.some((f) => f.includes('.run2'))).toBe(true);
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
