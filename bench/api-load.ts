// The staff API over a full database: 10,000 open cases and 10,000 open tasks, inserted in
// bulk, then the inbox and the case list asked for again and again, a few at a time, as a
// team's screens do. p50 and p99 of each.
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { pino } from 'pino';
import { buildApp } from '../server/app.ts';
import { EnvSchema } from '../server/env.ts';
import { letterheadOf } from '../server/letters/letterhead.ts';
import { APP_ROLE, type Db } from '../server/db/pool.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/db/seed.ts';
import { percentile, pool, say, type Row } from './support.ts';

export const API_CASES = Number(process.env.BENCH_API_CASES ?? 10_000);
const REQUESTS = Number(process.env.BENCH_API_REQUESTS ?? 400);

export async function seedOpenCases(db: Db, n: number) {
  const tag = `api-${Date.now().toString(36)}`;
  await db.query(
    `WITH t AS (
       INSERT INTO tenants (name, phone) SELECT 'Bench Huurder ' || g, '+31600000000' FROM generate_series(1, $1) g RETURNING id
     ), y AS (
       INSERT INTO tenancies (reference, tenant_id, street, postal_code, city)
       SELECT $2 || '-' || row_number() OVER (), t.id, 'Benchstraat 1', '1234 AB', 'Utrecht' FROM t RETURNING id
     ), c AS (
       INSERT INTO cases (id, tenancy_id, workflow_id, definition_id, definition_version, status, current_step, current_step_name, current_step_kind, waiting_on,
                          arrears_cents, balance_cents, due_date, opened_by)
       SELECT gen_random_uuid(), y.id, 'bench-' || y.id, 'standard-ladder', 1, 'active', 'phone-call', 'Huurder bellen', 'task', 'caseworker',
              50000 + (random() * 200000)::int, 50000 + (random() * 200000)::int, current_date - 30, 'bench' FROM y RETURNING id
     )
     INSERT INTO tasks (id, case_id, step_id, kind, title, role, original_role, roles, status, outcomes, due_at, opened_at)
     SELECT c.id || ':task', c.id, 'phone-call', 'phone-call', 'Huurder bellen', 'caseworker', 'caseworker', ARRAY['caseworker'], 'open',
            '[{"id":"reached","label":"Bereikt","fields":[]}]'::jsonb, now() + (random() * interval '5 days'), now() FROM c`,
    [n, tag],
  );
  // Fresh statistics, as autovacuum would have them by now; ANALYZE is the owner's (the pool works as APP_ROLE).
  const c = await db.connect();
  try {
    await c.query('RESET ROLE');
    await c.query('ANALYZE');
  } finally {
    await c.query(`SET ROLE ${APP_ROLE}`);
    c.release();
  }
}

export async function apiUnderLoad(label: string, db: Db, client: Client): Promise<Row[]> {
  say(`${label}: ${API_CASES} open cases and tasks in the database...`);
  await seedDemo(db);
  await seedOpenCases(db, API_CASES);
  const app = buildApp({ pool: db, temporal: client, log: pino({ level: 'silent' }), defaultTimeScale: 1, allowTimeScale: true, secureCookies: false, tenantLinkKey: Buffer.alloc(32, 9), letters: { publicUrl: 'https://bench', letterhead: letterheadOf(EnvSchema.parse({})) } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mark', password: DEMO_PASSWORD }) });
    const headers = { cookie: login.headers.get('set-cookie')?.split(';')[0] ?? '' };
    const timeOf = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return performance.now() - t;
    };
    const rows: Row[] = [];
    for (const [name, path] of [
      ['inbox (team queue)', '/api/tasks?view=team&sort=due&limit=50'],
      ['case list', '/api/cases?limit=50'],
    ] as const) {
      for (let i = 0; i < 10; i++) await timeOf(path);
      const times: number[] = [];
      await pool(Array.from({ length: REQUESTS }), 4, async () => void times.push(await timeOf(path)));
      rows.push(
        { name: `${label}: API ${name} p50`, value: percentile(times, 0.5), unit: 'ms', note: `${API_CASES} cases, ${API_CASES} open tasks; 4 at a time` },
        { name: `${label}: API ${name} p99`, value: percentile(times, 0.99), unit: 'ms', note: 'goal ≤ 100 ms' },
      );
    }
    return rows;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}
