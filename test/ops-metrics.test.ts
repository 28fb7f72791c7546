// Observability: /metrics scraped as Prometheus would, with the counters moving as cases
// progress (opened, closed by outcome, step durations, task completion latency, messages, API
// latency, activity attempts); the health check; request logs with the case id and without
// personal data.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { redact } from '../server/redact.ts';
import { startMetricsServer } from '../worker/metrics-server.ts';
import { closedWith, complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';
import { metricSum, parseMetrics, startOpsApp } from './support/ops.ts';

let h: Harness;
beforeAll(async () => {
  // The metrics count every case in the database: this file's cases alone, not its neighbours'.
  h = await startHarness({ ownDatabase: true });
});
afterAll(async () => h?.stop());

const scrape = async () => {
  const res = await h.anonymous.get<string>('/metrics');
  expect(res.status).toBe(200);
  return parseMetrics(res.body);
};

function letterWaitCall(id: string): DefinitionInput {
  return {
    id,
    name: 'Brief, wachten, bellen',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'letter' } },
      { id: 'letter', name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'wait', failed: 'wait' } },
      { id: 'wait', name: 'Twee dagen wachten', kind: 'wait', duration: 'P2D', next: { elapsed: 'call' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld', fields: [] }], next: { done: 'end' } },
      { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

test('/metrics shows the counters moving as cases progress', async () => {
  const [eva, sanne] = await Promise.all([h.as('eva'), h.as('sanne')]);
  const id = `metrics-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: letterWaitCall(id) })).status).toBe(201);
  const before = await scrape();
  const d = (after: Map<string, number>, name: string, labels: Record<string, string> = {}) => metricSum(after, name, labels) - metricSum(before, name, labels);

  const cases: Array<{ id: string; workflowId: string; reference: string }> = [];
  for (let i = 0; i < 3; i++) cases.push(await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(2) }));
  // While they wait: opened, not yet closed.
  const midway = await waitFor('the opened counter to move', async () => {
    const m = await scrape();
    return d(m, 'arrears_cases_opened_total') >= 3 ? m : undefined;
  });
  expect(d(midway, 'arrears_cases_closed_total', { outcome: 'handed-over' })).toBe(0);
  expect(d(midway, 'arrears_http_request_duration_seconds_count', { method: 'POST', route: '/api/cases', status: '201' })).toBe(3);

  for (const c of cases) await complete(sanne, (await openTask(h, c.id, 'call')).id, 'done');
  for (const c of cases) await closedWith(h, c.id);
  const after = await waitFor('the closed counter to move', async () => {
    const m = await scrape();
    return d(m, 'arrears_cases_closed_total', { outcome: 'handed-over' }) >= 3 ? m : undefined;
  });
  expect(d(after, 'arrears_cases_closed_total', { outcome: 'handed-over' })).toBe(3);
  // Four finished step visits per case (start, letter, wait, call), each observed once.
  expect(d(after, 'arrears_step_duration_seconds_count', { step: 'letter' })).toBeGreaterThanOrEqual(3);
  // The two-day wait lands above the one-day bucket and within the seven-day one (business time;
  // at two days a second, a step recorded a second late under load has run three days, so the
  // three-day bucket would race the clock).
  const waitCount = d(after, 'arrears_step_duration_seconds_count', { kind: 'wait', step: 'wait' });
  expect(waitCount).toBeGreaterThanOrEqual(3);
  expect(d(after, 'arrears_step_duration_seconds_bucket', { kind: 'wait', step: 'wait', le: '604800' })).toBe(waitCount);
  expect(d(after, 'arrears_step_duration_seconds_bucket', { kind: 'wait', step: 'wait', le: '86400' })).toBe(0);
  expect(d(after, 'arrears_task_completion_seconds_count', { role: 'caseworker', kind: 'phone-call' })).toBe(3);
  // Letters wait for the day's print batch until it is handed to the post (server/letters/).
  expect(d(after, 'arrears_messages_total', { channel: 'letter', status: 'awaiting-print' })).toBe(3);
  // The activities ran in this process's worker: its attempts are counted.
  // The read model's writes, in batches (workflows/read-model-writes.ts): at least the letter's,
  // the wait's and the call's of each case, which happen in different workflow tasks.
  expect(d(after, 'arrears_activity_executions_total', { activity: 'applyWrites', result: 'ok' })).toBeGreaterThanOrEqual(9);
  expect(d(after, 'arrears_activity_executions_total', { activity: 'sendMessage', result: 'ok' })).toBeGreaterThanOrEqual(3);
  // API latency per route pattern, never per id.
  expect(d(after, 'arrears_http_request_duration_seconds_count', { route: '/api/tasks/:id/complete', status: '200' })).toBe(3);
  expect([...after.keys()].some((k) => cases.some((c) => k.includes(c.id)))).toBe(false);
});

test('the health check answers for PostgreSQL and Temporal and counts the workers polling the task queue; the details only for ops', async () => {
  const res = await (await h.as('omar')).get('/api/health');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok', postgres: 'ok', temporal: 'ok', workers: { taskQueue: h.taskQueue } });
  expect(res.body.workers.pollers).toBeGreaterThanOrEqual(1);
  expect(typeof res.body.latencyMs.postgres).toBe('number');
  // A probe or a stranger: up or down and the number of workers, nothing about the insides.
  const anonymous = await h.anonymous.get('/api/health');
  expect(anonymous.body).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok', workers: { pollers: expect.any(Number) } });
  expect((await (await h.as('sanne')).get('/api/health')).body.latencyMs).toBeUndefined();
});

test('request logs are JSON with the case id, and carry no tenant name, search term or note', async () => {
  const lines: string[] = [];
  const app = await startOpsApp(h, { logLines: lines });
  try {
    const sanne = await app.as('sanne');
    const name = `Geheime Naam ${randomUUID().slice(0, 6)}`;
    const c = await h.openCase(sanne, { tenant: { name, phone: '+31612340000', email: 'geheim@example.nl' }, timeScale: daysPerSecond(0.001) });
    await sanne.get(`/api/cases/${c.id}`);
    await sanne.get(`/api/cases?q=${encodeURIComponent(name)}`);
    const omar = await app.as('omar');
    await omar.post(`/api/cases/${c.id}/pause`, { reason: `Gesprek met ${name}`, reviewDate: '2099-01-01' });
    await waitFor('the request logs', async () => lines.length >= 4 || undefined);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const forCase = parsed.filter((l) => l.caseId === c.id);
    expect(forCase.length).toBeGreaterThanOrEqual(2);
    expect(forCase.some((l) => (l.req as { url: string }).url === `/api/cases/${c.id}/pause`)).toBe(true);
    const all = lines.join('\n');
    for (const secret of [name, encodeURIComponent(name), 'Geheime', 'geheim@example.nl', '+31612340000', 'Gesprek met']) expect(all).not.toContain(secret);
    // The search is logged as "a q was given", not what it was.
    expect(parsed.some((l) => (l.req as { url?: string } | undefined)?.url === '/api/cases?q=…')).toBe(true);
  } finally {
    await app.stop();
  }
  // A worker's log line for a failed attempt keeps addresses and numbers out of the error text.
  expect(redact('550 5.1.1 <jan.devries@example.nl>: mailbox unavailable; call +31 6 1234 5678')).toBe('550 5.1.1 <[e-mail]>: mailbox unavailable; call [number]');
});

test('with METRICS_TOKEN set, /metrics needs that bearer token', async () => {
  const token = 'a-long-enough-metrics-token';
  const app = await startOpsApp(h, { metricsToken: token });
  try {
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    const ok = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('arrears_cases_opened_total');
  } finally {
    await app.stop();
  }
});

test("a worker's metrics need METRICS_TOKEN when it is set; its /health stays open for probes", async () => {
  const server = await startMetricsServer(0, { host: '127.0.0.1', token: 'worker-metrics-token-1234' });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token-1234' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu_seconds_total');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  } finally {
    server.close();
  }
});
