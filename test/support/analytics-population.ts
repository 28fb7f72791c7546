// A known population of cases written straight into the read model (cases, case_events, tasks)
// as the engine writes them, for the outcome analytics' tests: each case a list of what
// happened on which day after its start, so every expected figure can be counted by hand.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/pool.ts';
import type { DefinitionInput } from '../../definition/schema.ts';

const DAY = 86_400_000;

export type Happening =
  | { day: number; step: string; previous?: { stepId: string; outcome: string } }
  | { day: number; message: string; stepId: string; purpose?: string }
  | { day: number; paidTo: number }
  | { day: number; task: string; kind: string; outcome: string }
  | { day: number; arrangement: string; instalments: number; amountCents: number }
  | { day: number; contact: true };

export type CaseSpec = { version: number; start: string; outcome: string; happened: Happening[]; status?: 'closed' | 'active'; dryRun?: boolean };

/** A small ladder: reminder by e-mail (v2: a WhatsApp first), a call, an arrangement or a visit, and two ends. */
export function analyticsLadder(id: string, withWhatsapp: boolean): DefinitionInput {
  const first = withWhatsapp ? 'whatsapp' : 'letter';
  return {
    id,
    name: 'Wat werkt ladder',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: first } },
      ...(withWhatsapp
        ? [{ id: 'whatsapp', name: 'WhatsApp met betaallink', kind: 'communicate' as const, channel: 'whatsapp' as const, template: 'betaallink-whatsapp', purpose: 'payment-link' as const, next: { sent: 'letter', failed: 'letter' } }]
        : []),
      { id: 'letter', name: 'Herinnering', kind: 'communicate', channel: 'email', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'call', failed: 'call' } },
      {
        id: 'call',
        name: 'Huurder bellen',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        outcomes: [
          { id: 'reached', label: 'Bereikt', meaning: 'contact-made', fields: [] },
          { id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', fields: [] },
          { id: 'agreed', label: 'Regeling afgesproken', meaning: 'arrangement-agreed', arrangement: true, fields: [] },
        ],
        next: { reached: 'paid', 'not-reached': 'visit', agreed: 'plan' },
      },
      {
        id: 'plan',
        name: 'Regeling volgen',
        kind: 'arrangement',
        minInstalmentCents: 1_000,
        maxInstalments: 12,
        gracePeriod: 'P2D',
        allowedMisses: 0,
        defaultInterval: 'P1M',
        reminder: { channel: 'sms', template: 'termijn-herinnering', before: 'P2D' },
        missed: { channel: 'sms', template: 'termijn-gemist' },
        broken: { channel: 'sms', template: 'regeling-gestopt' },
        next: { completed: 'paid', broken: 'handed' },
      },
      {
        id: 'visit',
        name: 'Huisbezoek',
        kind: 'task',
        task: 'home-visit',
        role: 'caseworker',
        outcomes: [
          { id: 'at-home', label: 'Thuis getroffen', meaning: 'contact-made', fields: [] },
          { id: 'not-home', label: 'Niet thuis', meaning: 'no-contact', fields: [] },
        ],
        next: { 'at-home': 'paid', 'not-home': 'handed' },
      },
      { id: 'paid', name: 'Betaald', kind: 'end', outcome: 'paid' },
      { id: 'handed', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

/**
 * Writes the cases open with their timelines, then closes those that closed in one statement, as
 * the engine's closing write does: the analytics' rows are made then (migration 025).
 */
export async function insertPopulation(pool: Db, definitionId: string, specs: CaseSpec[]): Promise<void> {
  const cases: unknown[] = [];
  const events: unknown[] = [];
  const tasks: unknown[] = [];
  const tenant = await pool.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Analyse Huurder') RETURNING id`);
  const tenancyOf = async () =>
    (await pool.query<{ id: string }>(`INSERT INTO tenancies (reference, tenant_id, street, postal_code, city) VALUES ($1, $2, 'Teststraat 1', '1234 AB', 'Utrecht') RETURNING id`, [`AN-${randomUUID().slice(0, 8)}`, tenant.rows[0]!.id])).rows[0]!.id;
  for (const spec of specs) {
    const id = randomUUID();
    const t0 = Date.parse(`${spec.start}T09:00:00Z`);
    const at = (day: number) => new Date(t0 + day * DAY).toISOString();
    const last = Math.max(0, ...spec.happened.map((h) => h.day));
    const status = spec.status ?? 'closed';
    cases.push({
      id,
      tenancy_id: await tenancyOf(),
      workflow_id: `analytics-${id}`,
      definition_id: definitionId,
      definition_version: spec.version,
      status,
      outcome: spec.outcome,
      opened_at: at(0),
      closed_at: status === 'closed' ? at(last) : null,
      dry_run: spec.dryRun ?? false,
    });
    let balance = 60_000;
    spec.happened.forEach((h, i) => {
      const base = { key: `${id}:${String(i).padStart(3, '0')}`, case_id: id, at: at(h.day) };
      if ('step' in h) events.push({ ...base, type: 'step', step_id: h.step, data: { name: h.step, visit: i + 1, previous: h.previous ?? null } });
      else if ('message' in h) events.push({ ...base, type: 'message', step_id: h.stepId, data: { channel: h.message, purpose: h.purpose ?? 'reminder', status: 'sent' } });
      else if ('paidTo' in h) {
        events.push({ ...base, type: 'payment', data: { amountCents: balance - h.paidTo, balanceCents: h.paidTo } });
        balance = h.paidTo;
      } else if ('task' in h) {
        const taskId = `${id}:${h.task}`;
        tasks.push({ id: taskId, case_id: id, step_id: h.task, kind: h.kind, outcome: h.outcome, opened_at: at(h.day), closed_at: at(h.day) });
        events.push({ ...base, type: 'task-closed', step_id: h.task, data: { taskId, status: 'completed', outcome: h.outcome } });
      } else if ('arrangement' in h) {
        const each = Math.floor(h.amountCents / h.instalments);
        const instalments = Array.from({ length: h.instalments }, (_, n) => ({ dueDate: at(h.day + 30 * (n + 1)).slice(0, 10), amountCents: n === h.instalments - 1 ? h.amountCents - each * n : each }));
        events.push({ ...base, type: 'arrangement-started', step_id: h.arrangement, data: { plan: { instalments: h.instalments, instalmentCents: each, interval: 'P1M' }, instalments } });
      } else events.push({ ...base, type: 'contact', data: { note: 'gebeld door huurder' } });
    });
  }
  await pool.query(
    `INSERT INTO cases (id, tenancy_id, workflow_id, definition_id, definition_version, status, outcome, arrears_cents, balance_cents, due_date, opened_by, opened_at, closed_at, dry_run)
     SELECT id, tenancy_id, workflow_id, definition_id, definition_version, 'active', NULL, 60000, 60000, opened_at::date - 10, 'test', opened_at, NULL, dry_run
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenancy_id uuid, workflow_id text, definition_id text, definition_version int, status text, outcome text, opened_at timestamptz, closed_at timestamptz, dry_run boolean)`,
    [JSON.stringify(cases)],
  );
  await pool.query(
    `INSERT INTO case_events (key, case_id, at, type, step_id, data)
     SELECT key, case_id, at, type, step_id, data FROM jsonb_to_recordset($1::jsonb) AS x(key text, case_id uuid, at timestamptz, type text, step_id text, data jsonb) ORDER BY key`,
    [JSON.stringify(events)],
  );
  await pool.query(
    `INSERT INTO tasks (id, case_id, step_id, kind, title, role, original_role, roles, status, outcomes, outcome, opened_at, closed_at)
     SELECT id, case_id, step_id, kind, kind, 'caseworker', 'caseworker', ARRAY['caseworker'], 'completed', '[]'::jsonb, outcome, opened_at, closed_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, case_id uuid, step_id text, kind text, outcome text, opened_at timestamptz, closed_at timestamptz)`,
    [JSON.stringify(tasks)],
  );
  await pool.query(
    `UPDATE cases c SET status = 'closed', outcome = x.outcome, closed_at = x.closed_at, balance_cents = 0
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, outcome text, closed_at timestamptz) WHERE c.id = x.id AND x.status = 'closed'`,
    [JSON.stringify(cases)],
  );
}

// --- The population the tests count by hand ---------------------------------------------------

const jan = (i: number) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`;
const times = (n: number, spec: (i: number) => CaseSpec) => Array.from({ length: n }, (_, i) => spec(i));
const reminded = (d = 0): Happening[] => [{ day: 0, step: 'start' }, { day: d, step: 'letter' }, { day: d, message: 'email', stepId: 'letter' }];
const paidOff = (day: number, from: string): Happening[] => [{ day, paidTo: 0 }, { day, step: 'paid', previous: { stepId: from, outcome: 'paid' } }];
const unreached: Happening[] = [
  { day: 10, step: 'call' },
  { day: 10, task: 'call', kind: 'phone-call', outcome: 'not-reached' },
  { day: 14, step: 'visit', previous: { stepId: 'call', outcome: 'not-reached' } },
  { day: 15, task: 'visit', kind: 'home-visit', outcome: 'not-home' },
  { day: 30, step: 'handed', previous: { stepId: 'visit', outcome: 'not-home' } },
];

/**
 * Version 1, 40 closed cases that started in January 2026: 12 pay 5 days after the e-mail
 * reminder; 8 are reached by phone (day 11) and pay on day 20; 10 agree an arrangement on the
 * call (day 12), of which 5 keep it (3 instalments, €600, paid off on day 72) and 5 break it
 * (8 instalments, €1,200); 10 are never reached and are handed over on day 30. Beside them, cases
 * that must not count: one that started in December, one still open, one dry run.
 */
export function versionOnePopulation(): CaseSpec[] {
  const closed = (i: number, outcome: string, happened: Happening[]): CaseSpec => ({ version: 1, start: jan(i), outcome, happened });
  return [
    ...times(12, (i) => closed(i, 'paid', [...reminded(), ...paidOff(5, 'letter')])),
    ...times(8, (i) => closed(i, 'paid', [...reminded(), { day: 10, step: 'call' }, { day: 11, task: 'call', kind: 'phone-call', outcome: 'reached' }, ...paidOff(20, 'call')])),
    ...times(10, (i) => {
      const kept = i < 5;
      const agreed: Happening[] = [
        ...reminded(),
        { day: 10, step: 'call' },
        { day: 12, task: 'call', kind: 'phone-call', outcome: 'agreed' },
        { day: 12, step: 'plan', previous: { stepId: 'call', outcome: 'agreed' } },
        { day: 12, arrangement: 'plan', instalments: kept ? 3 : 8, amountCents: kept ? 60_000 : 120_000 },
      ];
      return kept
        ? closed(i, 'paid', [...agreed, { day: 72, paidTo: 0 }, { day: 72, step: 'paid', previous: { stepId: 'plan', outcome: 'completed' } }])
        : closed(i, 'handed-over', [...agreed, { day: 80, step: 'handed', previous: { stepId: 'plan', outcome: 'broken' } }]);
    }),
    ...times(10, (i) => closed(i, 'handed-over', [...reminded(), ...unreached])),
    { version: 1, start: '2025-12-20', outcome: 'paid', happened: [...reminded(), ...paidOff(5, 'letter')] },
    { version: 1, start: '2026-01-10', outcome: 'paid', status: 'active', happened: [...reminded(), ...paidOff(5, 'letter')] },
    { version: 1, start: '2026-01-11', outcome: 'paid', dryRun: true, happened: [...reminded(), ...paidOff(5, 'letter')] },
  ];
}

/** Version 2 (a WhatsApp with a payment link first), 40 closed cases from January 2026: 30 pay on day 3; 10 are never reached. */
export function versionTwoPopulation(): CaseSpec[] {
  const opening: Happening[] = [{ day: 0, step: 'start' }, { day: 0, step: 'whatsapp' }, { day: 0, message: 'whatsapp', stepId: 'whatsapp', purpose: 'payment-link' }, { day: 1, step: 'letter' }, { day: 1, message: 'email', stepId: 'letter' }];
  return [
    ...times(30, (i) => ({ version: 2, start: jan(i), outcome: 'paid', happened: [...opening, ...paidOff(3, 'letter')] })),
    ...times(10, (i) => ({ version: 2, start: jan(i), outcome: 'handed-over', happened: [...opening, ...unreached] })),
  ];
}
