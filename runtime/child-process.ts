// A program `npm run start:cluster` runs beside itself (the Temporal server, the API, each
// worker): its output to a log file, the end of it kept for the error message when it stops
// at start, and a stop that asks first (SIGTERM) and insists after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Child = {
  name: string;
  process: ChildProcess;
  logFile: string;
  /** The last few kilobytes it wrote. */
  tail(): string;
  exited(): boolean;
  stop(graceMs?: number): Promise<void>;
};

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Children run in a process group of their own, so Ctrl+C reaches only the orchestrator,
 * which stops them in order (workers before the server they talk to). Should it exit without
 * doing so, they are killed with it.
 */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export function startChild(o: { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Child {
  installExitHook();
  mkdirSync(dirname(o.logFile), { recursive: true });
  const log = createWriteStream(o.logFile, { flags: 'a' });
  const child = spawn(o.command, o.args, { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.add(child);
  let tail = '';
  const collect = (b: Buffer) => {
    log.write(b);
    tail = (tail + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      log.end();
      resolve();
    }),
  );
  // A spawn that fails (no such program) reports here; the exit above follows it.
  child.once('error', (err) => collect(Buffer.from(`${o.name}: ${err.message}\n`)));
  return {
    name: o.name,
    process: child,
    logFile: o.logFile,
    tail: () => tail,
    exited: () => exited,
    async stop(graceMs = 30_000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it holds; fails early, with the child's last output, if the child stops. */
export async function waitUntilReady(child: Child, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`${child.name} stopped before ${what} (log: ${child.logFile}):\n${child.tail()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      await child.stop(5_000);
      throw new Error(`${child.name}: no ${what} within ${timeoutMs / 1000} s (log: ${child.logFile}):\n${child.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
