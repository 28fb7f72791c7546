// SQL for intake runs (migration 024): a run and its checked lines recorded in one transaction
// (the same file twice finds its first run), the lines still to do in chunks, each line's
// outcome, the progress, and what staff read back.
import { createHash } from 'node:crypto';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import type { CheckedLine } from './check-lines.ts';
import type { IntakeLine, IntakeOutcome } from './schemas.ts';

export type RunSource = 'upload' | 'push' | 'folder' | 'url';
export type IntakeRun = {
  id: string;
  filename: string | null;
  source: RunSource;
  definitionId: string;
  asOf: string;
  status: 'running' | 'done' | 'failed';
  totalLines: number;
  doneLines: number;
  counts: Partial<Record<IntakeOutcome, number>>;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Records a run with its lines (valid ones pending, the rest invalid with the reason); the same
 * file again returns the earlier run and `fresh: false`.
 */
export async function createRun(
  pool: Db,
  r: { sha256: string; filename: string | null; source: RunSource; definitionId: string; asOf: string; actor: string; lines: CheckedLine[] },
): Promise<{ runId: string; fresh: boolean }> {
  return await inTransaction(pool, async (q) => {
    const inserted = await q.query<{ id: string }>(
      `INSERT INTO intake_runs (file_sha256, filename, source, definition_id, as_of, total_lines, started_by) VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (file_sha256) DO NOTHING RETURNING id`,
      [r.sha256, r.filename, r.source, r.definitionId, r.asOf, r.lines.length, r.actor],
    );
    if (!inserted.rows[0]) {
      const earlier = await q.query<{ id: string }>(`SELECT id FROM intake_runs WHERE file_sha256 = $1`, [r.sha256]);
      return { runId: earlier.rows[0]!.id, fresh: false };
    }
    const runId = inserted.rows[0].id;
    // In slices: a 50,000-line list is one transaction, not one statement of a million parameters.
    for (let i = 0; i < r.lines.length; i += 2000) {
      const slice = r.lines.slice(i, i + 2000);
      await q.query(
        `INSERT INTO intake_lines (run_id, line, tenancy_reference, outcome, message, data)
         SELECT $1, l.line, l.reference, l.outcome, l.message, l.data FROM jsonb_to_recordset($2::jsonb) AS l(line int, reference text, outcome text, message text, data jsonb)`,
        [runId, JSON.stringify(slice.map((l) => ({ line: l.line, reference: l.reference, outcome: l.ok ? 'pending' : 'invalid', message: l.ok ? null : l.message, data: l.ok ? l.data : null })))],
      );
    }
    await q.query(`UPDATE intake_runs SET done_lines = (SELECT count(*) FROM intake_lines WHERE run_id = $1 AND outcome <> 'pending') WHERE id = $1`, [runId]);
    await audit(q, { actor: r.actor, action: 'intake.run', entity: 'intake-run', entityId: runId, details: { source: r.source, filename: r.filename, lines: r.lines.length, invalid: r.lines.filter((l) => !l.ok).length, asOf: r.asOf } });
    return { runId, fresh: true };
  });
}

/** A collected file that could not be read at all: a failed run, so it is reported and not taken again. */
export async function recordUnreadable(pool: Db, r: { sha256: string; filename: string; source: RunSource; definitionId: string; error: string }): Promise<string> {
  const inserted = await pool.query<{ id: string }>(
    `INSERT INTO intake_runs (file_sha256, filename, source, definition_id, as_of, total_lines, started_by, status, error, finished_at)
     VALUES ($1,$2,$3,$4,(now() AT TIME ZONE 'Europe/Amsterdam')::date,0,'system:intake','failed',$5,now())
     ON CONFLICT (file_sha256) DO UPDATE SET file_sha256 = EXCLUDED.file_sha256 RETURNING id`,
    [r.sha256, r.filename, r.source, r.definitionId, r.error],
  );
  return inserted.rows[0]!.id;
}

export async function runMeta(q: Queryable, runId: string): Promise<{ definitionId: string; asOf: string; status: string; startedBy: string } | undefined> {
  const r = await q.query<{ definition_id: string; as_of: string; status: string; started_by: string }>(
    `SELECT definition_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, status, started_by FROM intake_runs WHERE id = $1`,
    [runId],
  );
  const row = r.rows[0];
  return row && { definitionId: row.definition_id, asOf: row.as_of, status: row.status, startedBy: row.started_by };
}

/** The next lines still to do, in file order. */
export async function pendingLines(q: Queryable, runId: string, limit: number): Promise<Array<{ line: number; data: IntakeLine }>> {
  const r = await q.query<{ line: number; data: IntakeLine }>(`SELECT line, data FROM intake_lines WHERE run_id = $1 AND outcome = 'pending' ORDER BY line LIMIT $2`, [runId, limit]);
  return r.rows;
}

/** A line's outcome; its contact data is no longer needed once it is done. */
export async function recordOutcome(q: Queryable, runId: string, line: number, o: { outcome: IntakeOutcome; caseId?: string; amountCents?: number; message?: string }) {
  await q.query(`UPDATE intake_lines SET outcome = $3, case_id = $4, amount_cents = $5, message = $6, data = NULL WHERE run_id = $1 AND line = $2 AND outcome = 'pending'`, [
    runId,
    line,
    o.outcome,
    o.caseId ?? null,
    o.amountCents ?? null,
    o.message ?? null,
  ]);
}

export async function updateProgress(q: Queryable, runId: string): Promise<{ done: number; total: number }> {
  const r = await q.query<{ done_lines: number; total_lines: number }>(
    `UPDATE intake_runs SET done_lines = (SELECT count(*)::int FROM intake_lines WHERE run_id = $1 AND outcome <> 'pending') WHERE id = $1 RETURNING done_lines, total_lines`,
    [runId],
  );
  return { done: r.rows[0]!.done_lines, total: r.rows[0]!.total_lines };
}

export async function finishRun(pool: Db, runId: string, error?: string): Promise<void> {
  await inTransaction(pool, async (q) => {
    const done = await q.query(`UPDATE intake_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1 AND status = 'running' RETURNING id`, [runId, error ? 'failed' : 'done', error ?? null]);
    if (!done.rowCount) return;
    const counts = await outcomeCounts(q, runId);
    await audit(q, { key: `intake-finished:${runId}`, actor: 'system:intake', action: 'intake.finished', entity: 'intake-run', entityId: runId, details: { counts, ...(error ? { error } : {}) } });
  });
}

async function outcomeCounts(q: Queryable, runId: string): Promise<IntakeRun['counts']> {
  const r = await q.query<{ outcome: IntakeOutcome; n: number }>(`SELECT outcome, count(*)::int AS n FROM intake_lines WHERE run_id = $1 GROUP BY outcome`, [runId]);
  return Object.fromEntries(r.rows.map((x) => [x.outcome, x.n]));
}

const RUN_SELECT = `SELECT id, filename, source, definition_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, status, total_lines, done_lines, started_by, started_at, finished_at, error FROM intake_runs`;
type RunRow = {
  id: string;
  filename: string | null;
  source: RunSource;
  definition_id: string;
  as_of: string;
  status: IntakeRun['status'];
  total_lines: number;
  done_lines: number;
  started_by: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
};
const toRun = async (q: Queryable, r: RunRow): Promise<IntakeRun> => ({
  id: r.id,
  filename: r.filename,
  source: r.source,
  definitionId: r.definition_id,
  asOf: r.as_of,
  status: r.status,
  totalLines: r.total_lines,
  doneLines: r.done_lines,
  counts: await outcomeCounts(q, r.id),
  startedBy: r.started_by,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  error: r.error,
});

export async function getRun(q: Queryable, runId: string): Promise<IntakeRun | undefined> {
  const r = await q.query<RunRow>(`${RUN_SELECT} WHERE id = $1`, [runId]);
  return r.rows[0] && (await toRun(q, r.rows[0]));
}

export async function listRuns(q: Queryable, limit: number): Promise<IntakeRun[]> {
  const r = await q.query<RunRow>(`${RUN_SELECT} ORDER BY started_at DESC LIMIT $1`, [limit]);
  return await Promise.all(r.rows.map((row) => toRun(q, row)));
}

export type IntakeLineReport = { line: number; tenancyReference: string | null; outcome: IntakeOutcome; caseId: string | null; amountCents: number | null; message: string | null };

export async function runLines(q: Queryable, runId: string, f: { outcome?: IntakeOutcome | undefined; limit: number; offset: number }): Promise<IntakeLineReport[]> {
  const r = await q.query<{ line: number; tenancy_reference: string | null; outcome: IntakeOutcome; case_id: string | null; amount_cents: number | null; message: string | null }>(
    `SELECT line, tenancy_reference, outcome, case_id, amount_cents, message FROM intake_lines WHERE run_id = $1 AND ($2::text IS NULL OR outcome = $2) ORDER BY line LIMIT $3 OFFSET $4`,
    [runId, f.outcome ?? null, f.limit, f.offset],
  );
  return r.rows.map((l) => ({ line: l.line, tenancyReference: l.tenancy_reference, outcome: l.outcome, caseId: l.case_id, amountCents: l.amount_cents, message: l.message }));
}
