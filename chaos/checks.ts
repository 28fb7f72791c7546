// What must hold after a chaos run, read from the database and from Temporal: each count is a
// defect found, and a passing run has 0 everywhere.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../server/db/pool.ts';
import type { CaseView } from '../workflows/case-view.ts';
import { caseStateQuery } from '../workflows/messages.ts';
import { ARREARS_CENTS, expectedEnd, type Acknowledged, type ChaosCase } from './workload.ts';

export type Findings = {
  /** Messages recorded more than once for one visit of a communicate step. */
  messagesTwice: number;
  /** Communicate-step visits without a message. */
  messagesMissing: number;
  /** Cases neither closed nor at a step that waits (a task with its open task, a wait, a pause). */
  casesStuck: number;
  /** Cases not where their plan leads (closed as paid, or at the task it stops at). */
  casesOffPlan: number;
  /** Acknowledged payments not applied, or applied other than once. */
  paymentsNotAppliedOnce: number;
  /** Cases whose balance is not arrears minus what was paid. */
  balancesWrong: number;
  /** Cases whose read model (status, step, balance, pause) differs from the workflow's own state. */
  readModelDiffers: number;
  /** Acknowledged task completions whose task is still open. */
  completionsLost: number;
  /** Examples, for a person to look at. */
  examples: string[];
};

export const findingKeys = ['messagesTwice', 'messagesMissing', 'casesStuck', 'casesOffPlan', 'paymentsNotAppliedOnce', 'balancesWrong', 'readModelDiffers', 'completionsLost'] as const;

const waitingKinds = new Set(['task', 'wait', 'handover', 'arrangement']);

/**
 * The workflow's own state. A query needs a worker to run it; after a run of thousands of
 * cases the workers may still be working off a backlog, so an unanswered query is asked again
 * for up to `patienceMs`. A case that cannot answer in that time is stuck (undefined).
 */
async function stateOf(temporal: Client, workflowId: string, patienceMs = 300_000): Promise<{ closed: boolean; view: CaseView } | undefined> {
  const handle = temporal.workflow.getHandle(workflowId);
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      const { status } = await handle.describe();
      return { closed: status.name !== 'RUNNING', view: await handle.query(caseStateQuery) };
    } catch (err) {
      // A workflow that does not exist will not come to answer: no use waiting for it.
      if (err instanceof WorkflowNotFoundError || Date.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

export async function check(o: { pool: Db; temporal: Client; cases: ChaosCase[]; acknowledged: Acknowledged[]; completedTasks: Array<{ taskId: string }> }): Promise<Findings> {
  const f: Findings = { messagesTwice: 0, messagesMissing: 0, casesStuck: 0, casesOffPlan: 0, paymentsNotAppliedOnce: 0, balancesWrong: 0, readModelDiffers: 0, completionsLost: 0, examples: [] };
  const note = (line: string) => void (f.examples.length < 20 && f.examples.push(line));
  const ids = o.cases.map((c) => c.id);

  // Messages: per case and communicate step, as many messages as visits, but for a visit the
  // balance being cleared ended before its message could go (held for the message hours, say).
  const perStep = await o.pool.query<{ case_id: string; step_id: string; visits: number; messages: number; cleared: number }>(
    `WITH visits AS (
       SELECT case_id, step_id, count(*)::int AS n FROM case_events
        WHERE type = 'step' AND case_id = ANY($1) AND data->>'kind' = 'communicate' GROUP BY case_id, step_id),
     sent AS (SELECT case_id, step_id, count(*)::int AS n FROM outbox WHERE case_id = ANY($1) GROUP BY case_id, step_id),
     cleared AS (SELECT case_id, step_id, count(*)::int AS n FROM case_events WHERE type = 'balance-cleared' AND case_id = ANY($1) GROUP BY case_id, step_id)
     SELECT coalesce(v.case_id, s.case_id) AS case_id, coalesce(v.step_id, s.step_id) AS step_id, coalesce(v.n, 0) AS visits, coalesce(s.n, 0) AS messages, coalesce(c.n, 0) AS cleared
       FROM visits v FULL JOIN sent s ON s.case_id = v.case_id AND s.step_id = v.step_id
       LEFT JOIN cleared c ON c.case_id = coalesce(v.case_id, s.case_id) AND c.step_id = coalesce(v.step_id, s.step_id)`,
    [ids],
  );
  for (const r of perStep.rows) {
    if (r.messages > r.visits) {
      f.messagesTwice += r.messages - r.visits;
      note(`case ${r.case_id}: ${r.messages} messages for ${r.visits} visits of ${r.step_id}`);
    }
    if (r.messages < r.visits - r.cleared) {
      f.messagesMissing += r.visits - r.cleared - r.messages;
      note(`case ${r.case_id}: no message for a visit of ${r.step_id}`);
    }
  }
  const keys = await o.pool.query<{ n: number }>(`SELECT count(*)::int - count(DISTINCT key)::int AS n FROM outbox WHERE case_id = ANY($1)`, [ids]);
  f.messagesTwice += keys.rows[0]!.n;

  // Payments: each acknowledged reference applied once, to its case.
  const payments = await o.pool.query<{ reference: string; case_id: string; amount_cents: number; applied_at: Date | null }>(`SELECT reference, case_id, amount_cents, applied_at FROM payments WHERE case_id = ANY($1)`, [ids]);
  const byRef = new Map(payments.rows.map((p) => [p.reference, p]));
  for (const a of o.acknowledged) {
    const p = byRef.get(a.reference);
    if (!p || p.applied_at === null || p.case_id !== a.caseId || p.amount_cents !== a.amountCents) {
      f.paymentsNotAppliedOnce++;
      note(`payment ${a.reference}: ${p ? (p.applied_at ? 'applied differently' : 'recorded, not applied') : 'not recorded'}`);
    }
  }
  const paidPerCase = new Map<string, { cents: number; count: number }>();
  for (const a of o.acknowledged) {
    const t = paidPerCase.get(a.caseId) ?? { cents: 0, count: 0 };
    paidPerCase.set(a.caseId, { cents: t.cents + a.amountCents, count: t.count + 1 });
  }

  const openTasks = new Map<string, string[]>();
  for (const t of (await o.pool.query<{ case_id: string; step_id: string }>(`SELECT case_id, step_id FROM tasks WHERE status = 'open' AND case_id = ANY($1)`, [ids])).rows)
    openTasks.set(t.case_id, [...(openTasks.get(t.case_id) ?? []), t.step_id]);

  for (const c of o.cases) {
    // Its read model read right after the workflow's own state: for a run of thousands the
    // checks take minutes, and a case compared with a snapshot from before them would differ
    // only because it moved on meanwhile.
    const state = await stateOf(o.temporal, c.workflowId);
    if (!state) {
      f.casesStuck++;
      note(`case ${c.reference} (${c.plan}): its workflow answered no query for 5 minutes`);
      continue;
    }
    const { closed, view } = state;
    const row = (
      await o.pool.query<{ status: string; outcome: string | null; current_step: string | null; balance_cents: number; pause_reason: string | null }>(
        `SELECT status, outcome, current_step, balance_cents, pause_reason FROM cases WHERE id = $1`,
        [c.id],
      )
    ).rows[0]!;
    const step = view.currentStep;
    const waits =
      closed ||
      view.paused !== null ||
      (step !== null && waitingKinds.has(step.kind) && (step.kind !== 'task' || (openTasks.get(c.id) ?? []).includes(step.id)));
    if (!waits) {
      f.casesStuck++;
      note(`case ${c.reference} (${c.plan}) stuck at ${step?.id ?? 'no step'} (${step?.kind ?? '-'})`);
    }
    const end = expectedEnd[c.plan];
    const onPlan = 'step' in end ? !closed && step?.id === end.step : closed && view.outcome === end.outcome;
    if (!onPlan) {
      f.casesOffPlan++;
      note(`case ${c.reference} (${c.plan}) ${closed ? `closed as ${view.outcome}` : `at ${step?.id}`}, expected ${JSON.stringify(end)}`);
    }
    const paid = paidPerCase.get(c.id) ?? { cents: 0, count: 0 };
    if (view.totalPaidCents !== paid.cents || view.payments !== paid.count) {
      f.paymentsNotAppliedOnce++;
      note(`case ${c.reference}: the workflow counts ${view.payments} payments, ${view.totalPaidCents} cents; acknowledged ${paid.count}, ${paid.cents} cents`);
    }
    if (view.balanceCents !== ARREARS_CENTS - paid.cents || row.balance_cents !== view.balanceCents) {
      f.balancesWrong++;
      note(`case ${c.reference}: balance ${view.balanceCents} (read model ${row.balance_cents}), expected ${ARREARS_CENTS - paid.cents}`);
    }
    const status = closed ? 'closed' : view.status;
    if (row.status !== status || (row.current_step ?? null) !== (step?.id ?? null) || (row.pause_reason !== null) !== (view.paused !== null) || (closed && row.outcome !== view.outcome)) {
      f.readModelDiffers++;
      note(`case ${c.reference}: read model ${row.status}/${row.current_step}/${row.outcome}, workflow ${status}/${step?.id}/${view.outcome}`);
    }
  }

  if (o.completedTasks.length > 0) {
    const still = await o.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open' AND id = ANY($1)`, [o.completedTasks.map((t) => t.taskId)]);
    f.completionsLost = still.rows[0]!.n;
  }
  return f;
}
