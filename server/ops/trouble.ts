// The trouble list: cases that need someone to look. Failing activities come from Temporal;
// overdue tasks, pauses past their review date and legal blocks from the read model, each
// compared with the case's own business time. Rows name the tenancy reference, not the tenant.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { failingCases } from './failing-cases.ts';
import { legalBlocks, overdueTasks, pausesPastReview } from './repository.ts';

export type TemporalLink = (workflowId: string) => string | null;

export function temporalLinker(uiUrl: string | undefined, namespace: string): TemporalLink {
  if (!uiUrl) return () => null;
  const base = uiUrl.replace(/\/+$/, '');
  return (workflowId) => `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function trouble(pool: Db, temporal: Client, link: TemporalLink) {
  const [failing, overdue, pauses, blocks] = await Promise.all([
    failingCases(pool, temporal).catch((err: Error) => ({ scannedAt: null, truncated: false, items: [], error: err.message })),
    overdueTasks(pool),
    pausesPastReview(pool),
    legalBlocks(pool),
  ]);
  return {
    generatedAt: new Date().toISOString(),
    failing: {
      scannedAt: failing.scannedAt,
      truncated: failing.truncated,
      ...('error' in failing ? { error: failing.error } : {}),
      items: failing.items.map((f) => ({
        caseId: f.caseId,
        reference: f.reference,
        definition: `${f.definitionId}@${f.definitionVersion}`,
        stepId: f.stepId,
        stepName: f.stepName,
        activity: f.activity,
        activityId: f.activityId,
        attempt: f.attempt,
        retries: f.attempt - 1,
        error: f.error,
        errorType: f.errorType,
        lastFailedAt: f.lastFailedAt,
        nextAttemptAt: f.nextAttemptAt,
        workflowId: f.workflowId,
        temporalUrl: link(f.workflowId),
      })),
    },
    overdueTasks: overdue.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      taskId: r.id,
      stepId: r.step_id,
      title: r.title,
      role: r.role,
      assignee: r.assignee,
      dueAt: iso(r.due_at),
      overdueDays: Math.round(Number(r.overdue_days) * 10) / 10,
      reminders: r.reminders,
      escalatedAt: iso(r.escalated_at),
      workflowId: r.workflow_id,
      temporalUrl: link(r.workflow_id),
    })),
    pausesPastReview: pauses.map((r) => ({
      caseId: r.id,
      reference: r.reference,
      stepId: r.current_step,
      stepName: r.current_step_name,
      balanceCents: Number(r.balance_cents),
      reviewDate: r.review_date,
      daysPast: Number(r.days_past),
      workflowId: r.workflow_id,
      temporalUrl: link(r.workflow_id),
    })),
    legalBlocks: blocks.map((r) => {
      const violations = Array.isArray(r.violations) ? (r.violations as Array<{ rule?: unknown; missing?: unknown }>) : [];
      return {
        caseId: r.id,
        reference: r.reference,
        stepId: r.step_id ?? r.current_step,
        stepName: r.current_step_name,
        balanceCents: Number(r.balance_cents),
        blockedAt: iso(r.blocked_at),
        rules: violations.map((v) => ({ rule: String(v.rule ?? ''), missing: Array.isArray(v.missing) ? v.missing.map(String) : [] })),
        workflowId: r.workflow_id,
        temporalUrl: link(r.workflow_id),
      };
    }),
  };
}
