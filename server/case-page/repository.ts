// SQL behind the case page's own endpoints: notes written by staff, and a cheap fingerprint
// of a case's progress that the page polls (no personal data in it, so no audited read).
import { idempotencyKey } from '../../definition/idempotency.ts';
import { appendTimeline } from '../../activities/timeline.ts';
import type { CaseStatus } from '../../definition/case-status.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';
import { storeNote } from '../notes.ts';

export type CaseNote = { id: string; at: string; createdAt: string; author: string; authorName: string | null; text: string };

/**
 * Stores a note and puts it on the case timeline at the case's business time (which runs
 * ahead of the calendar for a case on a time scale), in one transaction. The timeline row
 * carries the note:<id> reference; the API resolves it to the text.
 */
export async function addNote(pool: Db, caseId: string, author: string, text: string, businessAt: string): Promise<CaseNote> {
  return await inTransaction(pool, async (q) => {
    const ref = await storeNote(q, caseId, author, 'note', text);
    const id = ref.slice('note:'.length);
    await appendTimeline(q, { key: idempotencyKey(caseId, 'note', id), caseId, at: businessAt, type: 'note', actor: author, data: { noteId: id, text: ref } });
    await audit(q, { actor: author, action: 'note.add', caseId, entity: 'note', entityId: id, after: { noteId: id, length: text.length } });
    return (await notes(q, caseId, id))[0]!;
  });
}

export async function notes(q: Queryable, caseId: string, onlyId?: string): Promise<CaseNote[]> {
  const r = await q.query<{ id: string; at: Date | null; created_at: Date; author: string; display_name: string | null; text: string }>(
    `SELECT n.id, e.at, n.created_at, n.author, u.display_name, n.text
     FROM case_notes n LEFT JOIN case_events e ON e.key = n.case_id || ':note:' || n.id LEFT JOIN users u ON u.id::text = n.author
     WHERE n.case_id = $1 AND n.kind = 'note' ${onlyId ? 'AND n.id = $2' : ''} ORDER BY COALESCE(e.at, n.created_at) DESC`,
    onlyId ? [caseId, onlyId] : [caseId],
  );
  return r.rows.map((n) => ({
    id: n.id,
    at: (n.at ?? n.created_at).toISOString(),
    createdAt: n.created_at.toISOString(),
    author: n.author,
    authorName: n.display_name,
    text: n.text,
  }));
}

export async function progress(q: Queryable, caseId: string) {
  const r = await q.query<{ status: CaseStatus; balance_cents: number; current_step: string | null; updated_at: Date; last_event: string | null }>(
    `SELECT c.status, c.balance_cents, c.current_step, c.updated_at, (SELECT max(id) FROM case_events e WHERE e.case_id = c.id) AS last_event
     FROM cases c WHERE c.id = $1 AND NOT c.dry_run`,
    [caseId],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    balanceCents: row.balance_cents,
    currentStep: row.current_step,
    // Changes whenever anything the case page shows changes.
    version: `${row.last_event ?? 0}:${row.updated_at.getTime()}`,
  };
}
