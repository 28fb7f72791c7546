// npm start's worker, kept polling. The SDK itself rides out a Temporal server that goes away
// and comes back: the worker's task polls retry Unavailable and other transient errors without
// limit, backing off to 10 s (sdk-core, crates/client/src/retry.rs: task_poll_retry_policy),
// and other errors for a minute (LONG_POLL_FATAL_GRACE), so after a dev server restart the
// same worker polls again. Past that grace, or on any other fatal error, Worker.run() throws
// and the worker is FAILED for good; then a new one is created on the same connection (which
// also keeps the SDK's runtime alive in between), after a backoff.
import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { Backoff, oneLine, seconds, type BackoffOptions } from './supervise.ts';

export type KeptWorker = { stop(): Promise<void> };

/** Creates the worker and keeps one running until stop(); rejects when the first cannot be created (a setup error, for the caller to report). */
export async function keepWorkerRunning(o: { create: () => Promise<Worker>; log: Logger; backoff?: Partial<BackoffOptions> }): Promise<KeptWorker> {
  const backoff = new Backoff(o.backoff);
  let worker: Worker | undefined = await o.create();
  let current = worker;
  let stopping = false;
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopping) {
      const began = Date.now();
      try {
        if (!worker) {
          worker = current = await o.create();
          o.log.info('a new worker polls the task queue');
        }
        const running = worker.run();
        if (stopping) worker.shutdown();
        // Resolves once shut down: by stop(), or by the SDK's runtime on SIGINT/SIGTERM.
        await running;
        return;
      } catch (err) {
        worker = undefined;
        if (stopping) return;
        backoff.ranFor(Date.now() - began);
        const delay = backoff.delay();
        o.log.error({ err, restartInMs: delay }, `the worker failed (${oneLine(err)}); a new one in ${seconds(delay)}`);
        await pause(delay);
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake();
      // The SDK's runtime may already be draining it after a signal; a second shutdown would throw.
      if (current.getState() === 'RUNNING') current.shutdown();
      await loop;
    },
  };
}
