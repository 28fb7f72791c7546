// An arrears list received (uploaded, pushed, or collected from the folder or URL): read and
// checked whole, recorded as a run with its lines. The same file twice is the earlier run.
import { invalid } from '../errors.ts';
import type { Db } from '../db/pool.ts';
import { checkLines, jsonLines } from './check-lines.ts';
import { parseIntakeCsv, type RawLine } from './csv.ts';
import { IntakePushSchema } from './schemas.ts';
import { createRun, sha256, type RunSource } from './runs-repository.ts';

export const INTAKE_SYSTEM_ACTOR = 'system:intake';

/** Today in Amsterdam, the ledger's date when a list names none. */
export const amsterdamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

export type Submitted = { runId: string; fresh: boolean };

export async function submitList(
  pool: Db,
  file: { kind: 'csv'; text: string } | { kind: 'json'; body: unknown; text: string },
  meta: { source: RunSource; filename: string | null; asOf?: string | undefined; definitionId?: string | undefined; actor: string; defaultDefinitionId: string },
): Promise<Submitted> {
  let raw: RawLine[];
  let asOf = meta.asOf;
  let definitionId = meta.definitionId;
  if (file.kind === 'csv') {
    const parsed = parseIntakeCsv(file.text);
    if (!parsed.ok) throw invalid(`the arrears list was not read: ${parsed.error}`, [{ field: 'body', message: parsed.error }]);
    raw = parsed.lines;
  } else {
    const push = IntakePushSchema.safeParse(file.body);
    if (!push.success) throw invalid(`the arrears list was not read: ${push.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`, push.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message })));
    raw = jsonLines(push.data.lines);
    asOf = push.data.asOf ?? asOf;
    definitionId = push.data.definitionId ?? definitionId;
  }
  return await createRun(pool, {
    sha256: sha256(file.text),
    filename: meta.filename,
    source: meta.source,
    definitionId: definitionId ?? meta.defaultDefinitionId,
    asOf: asOf ?? amsterdamToday(),
    actor: meta.actor,
    lines: checkLines(raw),
  });
}
