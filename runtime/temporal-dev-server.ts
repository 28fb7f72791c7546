// Starts the Temporal dev server with the search attributes the engine sets. With a
// db file its state survives a restart; without one it lives in memory (tests).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeRegistrations } from '../workflows/search-attributes.ts';

export type DevServer = { address: string; uiUrl: string; process: ChildProcess; /** The end of what it wrote. */ tail(): string; stop(): Promise<void> };

export async function startDevServer(options: {
  binary: string;
  port: number;
  uiPort: number;
  namespace: string;
  dbFile?: string;
  headless?: boolean;
  /** In a process group of its own: a Ctrl+C then reaches only the program that stops it (npm start). */
  ownProcessGroup?: boolean;
  log?: (line: string) => void;
}): Promise<DevServer> {
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'error',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.headless ? ['--headless'] : []),
    // New timer tasks become readable only after this shift (1 s by default), so a short
    // timer fires up to a second late. Under a case time scale a second is days of business
    // time; a small shift keeps accelerated waits on time.
    '--dynamic-config-value',
    'history.timerProcessorMaxTimeShift="50ms"',
    // A message activity scheduled by a workflow task goes straight back to the worker that
    // asked for it (the SDK requests this), saving a round trip through matching per message.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    // Many small transactions on SQLite: WAL keeps writers from blocking readers.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    ...searchAttributeRegistrations.flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownProcessGroup ?? false });
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The Temporal dev server stopped at start:\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The Temporal dev server did not come up on ${address} within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    tail: () => output,
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
