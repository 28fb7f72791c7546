// For the ops tests: a private copy of the standard ladder (so counts are not mixed with
// other test files' cases on the shared server), many cases opened at once, and the
// Temporal CLI pointed at the test server.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { standardLadder } from '../../definition/shipped/standard-ladder.ts';
import type { DefinitionInput } from '../../definition/schema.ts';
import { ensureTemporalCli } from '../../runtime/temporal-cli.ts';
import { cliTlsArgs } from '../../runtime/temporal-tls.ts';
import type { TemporalClientTls } from '../../server/temporal.ts';
import { TEST_TENANT_LINK_KEY, testLetterSettings, type Api, type Harness } from './harness.ts';

const run = promisify(execFile);

/** Publishes the standard ladder under a fresh id; returns that id (version 1). */
export async function publishLadderCopy(policyOwner: Api, prefix = 'ops', change?: (d: DefinitionInput) => DefinitionInput): Promise<string> {
  const id = `${prefix}-${randomUUID().slice(0, 8)}`;
  const body = { ...structuredClone(standardLadder), id, name: `Ladder ${id}` };
  const res = await policyOwner.post('/api/definitions/publish', { definition: change ? change(body) : body, note: 'ops test' });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** Opens `count` cases, a few at a time (the machine has two cores). */
export async function openMany(h: Harness, api: Api, count: number, overrides: (i: number) => Record<string, unknown>, concurrency = 6) {
  const out: Array<{ id: string; workflowId: string; reference: string }> = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await h.openCase(api, overrides(i));
      }
    }),
  );
  return out;
}

/** Runs the project's Temporal CLI against the test server (or the one at `address`); returns stdout. */
export async function temporalCli(args: string[], address = inject('temporalAddress'), tls?: TemporalClientTls): Promise<string> {
  const binary = await ensureTemporalCli(() => undefined);
  const { stdout } = await run(binary, [...args, '--address', address, '--namespace', 'default', ...(tls ? cliTlsArgs(tls) : [])], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

type Payload = { data?: string; metadata?: Record<string, string> };
const decode = (p: Payload | undefined): unknown => (p?.data ? JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) : undefined);

/** `temporal workflow list -o jsonl --query …`, with each workflow's search attributes decoded. */
export async function listWorkflows(query: string, address?: string, tls?: TemporalClientTls): Promise<Array<{ workflowId: string; attributes: Record<string, unknown> }>> {
  const out = await temporalCli(['workflow', 'list', '--query', query, '--output', 'jsonl', '--limit', '5000'], address, tls);
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const wf = JSON.parse(l) as { execution: { workflowId: string }; searchAttributes?: { indexedFields?: Record<string, Payload> } };
      const fields = wf.searchAttributes?.indexedFields ?? {};
      return { workflowId: wf.execution.workflowId, attributes: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, decode(v)])) };
    });
}

/** `temporal workflow count --query …` as a number. */
export async function countWorkflows(query: string): Promise<number> {
  const out = await temporalCli(['workflow', 'count', '--query', query, '--output', 'json']);
  const parsed = JSON.parse(out) as { count?: string | number };
  return Number(parsed.count ?? 0);
}

/**
 * A second API app on the harness's database, Temporal client and task queue, with what the
 * harness's own app does not set: a Temporal Web UI address (for links) and a logger whose
 * lines the test can read.
 */
export async function startOpsApp(h: Harness, options: { temporalUiUrl?: string; logLines?: string[]; metricsToken?: string } = {}) {
  const { buildApp } = await import('../../server/app.ts');
  const { listen } = await import('../../server/listen.ts');
  const { pino } = await import('pino');
  const { Writable } = await import('node:stream');
  const lines = options.logLines;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines?.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = buildApp({
    pool: h.pool,
    temporal: h.temporal,
    log: pino({ level: lines ? 'info' : 'silent' }, stream),
    taskQueue: h.taskQueue,
    defaultTimeScale: 1,
    allowTimeScale: true,
    secureCookies: false,
    tenantLinkKey: TEST_TENANT_LINK_KEY,
    letters: testLetterSettings(),
    ...(options.temporalUiUrl ? { temporalUiUrl: options.temporalUiUrl } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  const server = listen(app, 0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const { Api: ApiClass, sessionOf } = await import('./harness.ts');
  const as = async (username: string) => {
    const res = await new ApiClass(baseUrl).post('/api/auth/login', { username, password: 'demo-wachtwoord' });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status}`);
    return new ApiClass(baseUrl, sessionOf(res));
  };
  return { baseUrl, as, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Prometheus text → {"name{label=\"v\",...}": value}, labels in the order printed. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (m) out.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return out;
}

/** The sum of every series of a metric whose labels include all of `labels`. */
export function metricSum(metrics: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [key, value] of metrics) {
    const m = /^([^{]+)(?:\{(.*)\})?$/.exec(key);
    if (!m || m[1] !== name) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) sum += value;
  }
  return sum;
}
