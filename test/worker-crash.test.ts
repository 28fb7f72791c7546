// Workers die. A worker process is killed with SIGKILL again and again in the middle of a
// ladder of messages and waits; when a worker is finally left running, every case finishes
// with each message recorded exactly once and none missing, and the WhatsApp provider saw
// one idempotency key per message.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
let provider: Server;
const providerKeys: string[] = [];
let bundleFile: string;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      providerKeys.push(String(req.headers['idempotency-key']));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', () => r()));
  bundleFile = join(mkdtempSync(join(tmpdir(), 'arrears-bundle-')), 'workflow-bundle.js');
  writeFileSync(bundleFile, inject('workflowBundle'));
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  provider?.close();
  await h?.stop();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: inject('databaseUrl'),
      TASK_QUEUE: h.taskQueue,
      WORKFLOW_BUNDLE: bundleFile,
      WHATSAPP_API_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/messages`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.add(child);
  child.on('exit', () => workers.delete(child));
  return child;
}

/** Resolves once the worker has logged that it polls its task queue. */
async function ready(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it started: ${out}`)));
  });
}

async function kill(child: ChildProcess) {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

const steps = ['letter', 'whatsapp', 'sms', 'email', 'final-letter'] as const;
function messageLadder(id: string): DefinitionInput {
  const channel = { letter: 'letter', whatsapp: 'whatsapp', sms: 'sms', email: 'email', 'final-letter': 'letter' } as const;
  const template = { letter: 'betalingsherinnering', whatsapp: 'whatsapp-betaallink', sms: 'sms-herinnering', email: 'herinnering-email', 'final-letter': 'veertiendagenbrief' } as const;
  const out: DefinitionInput['steps'] = [{ id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'letter' } }];
  steps.forEach((s, i) => {
    const next = steps[i + 1] ? `wait-${i}` : 'end';
    out.push({ id: s, name: s, kind: 'communicate', channel: channel[s], template: template[s], next: { sent: next, failed: next } });
    if (steps[i + 1]) out.push({ id: `wait-${i}`, name: `wacht ${i}`, kind: 'wait', duration: 'P1D', next: { elapsed: steps[i + 1]! } });
  });
  out.push({ id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' });
  return { id, name: 'Berichtenladder (crashtest)', steps: out };
}

test('cases survive repeated SIGKILLs of their worker: every message exactly once, none missing', async () => {
  const eva = await h.as('eva');
  const sanne = await h.as('sanne');
  const definitionId = `crash-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: messageLadder(definitionId) })).status).toBe(201);

  const cases: Array<{ id: string; workflowId: string }> = [];
  for (let i = 0; i < 12; i++) cases.push(await h.openCase(sanne, { definitionId, timeScale: daysPerSecond(2) }));

  const closedCount = async () => (await h.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'closed'`, [cases.map((c) => c.id)])).rows[0]!.n;
  const recorded = async () => (await h.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE case_id = ANY($1)`, [cases.map((c) => c.id)])).rows[0]!.n;
  let kills = 0;
  for (let round = 0; round < 6; round++) {
    const before = await recorded();
    const worker = startWorker();
    await ready(worker);
    // Kill as soon as the worker is visibly in the middle of the work.
    await waitFor(`progress in round ${round + 1}`, async () => ((await recorded()) >= before + 3 ? true : undefined), 60_000, 20);
    await kill(worker);
    kills++;
  }
  // Some work happened between the kills, but not all of it.
  expect(await recorded()).toBeGreaterThanOrEqual(18);
  expect(await closedCount()).toBeLessThan(cases.length);

  startWorker();
  await waitFor('every case closed', async () => ((await closedCount()) === cases.length ? true : undefined), 90_000, 250);
  expect(kills).toBe(6);

  for (const c of cases) {
    const sent = await h.pool.query<{ step_id: string; status: string }>(`SELECT step_id, status FROM outbox WHERE case_id = $1 ORDER BY id`, [c.id]);
    expect(sent.rows.map((r) => r.step_id)).toEqual([...steps]);
    // Letters wait for the day's print batch (server/letters/); every other message went out.
    expect(sent.rows.map((r) => r.status)).toEqual(steps.map((s) => (s === 'letter' || s === 'final-letter' ? 'awaiting-print' : 'sent')));
    const timeline = await h.pool.query<{ step_id: string }>(`SELECT step_id FROM case_events WHERE case_id = $1 AND type = 'step' ORDER BY id`, [c.id]);
    expect(timeline.rows.map((r) => r.step_id)).toEqual(['start', 'letter', 'wait-0', 'whatsapp', 'wait-1', 'sms', 'wait-2', 'email', 'wait-3', 'final-letter', 'end']);
  }
  // The provider may see a retried send again after a kill, but always under the same key.
  const outboxKeys = (await h.pool.query<{ key: string }>(`SELECT key FROM outbox WHERE case_id = ANY($1) AND channel = 'whatsapp'`, [cases.map((c) => c.id)])).rows.map((r) => r.key);
  expect(new Set(providerKeys)).toEqual(new Set(outboxKeys));
  expect(outboxKeys).toHaveLength(cases.length);
});
