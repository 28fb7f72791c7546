// `npm start` as root runs the embedded PostgreSQL as the user "postgres". From a folder that
// user cannot enter (a clone under /root, a private temporary folder) it used to crash with an
// unhandled `spawn … initdb EACCES`; now it stops before spawning anything, saying what is wrong
// and what to do. (By hand: a clone in a 0700 folder and under /root, `npm start` as root.)
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';
import { freePort } from '../runtime/ports.ts';

const root = process.getuid?.() === 0;
const privateFolder = mkdtempSync(join(tmpdir(), 'arrears-private-'));
afterAll(() => rmSync(privateFolder, { recursive: true, force: true }));

test.runIf(root)('as root, data in a folder the postgres user cannot enter: one message naming the folder and the ways out, nothing started', async () => {
  chmodSync(privateFolder, 0o700);
  const dir = join(privateFolder, '.data', 'postgres');
  const started = startEmbeddedPostgres({ dir, port: await freePort(), database: 'arrears' });
  await expect(started).rejects.toBeInstanceOf(EmbeddedPostgresError);
  const message = await started.catch((err: Error) => err.message);
  expect(message).toContain(`cannot enter ${privateFolder} (mode 0700, owner uid 0), where its data (${dir}) is.`);
  expect(message).toContain('run npm start as an ordinary user, not as root');
  expect(message).toContain('point DATA_DIR at such a folder');
  expect(message).toContain('set DATABASE_URL');
  expect(existsSync(join(dir, 'pgdata'))).toBe(false);
});
