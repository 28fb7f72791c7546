// Issue 11, point 6: the audit log cannot be edited unseen. Every row carries a hash chained to
// the one before, computed by the database itself; `npm run audit:verify` checks the chain and
// prints its head. A row changed behind the app's back (by the database's owner, who can lift
// the append-only trigger) is found at that row, rows removed from the middle as a gap, rows
// removed from the end against a head recorded earlier. Its own database: it tampers.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { audit } from '../server/audit/repository.ts';
import { createPool, type Db } from '../server/db/pool.ts';
import { createDatabase, prepareDatabase } from './support/database.ts';

const run = promisify(execFile);
let db: Awaited<ReturnType<typeof createDatabase>>;
let pool: Db;
beforeAll(async () => {
  const shared = inject('databaseUrl');
  db = await createDatabase(shared, `${new URL(shared).pathname.slice(1)}_audit_${randomUUID().slice(0, 8)}`);
  await prepareDatabase(db.url);
  pool = createPool(db.url, 12);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function verify(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run('npx', ['tsx', 'runtime/audit-verify.ts', ...args], { env: { ...process.env, DATABASE_URL: db.url }, timeout: 120_000 });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}
/** What someone with the owner's rights can do (the app's own role cannot): lift the append-only trigger and edit. */
async function tamper(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_append_only');
    await c.query(sql, params);
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_append_only');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}

test('rows written at once by many connections form one unbroken chain, and the verify command says so', async () => {
  await Promise.all(Array.from({ length: 200 }, (_, i) => audit(pool, { actor: `user-${i % 7}`, action: 'case.read', entity: 'case', entityId: randomUUID(), details: { i } })));
  const seqs = (await pool.query<{ seq: string }>(`SELECT seq FROM audit_log ORDER BY seq`)).rows.map((r) => Number(r.seq));
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  expect(seqs.length).toBeGreaterThanOrEqual(200);
  const ok = await verify();
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(new RegExp(`audit log: ${seqs.length} rows; head ${seqs.length}:[0-9a-f]{64}`));
  expect(ok.out).toContain('the chain is intact');
  // The app itself still cannot change a row.
  await expect(pool.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow();
});

test('a changed row, a removed row and rows cut from the end are each found', async () => {
  for (let i = 0; i < 10; i++) await audit(pool, { actor: 'sanne', action: 'payment.register', entity: 'payment', entityId: `REF-${i}`, after: { amountCents: 1000 + i } });
  const head = /head (\d+:[0-9a-f]{64})/.exec((await verify()).out)![1]!;
  const [seq] = head.split(':').map(Number);
  const target = seq! - 5;

  await tamper(`UPDATE audit_log SET after = '{"amountCents": 1}' WHERE seq = $1`, [target]);
  const changed = await verify();
  expect(changed.code).toBe(1);
  expect(changed.out).toContain(`BROKEN at row ${target}`);
  expect(changed.out).toContain('its hash does not match its content and the row before');

  await tamper(`DELETE FROM audit_log WHERE seq = $1`, [target - 2]);
  const removed = await verify();
  expect(removed.out).toContain(`BROKEN at row ${target - 1}`);
  expect(removed.out).toContain(`the chain jumps from ${target - 3} to ${target - 1}: rows were removed`);

  // The last two rows gone: the chain itself looks whole, the recorded head does not.
  await tamper(`DELETE FROM audit_log WHERE seq > $1`, [seq! - 2]);
  const cut = await verify('--expect-head', head);
  expect(cut.code).toBe(1);
  expect(cut.out).toContain(`the recorded head ${seq} is gone: rows were removed from the end`);
  expect((await verify('--expect-head', 'nonsense')).out).toContain('--expect-head is <seq>:<hash>');
});
