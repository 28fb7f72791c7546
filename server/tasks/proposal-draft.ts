// The report a caseworker has just written, offered as the reasoning of the forgiveness
// proposal it led to (the home visit's "propose forgiveness"), so it is written once: the
// proposal form starts from it and the caseworker adds the amount.
import type { Queryable } from '../db/pool.ts';
import type { TaskRow } from './repository.ts';

export type ProposalDraft = { reason: string; fromTitle: string };

export async function proposalDraft(q: Queryable, task: TaskRow): Promise<ProposalDraft | null> {
  if (task.approval?.level !== 0 || task.approval.subject !== 'forgiveness' || task.status !== 'open') return null;
  const r = await q.query<{ title: string; report: string }>(
    `SELECT title, fields->>'report' AS report FROM tasks
      WHERE case_id = $1 AND id <> $2 AND status = 'completed' AND closed_at <= $3 AND fields->>'report' IS NOT NULL
      ORDER BY closed_at DESC LIMIT 1`,
    [task.caseId, task.id, task.openedAt],
  );
  const row = r.rows[0];
  return row ? { reason: row.report, fromTitle: row.title } : null;
}
