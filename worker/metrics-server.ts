// A worker running as its own process exposes its metrics (activity attempts, failures and
// durations; Node's own) on a port of its own, for Prometheus to scrape each worker replica.
import { createServer, type Server } from 'node:http';
import { tokenMatches } from '../server/metrics/metrics-endpoint.ts';
import { processRegistry } from '../server/metrics/process-metrics.ts';

/** `token`: METRICS_TOKEN, which /metrics then needs as a bearer token (/health stays open for probes). */
export function startMetricsServer(port: number, o: { host?: string; token?: string | undefined } = {}): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/metrics' && req.url !== '/health')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
      return;
    }
    if (o.token && !tokenMatches(req, o.token)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('metrics need the bearer token (METRICS_TOKEN)\n');
      return;
    }
    processRegistry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': processRegistry.contentType }).end(text))
      .catch((err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`));
  });
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, o.host ?? '0.0.0.0', () => resolve(server)));
}
