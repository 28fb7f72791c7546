// Several workers on the real Temporal server, started the way `npm run start:cluster` starts
// it (runtime/cluster.ts): Temporal's databases set up by its own schema tool on the run's
// PostgreSQL, the server on PostgreSQL persistence and visibility, the namespace and search
// attributes, the API and three worker processes. Cases run the standard ladder at a time
// scale; the worker that ran most of them is killed with SIGKILL in the middle (and started
// again by the cluster). Every case
// still reaches the state it should, each message exactly once, and `temporal workflow list`
// on that server finds the cases by their search attributes. Payloads are encrypted (PAYLOAD_KEYS):
// the Temporal Web UI, in a real browser, shows an ops user a case's input decoded through the
// app's codec endpoint, and a caseworker only ciphertext. The server takes mutual TLS: a client
// without a certificate from the cluster's own authority is refused before it can send anything.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, Client } from '@temporalio/client';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { loopbackTemporal, startCluster, type Cluster } from '../runtime/cluster.ts';
import { createPool, type Db } from '../server/db/pool.ts';
import { DEMO_PASSWORD } from '../server/db/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { atStep, complete, messages, openTask, stepsTaken } from './support/cases.ts';
import { workingStart } from './support/clock.ts';
import { createDatabase, dropDatabase } from './support/database.ts';
import { Api, daysPerSecond, sessionOf, waitFor } from './support/harness.ts';
import { LoopbackProvider } from './support/loopback.ts';
import { listWorkflows, temporalCli } from './support/ops.ts';
import { ensureTemporalCertificates } from '../runtime/temporal-tls.ts';
import { temporalTls } from '../server/temporal.ts';
import { paymentReceivedSignal } from '../workflows/messages.ts';
import { freePort } from '../runtime/ports.ts';

let cluster: Cluster;
let pool: Db;
let provider: LoopbackProvider;
const dir = mkdtempSync(join(tmpdir(), 'arrears-cluster-'));
const drops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  provider = await new LoopbackProvider().start();

  // Fresh databases on the run's PostgreSQL: the app's here, Temporal's two by its schema tool.
  const shared = inject('databaseUrl');
  const name = `${new URL(shared).pathname.slice(1)}_cluster_${randomUUID().slice(0, 6)}`;
  const app = await createDatabase(shared, name);
  drops.push(app.drop);
  for (const db of [`${name}_temporal`, `${name}_visibility`]) drops.push(() => dropDatabase(shared, db));
  const bundle = join(dir, 'workflow-bundle.js');
  writeFileSync(bundle, inject('workflowBundle'));

  cluster = await startCluster({
    dir,
    databaseUrl: app.url,
    embeddedPgPort: 0,
    temporal: await loopbackTemporal(`${name}_temporal`, `${name}_visibility`),
    api: { host: '127.0.0.1', port: await freePort() },
    ui: { port: await freePort() },
    workerMetricsPorts: [await freePort(), await freePort(), await freePort()],
    workflowBundle: bundle,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'warn', SEED_DEMO: 'true', WHATSAPP_API_URL: provider.url, PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` },
    log: () => undefined,
  });
  pool = createPool(cluster.databaseUrl, 4);
}, 240_000);

afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
  await provider?.stop();
  for (const drop of drops) await drop().catch((e: Error) => console.error(e.message));
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<Api> {
  const res = await new Api(cluster.apiUrl).post('/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return new Api(cluster.apiUrl, sessionOf(res));
}

async function openCase(api: Api, i: number, timeScale: number) {
  const reference = `CL-${i}-${randomUUID().slice(0, 6).toUpperCase()}`;
  const res = await api.post('/api/cases', {
    tenancy: { reference, street: `Clusterstraat ${i}`, postalCode: '3011 AB', city: 'Rotterdam', minorsInHousehold: false },
    tenant: { name: `Huurder ${i}`, phone: `+3161234${String(i).padStart(4, '0')}`, email: `huurder${i}@example.nl` },
    arrearsCents: 80_000,
    dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    businessStart: workingStart(),
    timeScale,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.case.id as string, workflowId: res.body.case.workflowId as string, reference };
}

/** Which worker process (pid) ran each workflow task of a case, from its history. */
async function taskWorkers(client: Client, workflowId: string): Promise<number[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const identity = e.workflowTaskCompletedEventAttributes?.identity;
    return identity ? [Number(identity.split('@')[0])] : [];
  });
}

const count = async (sql: string, params: unknown[]) => (await pool.query<{ n: number }>(sql, params)).rows[0]!.n;

test('three workers on the PostgreSQL-backed server: one killed mid-ladder, every case reaches its state, every message once, found by search attribute', async () => {
  const sanne = await signIn('sanne');
  const fleur = await signIn('fleur');
  // Six cases run the ladder to the phone call (two business days a second); three tenants pay
  // after the reminder (a day a second: a week's room to pay) and close after the aftercare call.
  const ladder: Array<Awaited<ReturnType<typeof openCase>>> = [];
  const payers: typeof ladder = [];
  for (let i = 0; i < 6; i++) ladder.push(await openCase(sanne, i, daysPerSecond(2)));
  for (let i = 6; i < 9; i++) payers.push(await openCase(sanne, i, daysPerSecond(1)));
  const cases = [...ladder, ...payers];
  const ids = cases.map((c) => c.id);

  await waitFor('every reminder letter', async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE case_id = ANY($1) AND step_id = 'reminder-letter'`, [ids])) === 9, 60_000, 100);
  // The payers pay in the wait after the letter (a payment before it would skip the wait, as it should).
  for (const c of payers) await atStep({ pool }, c.id, 'wait-after-reminder', 60_000);
  for (const c of payers) {
    // Above the approval threshold: registered by sanne, approved by fleur (finance).
    const registered = await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `BANK-${c.reference}`, amountCents: 80_000 });
    expect(registered.status, JSON.stringify(registered.body)).toBe(202);
    const paid = await fleur.post(`/api/payment-requests/${registered.body.request.id}/approve`, {});
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  }

  // Kill the worker that ran most of the payers' cases (work is still ahead of every one of them).
  const connection = await Connection.connect({ address: cluster.temporalAddress, ...temporalTls(cluster.temporalTls) });
  const client = new Client({ connection, namespace: 'default' });
  const ranBefore = new Map<string, number[]>();
  for (const c of cases) ranBefore.set(c.workflowId, await taskWorkers(client, c.workflowId));
  const ran = (pid: number) => payers.filter((c) => ranBefore.get(c.workflowId)!.includes(pid)).length;
  const pid = (w: (typeof cluster.workers)[number]) => w.status().pid!;
  const victim = [...cluster.workers].sort((a, b) => ran(pid(b)) - ran(pid(a)))[0]!;
  const victimPid = pid(victim);
  expect(ran(victimPid)).toBeGreaterThan(0);
  process.kill(victimPid, 'SIGKILL');
  await waitFor('the killed worker noticed', async () => victim.status().pid !== victimPid || undefined, 10_000, 20);
  expect(await count(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'closed'`, [ids])).toBe(0);

  // The ladder cases reach the phone call; the payers their aftercare call, which closes them.
  await Promise.all([
    ...ladder.map((c) => openTask({ pool }, c.id, 'phone-call', 90_000)),
    ...payers.map(async (c) => complete(sanne, (await openTask({ pool }, c.id, 'aftercare-call', 90_000)).id, 'talked', { note: 'Betaald; gaat goed.' })),
  ]);
  await waitFor('the payers closed', async () => (await count(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'closed' AND outcome = 'paid'`, [payers.map((c) => c.id)])) === 3, 60_000, 200);

  // What the killed worker had run went on on the others.
  for (const c of payers.filter((p) => ranBefore.get(p.workflowId)!.includes(victimPid))) {
    const after = (await taskWorkers(client, c.workflowId)).slice(ranBefore.get(c.workflowId)!.length);
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toContain(victimPid);
  }

  // Every message exactly once, none missing, each under its own key; the provider saw only those keys.
  for (const c of ladder) {
    expect((await messages({ pool }, c.id)).map((m) => [m.step_id, m.channel, m.status])).toEqual([
      ['reminder-letter', 'letter', 'awaiting-print'],
      ['whatsapp-link', 'whatsapp', 'sent'],
    ]);
    expect(await stepsTaken({ pool }, c.id)).toEqual(['start', 'reminder-letter', 'wait-after-reminder', 'segment-check', 'whatsapp-link', 'wait-after-whatsapp', 'phone-call']);
  }
  for (const c of payers) {
    expect((await messages({ pool }, c.id)).map((m) => [m.step_id, m.status])).toEqual([['reminder-letter', 'awaiting-print']]);
    expect(await stepsTaken({ pool }, c.id)).toEqual(['start', 'reminder-letter', 'wait-after-reminder', 'paid', 'aftercare-wait', 'aftercare-call', 'end-paid']);
  }
  const sent = (await pool.query<{ key: string; channel: string }>(`SELECT key, channel FROM outbox WHERE case_id = ANY($1)`, [ids])).rows;
  expect(sent).toHaveLength(9 + ladder.length);
  expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);
  // (A send retried after the kill reaches the provider again, under the same key.)
  expect(new Set(provider.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set(sent.filter((m) => m.channel === 'whatsapp').map((m) => m.key)));
  expect(provider.delivered.size).toBe(ladder.length);

  // `temporal workflow list` on that server (PostgreSQL visibility) finds them by search
  // attribute, with what the read model says of each.
  const waitingOn = async () =>
    new Map((await pool.query<{ workflow_id: string; waiting_on: string }>(`SELECT workflow_id, waiting_on FROM cases WHERE id = ANY($1)`, [ids])).rows.map((r) => [r.workflow_id, r.waiting_on]));
  const atCall = await waitFor('the phone-call cases in visibility, as the read model has them', async () => {
    const found = await listWorkflows(`CaseStep = 'phone-call' AND CaseDefinition = 'standard-ladder'`, cluster.temporalAddress, cluster.operatorTls);
    const readModel = await waitingOn();
    return found.length === ladder.length && found.every((w) => w.attributes.CaseWaitingOn === readModel.get(w.workflowId)) ? found : undefined;
  });
  expect(atCall.map((w) => w.workflowId).sort()).toEqual(ladder.map((c) => c.workflowId).sort());
  for (const w of atCall) {
    expect(w.attributes).toMatchObject({ CaseStep: 'phone-call', CaseStatus: 'active', CasePaused: false, CaseDefinitionVersion: 1, CaseBalance: 800 });
    // The call's deadline escalates it to the team lead after two business days.
    expect(['caseworker', 'team-lead']).toContain(w.attributes.CaseWaitingOn);
  }
  const closed = await waitFor('the closed cases in visibility', async () => {
    const found = await listWorkflows(`CaseStep = 'end-paid' AND ExecutionStatus = 'Completed'`, cluster.temporalAddress, cluster.operatorTls);
    return found.length === payers.length ? found : undefined;
  });
  expect(closed.map((w) => w.workflowId).sort()).toEqual(payers.map((c) => c.workflowId).sort());
  for (const w of closed) expect(w.attributes).toMatchObject({ CaseBalance: 0, CaseDefinition: 'standard-ladder' });

  // The killed worker was started again by the cluster; all three serve their own metrics.
  await waitFor('the killed worker back', async () => (victim.status().state === 'running' ? true : undefined), 60_000, 100);
  expect(victim.status().restarts).toBe(1);
  expect(victim.status().lastExit?.signal).toBe('SIGKILL');
  for (const w of cluster.workers) {
    const metrics = await fetch(`http://127.0.0.1:${w.metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('arrears_activity_executions_total');
  }
  await connection.close();
});

test('the Temporal Web UI shows an ops user a case decoded through the app, and a caseworker only ciphertext', async () => {
  const c = await openCase(await signIn('sanne'), 99, 1);
  const browser = await launchBrowser();
  try {
    // What the UI shows of the case's input, once the page has had its payloads decoded (or not).
    const inputAs = async (username: string | null) => {
      const context = await browser.newContext();
      try {
        // Signed in to the app in the same browser: its session cookie (127.0.0.1, same site as
        // the UI) goes with the UI's credentialed calls to the codec endpoint.
        if (username) expect((await context.request.post(`${cluster.apiUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } })).status()).toBe(200);
        const page = await context.newPage();
        const decodes: number[] = [];
        page.on('response', (r) => void (r.url().endsWith('/api/temporal-codec/decode') && decodes.push(r.status())));
        await page.goto(`${cluster.temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(c.workflowId)}`);
        await page.getByText('Input', { exact: true }).first().waitFor({ timeout: 60_000 });
        await expect.poll(() => decodes.length, { timeout: 30_000 }).toBeGreaterThan(0);
        // Decoded payloads are drawn a moment after the codec answers.
        if (decodes.includes(200)) await page.getByText(c.id).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
        return { text: await page.locator('body').innerText(), decodes };
      } finally {
        await context.close();
      }
    };
    const ops = await inputAs('omar');
    expect(ops.decodes).toContain(200);
    expect(ops.text).toContain(c.id);
    expect(ops.text).not.toContain('binary/encrypted');
    const caseworker = await inputAs('sanne');
    expect(caseworker.decodes).not.toContain(200);
    expect(caseworker.text).not.toContain(c.id);
    const anonymous = await inputAs(null);
    expect(anonymous.decodes).not.toContain(200);
    expect(anonymous.text).not.toContain(c.id);
  } finally {
    await browser.close();
  }
});

test('Temporal refuses whoever comes without a certificate from the cluster\'s authority: no signal reaches a case; the app and the operator\'s CLI get in', async () => {
  const sanne = await signIn('sanne');
  const c = await openCase(sanne, 98, 1);
  await waitFor('the case waits after its letter', async () => ((await count(`SELECT count(*)::int AS n FROM outbox WHERE case_id = $1`, [c.id])) === 1 ? true : undefined), 60_000, 100);
  const forged = { reference: `FORGED-${c.reference}`, amountCents: 80_000 };
  const attempt = async (options: Parameters<typeof Connection.connect>[0], act: 'signal' | 'describe' = 'signal') => {
    const connection = await Connection.connect({ ...options, connectTimeout: 5_000 });
    try {
      if (act === 'describe') {
        // Raw, so that nothing needs decoding (the payloads are encrypted, this client has no keys).
        const described = await connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: c.workflowId } });
        return described.workflowExecutionInfo?.status === 1 ? 'RUNNING' : String(described.workflowExecutionInfo?.status);
      }
      await new Client({ connection, namespace: 'default' }).workflow.getHandle(c.workflowId).signal(paymentReceivedSignal, forged);
      return 'signalled';
    } finally {
      await connection.close();
    }
  };
  // The same way in with the app's certificate works (so what fails below fails for the certificate).
  expect(await attempt({ address: cluster.temporalAddress, ...temporalTls(cluster.temporalTls) }, 'describe')).toBe('RUNNING');
  // Plain text, as the port was before; TLS without a client certificate; a certificate from an authority of one's own.
  await expect(attempt({ address: cluster.temporalAddress })).rejects.toThrow();
  const { ca, serverName } = cluster.temporalTls;
  await expect(attempt({ address: cluster.temporalAddress, tls: { serverNameOverride: serverName!, serverRootCACertificate: readFileSync(ca) } })).rejects.toThrow();
  const stranger = await ensureTemporalCertificates(join(dir, 'stranger-tls'), ['127.0.0.1']);
  await expect(
    attempt({ address: cluster.temporalAddress, tls: { serverNameOverride: serverName!, serverRootCACertificate: readFileSync(ca), clientCertPair: { crt: readFileSync(stranger.app.cert), key: readFileSync(stranger.app.key) } } }),
  ).rejects.toThrow();
  // The CLI without the operator's certificate is refused too; with it, it lists the case.
  await expect(temporalCli(['workflow', 'describe', '--workflow-id', c.workflowId], cluster.temporalAddress)).rejects.toThrow();
  expect((await listWorkflows(`WorkflowId = '${c.workflowId}'`, cluster.temporalAddress, cluster.operatorTls)).map((w) => w.workflowId)).toEqual([c.workflowId]);

  // Nothing of the forged payment arrived: the case still owes all of it, in the read model and in the workflow.
  const view = await sanne.get(`/api/cases/${c.id}`);
  expect(view.status).toBe(200);
  expect(view.body.case.balanceCents).toBe(80_000);
  expect(await count(`SELECT count(*)::int AS n FROM payments WHERE case_id = $1`, [c.id])).toBe(0);
});
