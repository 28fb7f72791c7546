// Checks the audit log's hash chain (migration 015): every row's hash must be the hash of the
// row before it and of its own content, and the chain must run 1, 2, 3, ... without a gap. A row
// edited, inserted or removed behind the app's back shows as the first row where that fails.
// A row removed from the end, or the whole chain recomputed, only shows against a head recorded
// earlier: keep the head this prints somewhere the database's owner cannot reach (a ticket, an
// e-mail to the security officer) and pass it back as `expectHead`.
import type { Queryable } from '../db/pool.ts';

export type ChainHead = { seq: number; hash: string };
export type ChainProblem = { seq: number; id: number; problem: string };
export type ChainReport = { rows: number; head: ChainHead | null; problems: ChainProblem[] };

export async function verifyAuditChain(q: Queryable, expectHead?: ChainHead): Promise<ChainReport> {
  const found = await q.query<{ id: string; seq: string; stored: string; expected: string; previous_seq: string | null }>(
    `SELECT id, seq, hash AS stored, previous_seq,
            audit_chain_hash(previous_hash, audit_row_text(seq, at, actor, action, case_id, entity, entity_id, before, after, details, key)) AS expected
       FROM (SELECT *, lag(hash) OVER w AS previous_hash, lag(seq) OVER w AS previous_seq FROM audit_log WINDOW w AS (ORDER BY seq)) chained
      WHERE hash IS DISTINCT FROM audit_chain_hash(previous_hash, audit_row_text(seq, at, actor, action, case_id, entity, entity_id, before, after, details, key))
         OR seq <> coalesce(previous_seq, 0) + 1
      ORDER BY seq
      LIMIT 100`,
  );
  const problems = found.rows.map((r): ChainProblem => {
    const seq = Number(r.seq);
    const gap = seq !== Number(r.previous_seq ?? 0) + 1;
    return {
      seq,
      id: Number(r.id),
      problem: gap ? `the chain jumps from ${r.previous_seq ?? 'its start'} to ${seq}: rows were removed` : 'its hash does not match its content and the row before: the row, or one before it, was changed',
    };
  });
  const summary = await q.query<{ rows: string; seq: string | null; hash: string | null }>(
    `SELECT (SELECT count(*) FROM audit_log) AS rows, h.seq, h.hash FROM (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) h RIGHT JOIN (SELECT 1) one ON true`,
  );
  const s = summary.rows[0]!;
  const head = s.seq === null ? null : { seq: Number(s.seq), hash: s.hash! };
  if (expectHead) {
    const then = await q.query<{ hash: string }>(`SELECT hash FROM audit_log WHERE seq = $1`, [expectHead.seq]);
    if (!then.rows[0]) problems.push({ seq: expectHead.seq, id: 0, problem: `the recorded head ${expectHead.seq} is gone: rows were removed from the end` });
    else if (then.rows[0].hash !== expectHead.hash) problems.push({ seq: expectHead.seq, id: 0, problem: `row ${expectHead.seq} no longer has the recorded hash: the chain was rewritten` });
  }
  return { rows: Number(s.rows), head, problems };
}
