// The SQL of the municipality signal's export batches and answers.
import type { Queryable } from '../db/pool.ts';
import { scopeSql, type CaseScope } from '../teams/scope.ts';
import type { AnswerEffect, AnswerLine, SignalBatch } from './schemas.ts';

/**
 * A signal waits for the upload point when only the handover record holds it: delivered by
 * the record-only adapter (`record:` receipt; with MUNICIPALITY_SIGNAL_URL set, the intake
 * got it and the file must not send it again), in no batch yet, and of a case whose tenant's
 * data has not been erased.
 */
const WAITING = `h.partner = 'municipality-signal' AND h.signal_batch_id IS NULL AND h.status <> 'withdrawn'
  AND h.delivery_ref LIKE 'record:%' AND c.anonymised_at IS NULL`;

export type SignalRow = { id: string; caseId: string; payload: unknown; anonymised: boolean };

export async function countWaiting(q: Queryable, scope: CaseScope): Promise<number> {
  const args: unknown[] = [];
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM handovers h JOIN cases c ON c.id = h.case_id WHERE ${WAITING} AND ${scopeSql(scope, args)}`, args);
  return r.rows[0]!.n;
}

/** Serializes batch making: two staff pressing "export" at once get two batches, never one signal in both. */
export async function lockBatches(q: Queryable): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('municipality-signal-batches'))`);
}

/** The waiting signals of the reader's areas, oldest first, moved into a new batch. */
export async function makeBatch(q: Queryable, scope: CaseScope, userId: string): Promise<{ id: number; caseIds: string[] } | null> {
  const args: unknown[] = [];
  const waiting = await q.query<{ id: string; case_id: string }>(
    `SELECT h.id, h.case_id FROM handovers h JOIN cases c ON c.id = h.case_id WHERE ${WAITING} AND ${scopeSql(scope, args)} ORDER BY h.business_at, h.id`,
    args,
  );
  if (waiting.rows.length === 0) return null;
  const made = await q.query<{ id: string }>(`INSERT INTO municipality_signal_batches (signal_count, created_by) VALUES ($1, $2) RETURNING id`, [waiting.rows.length, userId]);
  const id = Number(made.rows[0]!.id);
  await q.query(`UPDATE handovers SET signal_batch_id = $1 WHERE id = ANY($2::text[])`, [id, waiting.rows.map((r) => r.id)]);
  return { id, caseIds: waiting.rows.map((r) => r.case_id) };
}

export async function listBatches(q: Queryable, scope: CaseScope): Promise<SignalBatch[]> {
  // A member of a team sees the batches made of their areas' signals (a batch is made per reader's areas).
  const args: unknown[] = [];
  const r = await q.query<{ id: string; created_at: Date; display_name: string | null; signal_count: number; answered: number }>(
    `SELECT b.id, b.created_at, u.display_name, b.signal_count,
            (SELECT count(DISTINCT a.handover_id)::int FROM municipality_signal_answers a JOIN handovers x ON x.id = a.handover_id WHERE x.signal_batch_id = b.id) AS answered
       FROM municipality_signal_batches b LEFT JOIN users u ON u.id = b.created_by
      WHERE NOT EXISTS (SELECT 1 FROM handovers h JOIN cases c ON c.id = h.case_id WHERE h.signal_batch_id = b.id AND NOT (${scopeSql(scope, args)}))
      ORDER BY b.id DESC LIMIT 200`,
    args,
  );
  return r.rows.map((b) => ({ id: Number(b.id), createdAt: b.created_at.toISOString(), createdBy: b.display_name, signals: b.signal_count, answered: b.answered }));
}

export async function batchExists(q: Queryable, id: number): Promise<boolean> {
  return ((await q.query(`SELECT 1 FROM municipality_signal_batches WHERE id = $1`, [id])).rowCount ?? 0) > 0;
}

export async function signalsOfBatch(q: Queryable, id: number): Promise<SignalRow[]> {
  const r = await q.query<{ id: string; case_id: string; payload: unknown; anonymised: boolean }>(
    `SELECT h.id, h.case_id, h.payload, c.anonymised_at IS NOT NULL AS anonymised FROM handovers h JOIN cases c ON c.id = h.case_id WHERE h.signal_batch_id = $1 ORDER BY h.business_at, h.id`,
    [id],
  );
  return r.rows.map((s) => ({ id: s.id, caseId: s.case_id, payload: s.payload, anonymised: s.anonymised }));
}

/** The case ids of these signals outside the reader's areas (any one refuses a batch whole). */
export async function outsideScope(q: Queryable, scope: CaseScope, caseIds: string[]): Promise<number> {
  if (!scope) return 0;
  const args: unknown[] = [caseIds];
  const r = await q.query(`SELECT 1 FROM cases c WHERE c.id = ANY($1::uuid[]) AND NOT (${scopeSql(scope, args)})`, args);
  return r.rowCount ?? 0;
}

// --- Answers ---------------------------------------------------------------------------------

export type KnownSignal = { id: string; caseId: string; caseStatus: string; handoverStatus: string };

/** The signals with these references that the reader may answer (of their areas); others stay unknown. */
export async function signalsByReference(q: Queryable, references: string[], scope: CaseScope): Promise<Map<string, KnownSignal>> {
  const args: unknown[] = [references];
  const r = await q.query<{ id: string; case_id: string; case_status: string; status: string }>(
    `SELECT h.id, h.case_id, c.status AS case_status, h.status FROM handovers h JOIN cases c ON c.id = h.case_id
      WHERE h.id = ANY($1::text[]) AND h.partner = 'municipality-signal' AND ${scopeSql(scope, args)}`,
    args,
  );
  return new Map(r.rows.map((s) => [s.id, { id: s.id, caseId: s.case_id, caseStatus: s.case_status, handoverStatus: s.status }]));
}

export type StoredAnswer = { id: number; applied: boolean };

/** Records an answer once; the row that was there already when it was imported before. */
export async function storeAnswer(q: Queryable, line: AnswerLine, caseId: string, userId: string): Promise<StoredAnswer> {
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO municipality_signal_answers (handover_id, case_id, answer, answered_on, pause_until, imported_by) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (handover_id, answer) DO NOTHING RETURNING id`,
    [line.reference, caseId, line.answer, line.date, line.pauseUntil ?? null, userId],
  );
  if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), applied: false };
  const found = await q.query<{ id: string; applied_at: Date | null }>(`SELECT id, applied_at FROM municipality_signal_answers WHERE handover_id = $1 AND answer = $2`, [line.reference, line.answer]);
  return { id: Number(found.rows[0]!.id), applied: found.rows[0]!.applied_at !== null };
}

export async function markApplied(q: Queryable, id: number, effect: AnswerEffect): Promise<void> {
  await q.query(`UPDATE municipality_signal_answers SET applied_at = now(), effect = $2 WHERE id = $1 AND applied_at IS NULL`, [id, effect]);
}
