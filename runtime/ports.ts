// Free TCP ports on loopback, for processes started beside each other (tests, the chaos run, the bench).
import { createServer } from 'node:net';
import type { TemporalPorts } from './temporal-config.ts';

// Ports are picked from 20000-31999, below the kernel's ephemeral range (32768 up): a port
// the kernel handed out to probe would be free for an outgoing connection's local end too, and
// a process connecting to PostgreSQL before it binds (the Temporal server does) could take it
// from itself. Below 32768 also because Temporal keeps its membership ports as a smallint.
const handedOut = new Set<number>();

/** A free TCP port on loopback, never one this process handed out before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Free ports for every listener of a Temporal server (its membership ports below 32768). */
export async function freeTemporalPorts(): Promise<TemporalPorts> {
  const names = ['frontend', 'frontendHttp', 'history', 'matching', 'worker', 'frontendMembership', 'historyMembership', 'matchingMembership', 'workerMembership', 'metrics'] as const;
  const ports: Partial<TemporalPorts> = {};
  for (const name of names) ports[name] = await freePort();
  return ports as TemporalPorts;
}
