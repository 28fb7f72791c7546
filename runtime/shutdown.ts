// Stopping npm start in order, also halfway through starting. Each start-up step registers how
// to undo it; on SIGINT or SIGTERM the step under way finishes first (its children run in
// process groups of their own, so the Ctrl+C did not reach them, and a half-started service
// would be left behind), then everything is undone in reverse order and the process exits.
import type { Logger } from 'pino';

const never = new Promise<never>(() => {});

export class Shutdown {
  private readonly undo: Array<() => Promise<void>> = [];
  private pending: Promise<unknown> = Promise.resolve();
  private requested = false;

  constructor(private readonly log: Logger) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void this.stop(signal));
  }

  /** Awaits a start-up step and registers its undo; during a shutdown it never returns (the process is on its way out). */
  async step<T>(work: Promise<T>, undo: (value: T) => Promise<void>): Promise<T> {
    const registered = work.then((value) => {
      this.undo.push(() => undo(value));
      return value;
    });
    this.pending = registered.catch(() => undefined);
    try {
      const value = await registered;
      return this.requested ? await never : value;
    } catch (err) {
      // Failing because of the shutdown (a build interrupted by the same Ctrl+C) is no error to report.
      if (this.requested) return await never;
      throw err;
    }
  }

  private async stop(signal: string) {
    if (this.requested) return;
    this.requested = true;
    this.log.info({ signal }, 'stopping');
    await this.pending;
    for (const undo of this.undo.reverse()) await undo().catch((err: unknown) => this.log.error({ err }, 'while stopping'));
    process.exit(0);
  }
}
