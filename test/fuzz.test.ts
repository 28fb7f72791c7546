// 10,000 generated requests against every endpoint of the OpenAPI list (server/openapi/routes.ts),
// as every kind of user and as nobody: bodies and queries of the endpoint's own shape (from its
// zod schema) filled with hostile values, bodies of any other shape, broken JSON and wrong
// content types, path ids that exist and ids that are nonsense. No answer may be a 5xx, every
// refusal names its error in the usual envelope, and a stretch of requests that were all refused
// leaves the staff's data exactly as it was. Reproducible: FUZZ_SEED replays a run,
// FUZZ_REQUESTS sizes it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoUsers } from '../server/db/seed.ts';
import type { Operation } from '../server/openapi/operation.ts';
import { operations } from '../server/openapi/routes.ts';
import { startHarness, type Api, type Harness } from './support/harness.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 8;

let h: Harness;
const callers: Array<{ name: string; roles: readonly string[]; api: Api }> = [];
const ids: Record<string, string[]> = { case: [], task: [], user: [], any: [] };

beforeAll(async () => {
  // Its own database: thousands of refused sign-ins lock this machine's address out of signing in there only.
  h = await startHarness({ ownDatabase: true });
  for (const u of demoUsers) callers.push({ name: u.username, roles: u.roles, api: await h.as(u.username) });
  callers.push({ name: 'nobody', roles: [], api: h.anonymous });
  const sanne = callers.find((c) => c.name === 'sanne')!.api;
  for (let i = 0; i < 2; i++) ids.case!.push((await h.openCase(sanne)).id);
  ids.user!.push((await sanne.get('/api/auth/me')).body.user.id);
}, 120_000);

afterAll(async () => h?.stop());

// A small seeded generator (mulberry32), so that a failing run can be replayed.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number) => random() < p;

const hostileStrings = [
  '',
  ' ',
  'a'.repeat(5000),
  '\u0000',
  "' OR 1=1 --",
  "'); DROP TABLE cases; --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '𝕏🙂\u202e',
  'null',
  '{}',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'Ω'.repeat(300),
  '\\',
  '${7*7}{{7*7}}',
  'admin',
  '2026-02-30',
  '9999-12-31',
  '+31612345678',
  'a@b',
  'NL91ABNA0417164300',
  '__proto__',
];
const hostileNumbers = [0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1.5, 1e308, -1e308, 99_999_999_999];
// JSON.parse makes "__proto__" an own key, as a request body would have it.
const odd: unknown[] = [null, true, false, [], {}, [null], JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }];

type JsonSchema = z.core.JSONSchema.JSONSchema;

const anything = (depth = 0): unknown => {
  const r = random();
  if (r < 0.35) return pick(hostileStrings);
  if (r < 0.6) return pick(hostileNumbers);
  if (r < 0.8 || depth > 2) return pick(odd);
  if (r < 0.9) return Array.from({ length: Math.floor(random() * 4) }, () => anything(depth + 1));
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 3) }, () => [pick(['id', 'reason', 'amountCents', 'roles', 'x', '__proto__']), anything(depth + 1)]));
};

/** A value of the schema's shape, filled with hostile values (and now and then a valid one). */
function shaped(schema: JsonSchema | boolean | undefined, depth = 0): unknown {
  if (!schema || schema === true || depth > 4 || chance(0.05)) return anything(depth);
  const s = schema;
  if (s.const !== undefined) return s.const;
  if (s.enum) return chance(0.85) ? pick(s.enum) : pick(hostileStrings);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return shaped(pick(alternatives), depth);
  if (s.allOf?.length) return shaped(s.allOf[0], depth);
  const type = Array.isArray(s.type) ? pick(s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) if (chance(0.85)) out[key] = shaped(prop, depth + 1);
      if (chance(0.1)) out[pick(['extra', '__proto__', 'actor', 'userId', 'roles'])] = anything(depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: chance(0.05) ? 500 : Math.floor(random() * 4) }, () => shaped(Array.isArray(s.items) ? s.items[0] : s.items, depth + 1));
    case 'string':
      if (s.format === 'uuid' && chance(0.5)) return chance(0.5) ? randomUUID() : pick([...ids.case!, ...ids.user!]);
      if (s.format === 'date' && chance(0.5)) return pick(['2026-12-01', '1900-01-01', '2026-13-01', '2099-02-29']);
      return pick(hostileStrings);
    case 'integer':
    case 'number':
      return chance(0.7) ? pick(hostileNumbers) : pick(hostileStrings);
    case 'boolean':
      return chance(0.7) ? chance(0.5) : pick(odd);
    case 'null':
      return null;
    default:
      return anything(depth);
  }
}

const schemaOf = (schema: z.ZodType | undefined): JsonSchema | undefined => {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
};

const pathValue = (param: string) => {
  const r = random();
  const known = param === 'id' ? [...ids.case!, ...ids.user!] : [];
  if (r < 0.4 && known.length) return pick(known);
  if (r < 0.6) return randomUUID();
  if (r < 0.7) return String(pick(hostileNumbers));
  return encodeURIComponent(pick(hostileStrings).slice(0, 300)) || 'x';
};

// Ending one's own session is a change it is right to make: left out, so the callers stay signed in.
const fuzzed = operations.filter((op) => op.path !== '/api/auth/logout');
const plans = fuzzed.map((op) => ({ op, body: schemaOf(op.body), query: schemaOf(op.query) }));

type Sent = { op: Operation; caller: string; method: string; path: string; status: number; body: unknown; sent: unknown };

async function send(plan: (typeof plans)[number]): Promise<Sent> {
  const { op } = plan;
  // Mostly someone the endpoint is for, so the requests get past the role check to the parsing and the logic.
  const { access } = op;
  const allowed = access.public ? callers : callers.filter((c) => c.name !== 'nobody' && (access.roles === 'any' || c.roles.some((r) => (access.roles as string[]).includes(r))));
  const caller = chance(0.75) && allowed.length ? pick(allowed) : pick(callers);
  const method = op.method.toUpperCase();
  let path = op.path.replace(/:(\w+)/g, (_m, name: string) => pathValue(name));
  if (plan.query || chance(0.1)) {
    const q = (chance(0.8) ? shaped(plan.query) : anything()) as Record<string, unknown>;
    if (q && typeof q === 'object' && !Array.isArray(q)) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      if ([...params].length) path += `?${params.toString()}`;
    }
  }
  let body: unknown;
  let headers: Record<string, string> = {};
  if (method !== 'GET' && method !== 'DELETE') {
    const r = random();
    if (op.bodyIsCsv) {
      body = chance(0.5) ? `referentie;bedrag;datum\n${pick(hostileStrings)};${pick(hostileNumbers)};${pick(hostileStrings)}\n` : pick(hostileStrings);
      headers = { 'content-type': 'text/csv' };
    } else if (r < 0.7) body = shaped(plan.body);
    else if (r < 0.85) body = anything();
    else if (r < 0.93) {
      body = pick(['{"a":', '[1,2', '{"__proto__":{"x":1}}', 'not json', '']);
      headers = { 'content-type': 'application/json' };
    } else {
      body = JSON.stringify(shaped(plan.body));
      headers = { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) };
    }
  }
  const res = await caller.api.call(method, path, body, headers);
  return { op, caller: caller.name, method, path, status: res.status, body: res.body, sent: body };
}

/** What staff and tenants would notice changing: their data, not the audit of reads or the clock of sessions. */
async function fingerprint(): Promise<string> {
  const tables = [
    `SELECT id, name, email, phone, preferred_channel FROM tenants`,
    `SELECT id, reference, street, postal_code, city, monthly_rent_cents, minors_in_household FROM tenancies`,
    `SELECT id, text FROM case_notes`,
    `SELECT id, status, reason, decision_note FROM payment_requests`,
    `SELECT id, username, display_name, roles, active, totp_secret IS NOT NULL AS totp FROM users`,
    `SELECT id, status FROM role_grants`,
    `SELECT id, version, body FROM definitions`,
    `SELECT * FROM definition_drafts`,
    `SELECT * FROM templates`,
    `SELECT count(*) FROM cases`,
    `SELECT count(*) FROM payments`,
  ];
  const parts: string[] = [];
  for (const sql of tables) parts.push(JSON.stringify((await h.pool.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM (${sql}) t`)).rows[0].h));
  return parts.join(',');
}

test(`${REQUESTS} generated requests: no 5xx, every refusal in the error envelope, and refused requests change nothing`, async () => {
  console.log(`fuzz: ${REQUESTS} requests over ${plans.length} endpoints, seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  let before = await fingerprint();
  for (let done = 0; done < REQUESTS; done += CONCURRENCY * 4) {
    // A stretch of requests; afterwards the data may only differ if one of them was accepted.
    const stretch: Sent[] = [];
    for (let i = 0; i < 4 && done + i * CONCURRENCY < REQUESTS; i++) {
      stretch.push(...(await Promise.all(Array.from({ length: Math.min(CONCURRENCY, REQUESTS - done - i * CONCURRENCY) }, () => send(pick(plans))))));
    }
    for (const s of stretch) {
      statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
      const describe = () => `${s.caller} ${s.method} ${s.path.slice(0, 200)} with ${JSON.stringify(s.sent)?.slice(0, 300)} → ${s.status} ${JSON.stringify(s.body)?.slice(0, 300)}`;
      if (s.status >= 500) problems.push(`5xx: ${describe()}`);
      if (s.status >= 400 && s.status < 500) {
        const error = (s.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        if (typeof error?.code !== 'string' || typeof error.message !== 'string') problems.push(`refusal without the error envelope: ${describe()}`);
        if (/\bat \w+ \(|node_modules|\.ts:\d+/.test(JSON.stringify(s.body))) problems.push(`a stack trace in the answer: ${describe()}`);
      }
    }
    const accepted = stretch.filter((s) => s.status < 400 && s.method !== 'GET');
    const now = await fingerprint();
    if (accepted.length === 0 && now !== before) problems.push(`the data changed in a stretch of refused requests: ${stretch.map((s) => `${s.caller} ${s.method} ${s.path.slice(0, 80)} → ${s.status}`).join('; ')}`);
    before = now;
    if (problems.length > 20) break;
  }
  console.log(`fuzz answers: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ')}`);
  expect(problems, `seed ${SEED}`).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(REQUESTS);
}, 900_000);
