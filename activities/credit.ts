// A payment beyond the balance becomes a credit on the case: the excess is kept on the case
// row, the timeline says so, and a task asks finance to refund it or settle it against the
// next rent. Idempotent by the payment's reference: a retry adds no second credit or task.
import { CREDIT_TASK_KIND, creditTaskOutcomes } from '../definition/credit.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { Queryable } from '../server/db/pool.ts';
import { appendTimeline } from './timeline.ts';

export async function recordCredit(q: Queryable, input: { caseId: string; reference: string; excessCents: number; at: string }) {
  const taskId = idempotencyKey(input.caseId, 'credit', input.reference);
  const inserted = await appendTimeline(q, {
    key: taskId,
    caseId: input.caseId,
    at: input.at,
    type: 'credit',
    data: { reference: input.reference, creditCents: input.excessCents, taskId },
  });
  if (!inserted) return;
  await q.query(`UPDATE cases SET credit_cents = credit_cents + $2, updated_at = now() WHERE id = $1`, [input.caseId, input.excessCents]);
  await q.query(
    `INSERT INTO tasks (id, case_id, step_id, kind, title, instructions, role, original_role, roles, status, outcomes, opened_at)
     SELECT $1, $2, COALESCE(c.current_step, 'payment'), $3, $4, $5, 'finance', 'finance', ARRAY['finance'], 'open', $6, $7 FROM cases c WHERE c.id = $2
     ON CONFLICT (id) DO NOTHING`,
    [
      taskId,
      input.caseId,
      CREDIT_TASK_KIND,
      'Tegoed terugbetalen of verrekenen',
      `De huurder betaalde ${(input.excessCents / 100).toFixed(2).replace('.', ',')} euro meer dan de achterstand (betaling ${input.reference}). Stort het terug of verreken het met de volgende huur, en leg vast wat u deed.`,
      JSON.stringify(creditTaskOutcomes),
      input.at,
    ],
  );
}
