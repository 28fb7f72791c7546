// `npm run users`: managing staff from a shell (the first admin of a production install,
// which seeds no demo users), against the real database; every change audited as the CLI.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inject } from 'vitest';
import { createPool, type Db } from '../server/db/pool.ts';
import { Api } from './support/harness.ts';
import { startHarness, type Harness } from './support/harness.ts';

const run = promisify(execFile);
let h: Harness;
let pool: Db;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  pool = createPool(inject('databaseUrl'), 2);
});
afterAll(async () => {
  await pool?.end();
  await h?.stop();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run('npx', ['tsx', 'runtime/users-cli.ts', ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl'), NODE_ENV: 'production' }, timeout: 60_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

test('add a user with a generated password, who can then sign in; list shows them', async () => {
  const username = `cli-${randomUUID().slice(0, 6)}`;
  const added = await cli('add', username, '--name', 'Eerste Beheerder', '--roles', 'admin,ops');
  expect(added.code).toBe(0);
  expect(added.out).toContain(`created ${username}`);
  const password = /password \(shown once\): (\S+)/.exec(added.out)?.[1];
  expect(password).toBeDefined();
  const login = await new Api(h.baseUrl).post('/api/auth/login', { username, password });
  expect(login.status).toBe(200);
  expect(login.body.user.roles).toEqual(['admin', 'ops']);
  const list = await cli('list');
  expect(list.out).toMatch(new RegExp(`${username}\\s+Eerste Beheerder\\s+admin,ops\\s+active`));
  const audit = await pool.query(`SELECT actor FROM audit_log WHERE action = 'user.create' AND entity_id = $1`, [login.body.user.id]);
  expect(audit.rows[0].actor).toMatch(/^cli:/);
});

test('roles, deactivate, activate and password change an existing user', async () => {
  const username = `cli-${randomUUID().slice(0, 6)}`;
  expect((await cli('add', username, '--name', 'Tijdelijke Kracht', '--roles', 'caseworker', '--password', 'eerste-wachtwoord')).code).toBe(0);
  expect((await cli('roles', username, 'controller')).out).toContain('controller');
  expect((await cli('deactivate', username)).out).toContain('INACTIVE');
  expect((await new Api(h.baseUrl).post('/api/auth/login', { username, password: 'eerste-wachtwoord' })).status).toBe(401);
  expect((await cli('activate', username)).code).toBe(0);
  expect((await cli('password', username, '--password', 'tweede-wachtwoord')).out).toContain('new password set');
  const login = await new Api(h.baseUrl).post('/api/auth/login', { username, password: 'tweede-wachtwoord' });
  expect(login.status).toBe(200);
  expect(login.body.user.roles).toEqual(['controller']);
});

test('wrong input is refused with a message naming what is wrong, and changes nothing', async () => {
  const unknownRole = await cli('add', 'cli-wrong', '--name', 'Fout', '--roles', 'boss');
  expect(unknownRole.code).toBe(2);
  expect(unknownRole.err).toContain('roles: "boss" is not a role; roles are policy-owner, caseworker');
  const short = await cli('add', 'cli-wrong', '--name', 'Fout', '--roles', 'ops', '--password', 'kort');
  expect(short.code).toBe(2);
  expect(short.err).toContain('password: a password has at least 10 characters');
  expect((await pool.query(`SELECT 1 FROM users WHERE username = 'cli-wrong'`)).rowCount).toBe(0);
  const nobody = await cli('deactivate', 'niemand');
  expect(nobody.code).toBe(2);
  expect(nobody.err).toContain('there is no user "niemand"');
  const taken = await cli('add', 'sanne', '--name', 'Sanne', '--roles', 'caseworker');
  expect(taken.code).toBe(1);
  expect(taken.err).toContain('username "sanne" is taken');
  const unknownCommand = await cli('remove', 'sanne');
  expect(unknownCommand.code).toBe(2);
  expect(unknownCommand.err).toContain('unknown command "remove"');
});
