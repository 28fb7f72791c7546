// The supervisor npm start keeps its services with (runtime/supervise.ts), and the loop that
// keeps its worker (runtime/keep-worker.ts), on stand-ins: a small Node program for a service,
// a worker whose run fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, expect, test } from 'vitest';
import { keepWorkerRunning } from '../runtime/keep-worker.ts';
import { supervise, type Started } from '../runtime/supervise.ts';
import { waitFor } from './support/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'arrears-supervise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capturingLog() {
  const lines: Array<{ msg: string; level: number }> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string; level: number }) });
  return { log, messages: () => lines.map((l) => l.msg) };
}

/** A service that runs until stopped, answering at once. */
async function startIdle(): Promise<Started> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore', detached: true });
  await new Promise((r) => child.once('spawn', r));
  return {
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

test('a service killed with SIGKILL is started again after the backoff, with its new pid in the pid file; stop() ends it for good', async () => {
  const { log, messages } = capturingLog();
  const pidFile = join(dir, 'idle.pid');
  const service = await supervise({ name: 'the idle service', start: startIdle, log, pidFile, backoff: { initialMs: 100 } });
  const first = service.status();
  expect(first).toMatchObject({ state: 'running', restarts: 0, lastExit: null });
  expect(Number(readFileSync(pidFile, 'utf8'))).toBe(first.pid);

  process.kill(first.pid!, 'SIGKILL');
  const second = await waitFor('a second process', async () => {
    const s = service.status();
    return s.state === 'running' && s.pid !== first.pid ? s : undefined;
  });
  expect(second.restarts).toBe(1);
  expect(second.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
  expect(Number(readFileSync(pidFile, 'utf8'))).toBe(second.pid);
  expect(messages()).toEqual([`the idle service stopped unexpectedly (killed by SIGKILL, pid ${first.pid}); restarting it in 100 ms`, `the idle service is back (pid ${second.pid})`]);

  await service.stop();
  expect(service.status()).toMatchObject({ state: 'stopped', pid: null });
  expect(existsSync(pidFile)).toBe(false);
  expect(() => process.kill(second.pid!, 0)).toThrow();
});

test('a service that does not start again is tried again with a longer pause each time', async () => {
  const { log, messages } = capturingLog();
  let starts = 0;
  const service = await supervise({
    name: 'the flaky service',
    start: async () => {
      starts++;
      // Starts the first time, fails twice after its crash, then starts again.
      if (starts === 2 || starts === 3) throw new Error(`the flaky service stopped at start:\nlistening on 7233 (try ${starts})\nbind: address already in use`);
      return await startIdle();
    },
    log,
    backoff: { initialMs: 100 },
  });
  const pid = service.status().pid!;
  process.kill(pid, 'SIGKILL');
  await waitFor('the service back', async () => service.status().state === 'running' && service.status().pid !== pid);
  expect(messages()).toEqual([
    `the flaky service stopped unexpectedly (killed by SIGKILL, pid ${pid}); restarting it in 100 ms`,
    'the flaky service did not start again (the flaky service stopped at start: … bind: address already in use); restarting it in 200 ms',
    'the flaky service did not start again (the flaky service stopped at start: … bind: address already in use); restarting it in 400 ms',
    `the flaky service is back (pid ${service.status().pid})`,
  ]);
  await service.stop();
});

test('a service that cannot start at all is an error for the caller, and nothing is left running', async () => {
  const { log } = capturingLog();
  await expect(supervise({ name: 'the broken service', start: () => Promise.reject(new Error('no such program')), log })).rejects.toThrow('no such program');
});

/** A stand-in for the SDK's worker: runs until shut down, or fails when told to. */
function fakeWorker(fails: boolean) {
  let state = 'INITIALIZED';
  let release = () => {};
  const worker = {
    getState: () => state,
    run: () => {
      state = 'RUNNING';
      return fails ? Promise.reject(new Error('Unhandled grpc error when polling')) : new Promise<void>((r) => (release = r));
    },
    shutdown: () => {
      state = 'STOPPED';
      release();
    },
  };
  return worker as unknown as Worker;
}

test('a worker that fails is replaced by a new one after a pause; stop() shuts the running one down', async () => {
  const { log, messages } = capturingLog();
  const created: Worker[] = [];
  const kept = await keepWorkerRunning({
    create: async () => {
      created.push(fakeWorker(created.length < 2));
      return created.at(-1)!;
    },
    log,
    backoff: { initialMs: 20 },
  });
  await waitFor('a third worker running', async () => created.length === 3 && created[2]!.getState() === 'RUNNING');
  expect(messages()).toEqual([
    'the worker failed (Unhandled grpc error when polling); a new one in 20 ms',
    'a new worker polls the task queue',
    'the worker failed (Unhandled grpc error when polling); a new one in 40 ms',
    'a new worker polls the task queue',
  ]);
  await kept.stop();
  expect(created[2]!.getState()).toBe('STOPPED');
});
