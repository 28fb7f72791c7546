// GET /metrics for Prometheus: this app's registry (API latency, business metrics from
// PostgreSQL) and the process's (Node, and the activities of a worker in this process).
// Scraping needs no session; with METRICS_TOKEN set it needs that bearer token, for a
// /metrics reachable from outside the cluster network.
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';

/** The request's bearer token is METRICS_TOKEN (compared in constant time). */
export function tokenMatches(req: Pick<Request, 'headers'>, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function metricsEndpoint(registries: Registry[], token?: string) {
  return async (req: Request, res: Response) => {
    if (token && !tokenMatches(req, token)) {
      res.status(401).type('text/plain').send('metrics need the bearer token (METRICS_TOKEN)\n');
      return;
    }
    const parts = await Promise.all(registries.map((r) => r.metrics()));
    res.setHeader('content-type', registries[0]!.contentType);
    res.send(parts.join('\n'));
  };
}
