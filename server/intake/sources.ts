// Where the daily intake finds the rent ledger's arrears list: a folder the ERP drops its export
// in (every .csv or .json file not yet taken, oldest name first), or a URL it serves the day's
// list at (with a bearer token). Either way a file is a run once, by its content.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/pool.ts';
import { recordUnreadable, sha256 } from './runs-repository.ts';
import { INTAKE_SYSTEM_ACTOR, submitList } from './submit.ts';

export type IntakeSource = { dir?: string | undefined; url?: string | undefined; token?: string | undefined; definitionId: string };

const isJson = (name: string, contentType = '') => /\.json$/i.test(name) || contentType.includes('json');

/** A file taken as a run; one that cannot be read is recorded as a failed run saying why, and not tried again. */
async function take(pool: Db, s: IntakeSource, name: string, text: string, source: 'folder' | 'url', contentType?: string): Promise<string> {
  try {
    const file = isJson(name, contentType) ? { kind: 'json' as const, text, body: JSON.parse(text) as unknown } : { kind: 'csv' as const, text };
    return (await submitList(pool, file, { source, filename: name, actor: INTAKE_SYSTEM_ACTOR, defaultDefinitionId: s.definitionId })).runId;
  } catch (err) {
    return await recordUnreadable(pool, { sha256: sha256(text), filename: name, source, definitionId: s.definitionId, error: (err as Error).message });
  }
}

const known = async (pool: Db, text: string) => ((await pool.query(`SELECT 1 FROM intake_runs WHERE file_sha256 = $1`, [sha256(text)])).rowCount ?? 0) > 0;

/** The runs of the new files (an earlier file's run is left as it was); a file that cannot be read fails the collection, naming it. */
export async function collectIntakeFiles(pool: Db, s: IntakeSource): Promise<string[]> {
  const runs: string[] = [];
  if (s.dir) {
    const names = (await readdir(s.dir)).filter((n) => /\.(csv|json)$/i.test(n)).sort();
    for (const name of names) {
      const text = await readFile(join(s.dir, name), 'utf8');
      if (await known(pool, text)) continue;
      runs.push(await take(pool, s, name, text, 'folder'));
    }
  }
  if (s.url) {
    const response = await fetch(s.url, { headers: s.token ? { authorization: `Bearer ${s.token}` } : {}, signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`the arrears list at ${new URL(s.url).origin} answered ${response.status}`);
    const text = await response.text();
    const name = new URL(s.url).pathname.split('/').pop() || 'arrears';
    if (!(await known(pool, text))) runs.push(await take(pool, s, name, text, 'url', response.headers.get('content-type') ?? ''));
  }
  return runs;
}
