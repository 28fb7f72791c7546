// One harness per test file: its own task queue and worker (on the shared bundle), the real
// API app on a random port, and helpers that act as signed-in staff.
import type { Role } from '../../definition/catalog.ts';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { pino, type Logger } from 'pino';
import { inject } from 'vitest';
import type { ChannelConfig } from '../../activities/index.ts';
import { buildApp } from '../../server/app.ts';
import { molliePaymentProvider } from '../../server/tenant/payment-provider.ts';
import { EnvSchema } from '../../server/env.ts';
import { letterheadOf } from '../../server/letters/letterhead.ts';
import type { LetterSettings } from '../../server/letters/service.ts';
import type { IntakeSettings } from '../../server/intake/config.ts';
import { listen } from '../../server/listen.ts';
import { createPool, type Db } from '../../server/db/pool.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { DEMO_PASSWORD } from '../../server/db/seed.ts';
import { connectTemporal } from '../../server/temporal.ts';
import type { PayloadKey } from '../../server/temporal-codec/payload-keys.ts';
import type { CaseView } from '../../workflows/case-view.ts';
import { caseStateQuery } from '../../workflows/messages.ts';
import { createCaseWorker } from '../../worker/create-worker.ts';
import { workingStart } from './clock.ts';
import { createDatabase, prepareDatabase } from './database.ts';

let runtimeInstalled = false;

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/** The session a sign-in answer set as its cookie (the body carries no token). */
export function sessionOf(res: ApiResponse): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session cookie in the answer (${res.status} ${JSON.stringify(res.body)})`);
  return cookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', path, body ?? {}, headers);
  }

  /**
   * A POST as a careful client makes it: a 503 says the engine is busy (a step being retried
   * on a loaded machine) and that a retry is safe, so it is retried for up to `withinMs`.
   */
  async postRetrying<T = any>(path: string, body?: unknown, withinMs = 120_000): Promise<ApiResponse<T>> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const r = await this.post<T>(path, body);
      if (r.status !== 503 || Date.now() > deadline) return r;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export type Harness = {
  pool: Db;
  temporal: Client;
  taskQueue: string;
  baseUrl: string;
  anonymous: Api;
  as(username: string, password?: string): Promise<Api>;
  openCase(api: Api, overrides?: Record<string, unknown>): Promise<{ id: string; workflowId: string; reference: string }>;
  /**
   * A payment seen in the bank, registered by hand on the case as `by` (default sanne) with a
   * reason; above the approval threshold a second person (fleur, finance) approves it, as at a
   * corporation. The answer is the registration's, or the approval's when one was needed.
   */
  pay(caseId: string, payment: { reference: string; amountCents: number; receivedAt?: string }, by?: string): Promise<ApiResponse>;
  state(caseId: string): Promise<CaseView>;
  stop(): Promise<void>;
};

/** The key both the worker (which writes the links) and the app (which opens them) use. */
export const TEST_TENANT_LINK_KEY = Buffer.alloc(32, 9);

export const silentChannels: ChannelConfig = { MAIL_FROM: 'test@example.nl' };

/** The letterhead of the configuration's defaults (ORG_NAME, ORG_IBAN …), links to `publicUrl`. */
export const testLetterSettings = (publicUrl = 'http://127.0.0.1'): LetterSettings => ({ publicUrl, letterhead: letterheadOf(EnvSchema.parse({})) });

export async function startHarness(
  // ownDatabase: for a file that counts everything in the database (metrics, dashboards), which
  // other files writing to the shared one at the same time would disturb.
  // payloadKeys: the worker and the client encrypt payloads as PAYLOAD_KEYS would have them.
  // log: where the API, the worker and (for the first harness of a file) the SDK log, instead of nowhere.
  // temporalAddress: another Temporal server than the run's; temporalUiUrl: the API's TEMPORAL_UI_URL.
  // taskQueue: an earlier harness's, so this one's worker takes over that harness's cases.
  options: {
    channels?: ChannelConfig;
    withWorker?: boolean;
    historyLimit?: number;
    ownDatabase?: boolean;
    payloadKeys?: readonly PayloadKey[];
    log?: Logger;
    temporalAddress?: string;
    temporalUiUrl?: string;
    taskQueue?: string;
    /** SECOND_FACTOR_ROLES (none when absent). */
    secondFactorRoles?: Role[];
    /** The tenant page's payment provider (a stand-in's URL); absent: the page offers no payment. */
    paymentProviderUrl?: string;
    /** The rent ledger's intake: the folder or URL its Schedule takes the list from. */
    intake?: IntakeSettings;
  } = {},
): Promise<Harness> {
  if (!runtimeInstalled) {
    const log = options.log;
    Runtime.install({ logger: log ? new DefaultLogger('WARN', (entry) => log.warn({ sdk: entry.meta }, entry.message)) : new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const address = options.temporalAddress ?? inject('temporalAddress');
  const shared = inject('databaseUrl');
  const own = options.ownDatabase ? await createDatabase(shared, `${new URL(shared).pathname.slice(1)}_${randomUUID().slice(0, 8)}`) : null;
  if (own) await prepareDatabase(own.url);
  const pool = createPool(own?.url ?? shared, 8);
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const temporal = await connectTemporal(address, 'default', { payloadKeys: options.payloadKeys });
  // The letters' links lead to this app, whose address is known once it listens (set below).
  const letters = testLetterSettings();
  const app = buildApp({
    pool,
    temporal,
    log: options.log ?? pino({ level: 'silent' }),
    taskQueue,
    defaultTimeScale: 1,
    allowTimeScale: true,
    secureCookies: false,
    tenantLinkKey: TEST_TENANT_LINK_KEY,
    ...(options.paymentProviderUrl ? { paymentProvider: molliePaymentProvider(options.paymentProviderUrl, 'test_standin') } : {}),
    letters,
    ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}),
    ...(options.temporalUiUrl ? { temporalUiUrl: options.temporalUiUrl } : {}),
    ...(options.secondFactorRoles ? { secondFactorRoles: options.secondFactorRoles } : {}),
  });
  const server = listen(app, 0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  letters.publicUrl = baseUrl;
  // The worker after the app: the tenants' links in its messages lead to this app.
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let connection: NativeConnection | undefined;
  if (options.withWorker !== false) {
    connection = await NativeConnection.connect({ address });
    worker = await createCaseWorker({
      connection,
      namespace: 'default',
      pool,
      channels: options.channels ?? silentChannels,
      settings: { tenantLinks: { publicUrl: baseUrl, key: TEST_TENANT_LINK_KEY }, contactName: 'Team Test', contactPhone: '010 000 00 00' },
      taskQueue,
      workflowBundle: { code: inject('workflowBundle') },
      ...(options.payloadKeys ? { payloadKeys: options.payloadKeys } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(options.intake ? { intake: options.intake } : {}),
    });
    running = worker.run();
  }
  const tokens = new Map<string, string>();

  const harness: Harness = {
    pool,
    temporal,
    taskQueue,
    baseUrl,
    anonymous: new Api(baseUrl),
    async as(username, password = DEMO_PASSWORD) {
      const key = `${username}:${password}`;
      if (!tokens.has(key)) {
        const res = await new Api(baseUrl).post('/api/auth/login', { username, password });
        if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(key, sessionOf(res));
      }
      return new Api(baseUrl, tokens.get(key));
    },
    async openCase(api, overrides = {}) {
      const reference = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
      const res = await api.post('/api/cases', {
        // Known to have no minors unless a test says otherwise (rule 8 then asks for an assessment).
        tenancy: { reference, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: false },
        tenant: { name: 'Test Huurder', phone: '+31611111111', email: 'huurder@example.nl' },
        arrearsCents: 80_000,
        dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
        // Office hours on the case's clock, whenever the suite runs (see clock.ts).
        businessStart: workingStart(),
        ...overrides,
      });
      if (res.status !== 201) throw new Error(`open case failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.case.id, workflowId: res.body.case.workflowId, reference: res.body.case.tenancyReference };
    },
    async pay(caseId, payment, by = 'sanne') {
      const registered = await (await harness.as(by)).post(`/api/cases/${caseId}/payments`, { reason: 'overboeking gezien in de bank', ...payment });
      if (registered.status !== 202) return registered;
      return await (await harness.as('fleur')).post(`/api/payment-requests/${registered.body.request.id}/approve`, {});
    },
    async state(caseId) {
      const row = await pool.query<{ workflow_id: string }>(`SELECT workflow_id FROM cases WHERE id = $1`, [caseId]);
      return await temporal.workflow.getHandle(row.rows[0]!.workflow_id).query(caseStateQuery);
    },
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      if (worker) {
        worker.shutdown();
        await running;
      }
      await connection?.close();
      await temporal.connection.close();
      await pool.end();
      await own?.drop();
    },
  };
  return harness;
}

/** Polls until `check` returns a value (not undefined/false), or fails with the last state. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Business days per real second → the timeScale value. */
export const daysPerSecond = (days: number) => days * 86_400;
