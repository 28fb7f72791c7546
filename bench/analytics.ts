// Outcome analytics over a full read model: 100,000 closed cases of the standard ladder with
// their timelines (about a million events), and as many on a second version for the
// comparison, written in SQL with generate_series; then the "what works" figures of the
// version and the version comparison asked for again and again.
// p50 and p95 of each; the goal is p95 ≤ 2 s. Needs PostgreSQL only, no Temporal.
import { DefinitionSchema } from '../definition/schema.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { comparison } from '../server/analytics/comparison.ts';
import { outcomes } from '../server/analytics/outcomes.ts';
import pg from 'pg';
import type { Db } from '../server/db/pool.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { percentile, say, type Row } from './support.ts';

export const ANALYTICS_CASES = Number(process.env.BENCH_ANALYTICS_CASES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ANALYTICS_ROUNDS ?? 20);
const PERIOD = { from: '2026-01-01', to: '2027-01-01' };

// Every case: start, the reminder letter, the wait. Then by g % 10: 0-3 pay within 3-12 days;
// 4-5 get a WhatsApp, are reached by phone on day 10 and pay in 2-3 weeks; 6-7 agree an
// arrangement on the call (3-12 instalments), kept when g is even, else broken; 8-9 are not
// reached, not at home on the visit, referred to debt help and handed over on day 120.
const events = `
WITH c AS (
  SELECT id, g, opened_at AS t0 FROM bench_analytics_cases
), e (g_min, g_max, day, type, step_id, data) AS (VALUES
  (0, 9, 0, 'step', 'start', '{}'::jsonb),
  (0, 9, 0, 'step', 'reminder-letter', '{}'),
  (0, 9, 0, 'message', 'reminder-letter', '{"channel":"letter","purpose":"reminder","status":"sent"}'),
  (0, 9, 0, 'step', 'wait-after-reminder', '{}'),
  (4, 9, 7, 'step', 'segment-check', '{}'),
  (4, 9, 7, 'step', 'whatsapp-link', '{}'),
  (4, 9, 7, 'message', 'whatsapp-link', '{"channel":"whatsapp","purpose":"payment-link","status":"sent"}'),
  (4, 9, 7, 'step', 'wait-after-whatsapp', '{}'),
  (4, 9, 10, 'step', 'phone-call', '{}'),
  (4, 5, 10, 'task-closed', 'phone-call', '{"status":"completed","outcome":"reached"}'),
  (6, 7, 10, 'task-closed', 'phone-call', '{"status":"completed","outcome":"arrangement-agreed"}'),
  (6, 7, 10, 'step', 'arrangement', '{}'),
  (8, 9, 10, 'task-closed', 'phone-call', '{"status":"completed","outcome":"not-reached"}'),
  (8, 9, 10, 'step', 'wait-for-promise', '{}'),
  (8, 9, 17, 'step', 'home-visit', '{}'),
  (8, 9, 18, 'task-closed', 'home-visit', '{"status":"completed","outcome":"not-home"}'),
  (8, 9, 18, 'step', 'debt-help-referral', '{}'),
  (8, 9, 60, 'step', 'municipality-signal', '{}'),
  (8, 9, 120, 'step', 'end-handed-over', '{}')
)
INSERT INTO case_events (key, case_id, at, type, step_id, data)
SELECT c.id || ':' || row_number() OVER (PARTITION BY c.id ORDER BY e.day, e.g_min), c.id, c.t0 + e.day * interval '1 day', e.type, e.step_id, e.data
FROM c JOIN e ON c.g % 10 BETWEEN e.g_min AND e.g_max
ORDER BY c.id, e.day`;

/** The cases' own endings: payments, arrangements and how they ended. */
const endings = `
INSERT INTO case_events (key, case_id, at, type, step_id, data)
SELECT c.id || ':end:' || x.n, c.id, c.opened_at + x.day * interval '1 day', x.type, x.step_id, x.data
FROM bench_analytics_cases c
CROSS JOIN LATERAL (VALUES
  (1, CASE WHEN c.g % 10 < 4 THEN 3 + c.g % 10 * 3 WHEN c.g % 10 < 6 THEN 14 + c.g % 7 ELSE 100 END, 'payment', NULL::text,
      jsonb_build_object('amountCents', c.arrears, 'balanceCents', 0)),
  (2, 10, 'arrangement-started', 'arrangement',
      jsonb_build_object('plan', jsonb_build_object('instalments', 3 + c.g % 10), 'instalments',
        (SELECT jsonb_agg(jsonb_build_object('n', i, 'amountCents', c.arrears / (3 + c.g % 10))) FROM generate_series(1, 3 + c.g % 10) i))),
  (3, 100, 'step', 'end-paid', jsonb_build_object('previous', jsonb_build_object('stepId', 'arrangement', 'outcome', CASE WHEN c.g % 2 = 0 THEN 'completed' ELSE 'broken' END)))
) AS x(n, day, type, step_id, data)
WHERE (x.n = 1 AND (c.g % 10 < 6 OR (c.g % 10 IN (6, 7) AND c.g % 2 = 0))) OR (x.n IN (2, 3) AND c.g % 10 IN (6, 7))`;

/** `n` closed cases of the standard ladder's `version`, started over 2026. */
export async function seedClosedCases(ownerUrl: string, n: number, version: number) {
  // As the database's owner (the login of the URL), not the app's role: turning a trigger off,
  // VACUUM and ANALYZE are the owner's.
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The clock trigger off while writing (the owner's right; undone by the ROLLBACK on failure):
    // the cases' clocks are of no use here, each event would update its case and fire the
    // analytics' trigger for nothing, and the analytics' rows are written below in one go, as
    // migration 025 does for the cases closed before it.
    await client.query('ALTER TABLE case_events DISABLE TRIGGER case_events_clock');
    const tenant = await client.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Bench Huurder') RETURNING id`);
    const tenancy = await client.query<{ id: string }>(`INSERT INTO tenancies (reference, tenant_id, street, postal_code, city) VALUES ($2, $1, 'Benchstraat 1', '1234 AB', 'Utrecht') RETURNING id`, [tenant.rows[0]!.id, `BENCH-ANALYTICS-${version}`]);
    await client.query(
      `CREATE TEMP TABLE bench_analytics_cases ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, timestamptz '2026-01-01 09:00+01' + (g % 365) * interval '1 day' AS opened_at, 50000 + (g % 200) * 1000 AS arrears
       FROM generate_series(1, $1) g`,
      [n],
    );
    await client.query(
      `INSERT INTO cases (id, tenancy_id, workflow_id, definition_id, definition_version, status, outcome, current_step, arrears_cents, balance_cents, due_date, opened_by, opened_at, closed_at)
       SELECT id, $1, 'bench-analytics-' || id, 'standard-ladder', $2, 'closed',
              CASE WHEN g % 10 < 6 OR (g % 10 IN (6, 7) AND g % 2 = 0) THEN 'paid' ELSE 'handed-over' END, 'end', arrears, 0, opened_at::date - 10, 'bench', opened_at, opened_at + interval '100 days'
       FROM bench_analytics_cases`,
      [tenancy.rows[0]!.id, version],
    );
    await client.query(events);
    await client.query(endings);
    await client.query(
      `INSERT INTO tasks (id, case_id, step_id, kind, title, role, original_role, roles, status, outcomes, outcome, opened_at, closed_at)
       SELECT c.id || ':' || t.step, c.id, t.step, t.step, t.step, 'caseworker', 'caseworker', ARRAY['caseworker'], 'completed', '[]'::jsonb,
              CASE WHEN t.step = 'home-visit' THEN 'not-home' WHEN c.g % 10 < 6 THEN 'reached' WHEN c.g % 10 < 8 THEN 'arrangement-agreed' ELSE 'not-reached' END,
              c.opened_at + interval '10 days', c.opened_at + interval '10 days'
       FROM bench_analytics_cases c CROSS JOIN (VALUES ('phone-call'), ('home-visit')) t(step)
       WHERE c.g % 10 >= 4 AND (t.step = 'phone-call' OR c.g % 10 >= 8)`,
    );
    await client.query('ALTER TABLE case_events ENABLE TRIGGER case_events_clock');
    await client.query('COMMIT');
    await client.query(`SELECT analytics_record(ARRAY(SELECT id FROM cases WHERE definition_id = 'standard-ladder' AND definition_version = $1 AND status = 'closed'))`, [version]);
    // As autovacuum would have it by now: statistics, and the visibility map an index-only scan needs.
    await client.query('VACUUM ANALYZE');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

export async function analyticsBench(label: string, db: Db, ownerUrl: string): Promise<Row[]> {
  say(`${label}: ${ANALYTICS_CASES} closed cases on each of two versions, with their timelines...`);
  const t = performance.now();
  // The shipped ladder is version 1; the same drawing again is version 2, for the comparison.
  await insertVersion(db, DefinitionSchema.parse(standardLadder), 'bench', 'analytics bench');
  await seedClosedCases(ownerUrl, ANALYTICS_CASES, 1);
  await seedClosedCases(ownerUrl, ANALYTICS_CASES, 2);
  const events = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events`);
  say(`${label}: written in ${((performance.now() - t) / 1000).toFixed(1)} s (${events.rows[0]!.n} events); querying...`);
  const one = await outcomes(db, { definitionId: 'standard-ladder', version: 1, ...PERIOD });
  if (one.overall.cases !== ANALYTICS_CASES) throw new Error(`the analytics counted ${one.overall.cases} cases, not ${ANALYTICS_CASES}`);
  const note = `${ANALYTICS_CASES} closed cases per version (two), ${events.rows[0]!.n} timeline events in all; goal p95 ≤ 2 s`;
  const rows: Row[] = [];
  for (const [name, fn] of [
    ['what works (one version)', () => outcomes(db, { definitionId: 'standard-ladder', version: 1, ...PERIOD })],
    ['version comparison (twice the cases)', () => comparison(db, { definitionId: 'standard-ladder', versionA: 1, versionB: 2, ...PERIOD })],
  ] as const) {
    const times = await timed(ROUNDS, fn);
    rows.push({ name: `${label}: analytics ${name} p50`, value: percentile(times, 0.5), unit: 'ms', note }, { name: `${label}: analytics ${name} p95`, value: percentile(times, 0.95), unit: 'ms', note });
  }
  return rows;
}
