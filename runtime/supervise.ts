// Keeps a backing service running: a child process that exits when nobody asked it to is
// started again, after a pause that doubles with each failure (1 s, 2 s, 4 s … at most 30 s)
// and starts over once the service has stayed up a while. The first start is not retried: a
// service that cannot start at all (a port in use, no Go) is the caller's error to report.
// Generic over what the child is: `start` spawns it and resolves once it answers; npm start
// supervises the Temporal dev server and the embedded PostgreSQL with it.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';

/** A started child: its process, how to stop it gracefully, and the end of its output if kept. */
export type Started = { process: ChildProcess; stop(): Promise<void>; tail?: () => string };

export type ServiceState = 'running' | 'restarting' | 'stopped';

export type ServiceStatus = {
  name: string;
  state: ServiceState;
  pid: number | null;
  /** Restarts after an unexpected exit, since the supervisor began. */
  restarts: number;
  /** When the state last changed. */
  since: Date;
  lastExit: { code: number | null; signal: NodeJS.Signals | null; at: Date } | null;
};

export type Supervisor = { readonly name: string; status(): ServiceStatus; stop(): Promise<void> };

export type BackoffOptions = {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Up at least this long, the next failure waits initialMs again. */
  stableMs: number;
};

export const defaultBackoff: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, factor: 2, stableMs: 60_000 };

/** Exponential backoff with a reset; also used for the worker, which is not a process. */
export class Backoff {
  private next = 0;
  private readonly o: BackoffOptions;
  constructor(options: Partial<BackoffOptions> = {}) {
    this.o = { ...defaultBackoff, ...options };
    this.next = this.o.initialMs;
  }
  /** The pause before the next attempt; the one after it is longer. */
  delay(): number {
    const delay = this.next;
    this.next = Math.min(this.o.maxMs, this.next * this.o.factor);
    return delay;
  }
  /** Forget earlier failures when the thing ran for stableMs or longer. */
  ranFor(ms: number): void {
    if (ms >= this.o.stableMs) this.next = this.o.initialMs;
  }
}

/** A pause in words: "1 s", "2.5 s" ("100 ms" below a second). */
export const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`);

/** An error in one line: its first, and its last where it quotes a program's output (whose last line is usually the reason). */
export function oneLine(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : (lines[0] ?? '');
}

/** How a process ended, in words: "killed by SIGKILL", "exit code 1". */
function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

// A supervised child is best spawned in a process group of its own (`detached`), so that a
// Ctrl+C reaches only the supervising program, which stops its children in order; an exit it
// did not ask for is then always a crash. Should that program exit without stopping them,
// they are killed with it: an exit hook cannot wait for a graceful stop, and a worker draining
// a backlog or an API holding keep-alive connections would outlive it (all of them keep their
// state in Temporal or PostgreSQL, so a kill loses nothing).
const supervised = new Set<Supervised>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of supervised) s.killNow();
  });
}

class Supervised implements Supervisor {
  private current: Started | undefined;
  private stopping = false;
  private retry: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private upSince = 0;
  private readonly backoff: Backoff;
  private state: ServiceStatus;

  constructor(
    private readonly o: { name: string; start: () => Promise<Started>; log: Logger; pidFile?: string; backoff?: Partial<BackoffOptions> },
  ) {
    this.backoff = new Backoff(o.backoff);
    this.state = { name: o.name, state: 'stopped', pid: null, restarts: 0, since: new Date(), lastExit: null };
  }

  get name() {
    return this.o.name;
  }

  status(): ServiceStatus {
    return { ...this.state };
  }

  async begin(): Promise<void> {
    installExitHook();
    supervised.add(this);
    this.adopt(await this.o.start());
  }

  private set(state: ServiceState, pid: number | null) {
    this.state = { ...this.state, state, pid, since: new Date() };
  }

  private adopt(started: Started) {
    const child = started.process;
    this.current = started;
    this.upSince = Date.now();
    this.set('running', child.pid ?? null);
    if (this.o.pidFile && child.pid) {
      mkdirSync(dirname(this.o.pidFile), { recursive: true });
      writeFileSync(this.o.pidFile, `${child.pid}\n`);
    }
    const onExit = () => this.exited(started, child.exitCode, child.signalCode);
    // It may have died between answering and being adopted.
    if (child.exitCode !== null || child.signalCode !== null) queueMicrotask(onExit);
    else child.once('exit', onExit);
  }

  private exited(started: Started, code: number | null, signal: NodeJS.Signals | null) {
    if (this.current !== started) return;
    this.current = undefined;
    this.removePidFile();
    if (this.stopping) return;
    const pid = started.process.pid;
    this.state.lastExit = { code, signal, at: new Date() };
    this.backoff.ranFor(Date.now() - this.upSince);
    // What it said last tells why it exited on its own; one that was killed said nothing about it.
    const output = signal ? undefined : started.tail?.().trim().split('\n').slice(-5).join('\n');
    this.scheduleRestart({ childPid: pid, code, signal, output }, `${this.o.name} stopped unexpectedly (${howItEnded(code, signal)}, pid ${pid})`);
  }

  private scheduleRestart(fields: object, what: string) {
    const delay = this.backoff.delay();
    this.set('restarting', null);
    this.o.log.warn({ service: this.o.name, ...fields, restartInMs: delay }, `${what}; restarting it in ${seconds(delay)}`);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.attempt = this.restart().finally(() => (this.attempt = undefined));
    }, delay);
  }

  private async restart() {
    if (this.stopping) return;
    const began = Date.now();
    let started: Started;
    try {
      started = await this.o.start();
    } catch (err) {
      if (!this.stopping) this.scheduleRestart({ err }, `${this.o.name} did not start again (${oneLine(err)})`);
      return;
    }
    if (this.stopping) {
      await started.stop();
      return;
    }
    this.state.restarts++;
    this.adopt(started);
    this.o.log.info({ service: this.o.name, childPid: started.process.pid, restarts: this.state.restarts, startMs: Date.now() - began }, `${this.o.name} is back (pid ${started.process.pid})`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    await this.attempt;
    const current = this.current;
    this.current = undefined;
    await current?.stop();
    this.removePidFile();
    this.set('stopped', null);
    supervised.delete(this);
  }

  /** At process exit: no time to wait, only to ask. */
  killNow() {
    this.current?.process.kill('SIGKILL');
  }

  private removePidFile() {
    if (this.o.pidFile) rmSync(this.o.pidFile, { force: true });
  }
}

/**
 * Starts a service and keeps it running until `stop()`. Resolves once the first start
 * succeeded; rejects (nothing left running) when it fails. `pidFile`, when given, always holds
 * the pid of the running process (for a person, or a test, to find it).
 */
export async function supervise(options: {
  name: string;
  start: () => Promise<Started>;
  log: Logger;
  pidFile?: string;
  backoff?: Partial<BackoffOptions>;
}): Promise<Supervisor> {
  const s = new Supervised(options);
  try {
    await s.begin();
  } catch (err) {
    await s.stop();
    throw err;
  }
  return s;
}
