// Free TCP ports on loopback, for processes started beside each other (tests, the chaos run, the bench).
import { createServer } from 'node:net';
import type { TemporalPorts } from './temporal-config.ts';

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A free port below 32768 (Temporal keeps its membership ports as a smallint), from 20000 up at random. */
export async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Free ports for every listener of a Temporal server (its membership ports below 32768). */
export async function freeTemporalPorts(): Promise<TemporalPorts> {
  const names = ['frontend', 'frontendHttp', 'history', 'matching', 'worker', 'frontendMembership', 'historyMembership', 'matchingMembership', 'workerMembership', 'metrics'] as const;
  const ports: Partial<TemporalPorts> = {};
  for (const name of names) ports[name] = name.endsWith('Membership') ? await freeLowPort() : await freePort();
  return ports as TemporalPorts;
}
