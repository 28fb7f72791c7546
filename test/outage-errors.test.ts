// What the API answers when what it depends on is down: a 503 that says so and that a retry is
// safe, never "something went wrong". The errors are the real ones: a PostgreSQL that refuses
// connections, and the texts Temporal's client throws.
import pg from 'pg';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { expect, inject, test } from 'vitest';
import { createPool, inTransaction } from '../server/db/pool.ts';
import { AppError, fromOutage } from '../server/errors.ts';
import { freePort } from '../runtime/ports.ts';

test('PostgreSQL refusing connections is a 503 naming the database', async () => {
  const pool = new pg.Pool({ host: '127.0.0.1', port: await freePort(), user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
  const err = await pool.query('SELECT 1').catch((e: unknown) => e);
  await pool.end();
  const mapped = fromOutage(err);
  expect(mapped).toBeInstanceOf(AppError);
  expect(mapped!.status).toBe(503);
  expect(mapped!.message).toMatch(/database is not reachable.*try again/);
});

test('Temporal unreachable, or a case whose last step is being retried, is a 503; other errors are not', () => {
  const grpc = (code: number, details: string) => Object.assign(new Error(`Workflow Update failed`), { cause: Object.assign(new Error(`${code} ${details}`), { code }) });
  expect(fromOutage(grpc(14, 'UNAVAILABLE: No connection established'))?.message).toMatch(/Temporal\) is not reachable/);
  expect(fromOutage(grpc(9, 'FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.'))?.message).toMatch(/catching up on this case/);
  expect(fromOutage(grpc(9, 'FAILED_PRECONDITION: something else'))).toBeUndefined();
  // A call cut off by a server killed under it, and an update whose answer never came (the 1,000-case fault run once answered that with a 500).
  expect(fromOutage(grpc(13, 'INTERNAL: Received RST_STREAM with code 2 triggered by internal client error: Protocol error'))?.message).toMatch(/Temporal\) is not reachable/);
  expect(fromOutage(grpc(1, 'CANCELLED: Call cancelled'))?.message).toMatch(/Temporal\) is not reachable/);
  expect(fromOutage(new WorkflowUpdateRPCTimeoutOrCancelledError('Timeout or cancellation waiting for update', { cause: grpc(1, 'CANCELLED: Call cancelled') }))?.status).toBe(503);
  expect(fromOutage(grpc(13, 'INTERNAL: a bug in the server'))).toBeUndefined();
  expect(fromOutage(new Error('boom'))).toBeUndefined();
  expect(fromOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
});

test('a connection lost in the middle of a transaction fails that transaction only: the process goes on and the pool serves the next one', async () => {
  const url = inject('databaseUrl');
  const pool = createPool(url, 2);
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const failed = await inTransaction(pool, async (q) => {
      const pid = (await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // The server ends this connection while the transaction holds it between two statements
      // (as a PostgreSQL restart does); before the fix that 'error' event ended the process.
      await owner.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await q.query('SELECT 1');
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    expect(await inTransaction(pool, async (q) => (await q.query<{ two: number }>('SELECT 2 AS two')).rows[0]!.two)).toBe(2);
  } finally {
    await pool.end();
    await owner.end();
  }
});
