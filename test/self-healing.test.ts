// npm start heals itself (issue 10, point 3). The real program (`tsx runtime/start.ts`, what
// `npm start` runs) starts in a data folder and on ports of its own. While a case on the
// standard ladder waits, the Temporal dev server is killed with SIGKILL, later the embedded
// PostgreSQL: each is started again on its state on disk (a new pid in its pid file), health
// answers 200 again, and the case carries on by itself to the phone call, every message once.
// Every wait is on the case's own state, never on the clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../server/db/seed.ts';
import { workingStart } from './support/clock.ts';
import { Api, daysPerSecond, sessionOf, waitFor } from './support/harness.ts';
import { freePort } from '../runtime/ports.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'arrears-self-healing-'));
let system: ChildProcess;
let output = '';
let exited = false;
let anonymous: Api;

const pidFiles = { temporal: join(dataDir, 'temporal', 'dev-server.pid'), postgres: join(dataDir, 'postgres', 'postgres.pid') };
const pidOf = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined);
function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  // As root, PostgreSQL runs as the user postgres, who must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    // A quarter of a day a second: the ladder's first wait (7 days) lasts 28 s, the second 12 s.
    CASE_TIME_SCALE: String(daysPerSecond(0.25)),
  };
  // The embedded services, not the suite's.
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  delete env.TEMPORAL_UI_URL;
  system = spawn(process.execPath, ['--import', 'tsx', 'runtime/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (b: Buffer) => {
    output += b.toString();
  };
  system.stdout!.on('data', collect);
  system.stderr!.on('data', collect);
  system.once('exit', () => (exited = true));
  await waitFor(
    'npm start to be running',
    async () => {
      if (exited) throw new Error(`npm start stopped:\n${output.slice(-4000)}`);
      return output.includes('Arrears case engine is running.');
    },
    180_000,
    250,
  ).catch((err: Error) => {
    // The reason is in the message; waitFor would go on polling a program that stopped.
    throw new Error(err.message.includes('npm start stopped') ? err.message : `${err.message}\n${output.slice(-4000)}`);
  });
  anonymous = new Api(`http://127.0.0.1:${port}`);
}, 240_000);

afterAll(async () => {
  if (system && !exited) {
    const gone = new Promise((r) => system.once('exit', r));
    system.kill('SIGTERM');
    const timer = setTimeout(() => system.kill('SIGKILL'), 30_000);
    await gone;
    clearTimeout(timer);
  }
  // Had it not stopped them, nothing may stay behind.
  for (const file of Object.values(pidFiles)) {
    const pid = pidOf(file);
    if (alive(pid)) process.kill(pid!, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function signIn(username: string): Promise<Api> {
  const res = await anonymous.post('/api/auth/login', { username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Api(anonymous.baseUrl, sessionOf(res));
}

/** Waits for the case to stand at `stepId`, as the API shows it (while a service is down, the API may fail: waitFor asks again). */
async function reaches(api: Api, caseId: string, stepId: string, timeoutMs: number) {
  await waitFor(`case at ${stepId}`, async () => (await api.get(`/api/cases/${caseId}`)).body?.case?.currentStep === stepId, timeoutMs, 200);
}

/** SIGKILLs the service and waits until another process of it runs and health answers 200 again. */
async function killAndSeeItBack(service: keyof typeof pidFiles) {
  const pid = pidOf(pidFiles[service])!;
  expect(alive(pid)).toBe(true);
  process.kill(pid, 'SIGKILL');
  const next = await waitFor(`${service} restarted`, async () => {
    const now = pidOf(pidFiles[service]);
    return now !== pid && alive(now) ? now : undefined;
  }, 90_000, 200);
  await waitFor('health 200', async () => (await anonymous.get('/api/health')).status === 200, 60_000, 250);
  return { killed: pid, next };
}

test('a SIGKILLed Temporal dev server and PostgreSQL are started again, and the case carries on by itself, every message once', async () => {
  const sanne = await signIn('sanne');
  const opened = await sanne.post('/api/cases', {
    tenancy: { reference: 'HUUR-HEAL-1', street: 'Lindelaan 12', postalCode: '3011 AB', city: 'Rotterdam', minorsInHousehold: false },
    tenant: { name: 'Mevrouw De Vries', phone: '+31612345678', email: 'devries@example.nl' },
    arrearsCents: 81_250,
    dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
    businessStart: workingStart(),
  });
  expect(opened.status).toBe(201);
  const caseId: string = opened.body.case.id;

  // The reminder letter is out and the case waits seven business days on a Temporal timer.
  await reaches(sanne, caseId, 'wait-after-reminder', 60_000);
  const temporal = await killAndSeeItBack('temporal');
  expect(output).toContain(`the Temporal dev server stopped unexpectedly (killed by SIGKILL, pid ${temporal.killed}); restarting it in 1 s`);
  expect(output).toContain(`the Temporal dev server is back (pid ${temporal.next})`);
  // The timer survived the restart: the WhatsApp message went and the next wait began.
  await reaches(sanne, caseId, 'wait-after-whatsapp', 120_000);

  const postgres = await killAndSeeItBack('postgres');
  expect(output).toContain(`the embedded PostgreSQL stopped unexpectedly (killed by SIGKILL, pid ${postgres.killed}); restarting it in 1 s`);
  expect(output).toContain(`the embedded PostgreSQL is back (pid ${postgres.next})`);
  // The wait ended and the case opened the caseworker's call task in the restarted database.
  await reaches(sanne, caseId, 'phone-call', 120_000);

  const detail = (await sanne.get(`/api/cases/${caseId}`)).body;
  expect(detail.messages.map((m: { stepId: string }) => m.stepId)).toEqual(['reminder-letter', 'whatsapp-link']);
  expect(detail.timeline.filter((e: { type: string }) => e.type === 'step').map((e: { stepId: string }) => e.stepId)).toEqual([
    'start',
    'reminder-letter',
    'wait-after-reminder',
    'segment-check',
    'whatsapp-link',
    'wait-after-whatsapp',
    'phone-call',
  ]);
  expect(detail.tasks.filter((t: { stepId: string; status: string }) => t.stepId === 'phone-call' && t.status === 'open')).toHaveLength(1);
  const health = await anonymous.get('/api/health');
  expect(health.body).toMatchObject({ status: 'ok', postgres: 'ok', temporal: 'ok' });
  // The worker polls again (on its own after a dev server restart: no new worker was needed).
  await waitFor('a worker polling', async () => (await anonymous.get('/api/health')).body.workers.pollers > 0, 30_000, 250);
}, 300_000);
