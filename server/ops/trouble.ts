// The trouble list: cases that need someone to look. Failing activities come from Temporal;
// overdue tasks, pauses past their review date and legal blocks from the read model, each
// compared with the case's own business time. Rows name the tenancy reference, not the tenant.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { caseNowSql, realCasesSql } from './business-time.ts';
import { failingCases } from './failing-cases.ts';

export type TemporalLink = (workflowId: string) => string | null;

export function temporalLinker(uiUrl: string | undefined, namespace: string): TemporalLink {
  if (!uiUrl) return () => null;
  const base = uiUrl.replace(/\/+$/, '');
  return (workflowId) => `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

const LIMIT = 500;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function trouble(pool: Db, temporal: Client, link: TemporalLink) {
  const [failing, overdueTasks, pausesPastReview, legalBlocks] = await Promise.all([
    failingCases(pool, temporal).catch((err: Error) => ({ scannedAt: null, truncated: false, items: [], error: err.message })),
    pool.query<{ id: string; case_id: string; workflow_id: string; reference: string; step_id: string; title: string; role: string; due_at: Date; reminders: number; escalated_at: Date | null; overdue_days: number }>(
      `SELECT t.id, t.case_id, c.workflow_id, y.reference, t.step_id, t.title, t.role, t.due_at, t.reminders, t.escalated_at,
              extract(epoch FROM (${caseNowSql} - t.due_at)) / 86400 AS overdue_days
       FROM tasks t JOIN cases c ON c.id = t.case_id JOIN tenancies y ON y.id = c.tenancy_id
       WHERE ${realCasesSql} AND t.status = 'open' AND c.status <> 'closed' AND t.due_at < ${caseNowSql}
       ORDER BY overdue_days DESC, t.id LIMIT ${LIMIT}`,
    ),
    pool.query<{ id: string; workflow_id: string; reference: string; current_step: string | null; review_date: string; days_past: number }>(
      `SELECT c.id, c.workflow_id, y.reference, c.current_step, to_char(c.pause_review_date, 'YYYY-MM-DD') AS review_date,
              (${caseNowSql})::date - c.pause_review_date AS days_past
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
       WHERE ${realCasesSql} AND c.status = 'paused' AND c.pause_review_date < (${caseNowSql})::date
       ORDER BY days_past DESC, c.id LIMIT ${LIMIT}`,
    ),
    pool.query<{ id: string; workflow_id: string; reference: string; current_step: string | null; blocked_at: Date | null; step_id: string | null; violations: unknown }>(
      `SELECT c.id, c.workflow_id, y.reference, c.current_step, b.at AS blocked_at, b.step_id, b.data -> 'violations' AS violations
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
       LEFT JOIN LATERAL (SELECT e.at, e.step_id, e.data FROM case_events e WHERE e.case_id = c.id AND e.type = 'legal-block' ORDER BY e.id DESC LIMIT 1) b ON true
       WHERE ${realCasesSql} AND c.status = 'blocked'
       ORDER BY b.at NULLS LAST, c.id LIMIT ${LIMIT}`,
    ),
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
        activity: f.activity,
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
    overdueTasks: overdueTasks.rows.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      taskId: r.id,
      stepId: r.step_id,
      title: r.title,
      role: r.role,
      dueAt: iso(r.due_at),
      overdueDays: Math.round(Number(r.overdue_days) * 10) / 10,
      reminders: r.reminders,
      escalatedAt: iso(r.escalated_at),
      workflowId: r.workflow_id,
      temporalUrl: link(r.workflow_id),
    })),
    pausesPastReview: pausesPastReview.rows.map((r) => ({
      caseId: r.id,
      reference: r.reference,
      stepId: r.current_step,
      reviewDate: r.review_date,
      daysPast: Number(r.days_past),
      workflowId: r.workflow_id,
      temporalUrl: link(r.workflow_id),
    })),
    legalBlocks: legalBlocks.rows.map((r) => {
      const violations = Array.isArray(r.violations) ? (r.violations as Array<{ rule?: unknown; missing?: unknown }>) : [];
      return {
        caseId: r.id,
        reference: r.reference,
        stepId: r.step_id ?? r.current_step,
        blockedAt: iso(r.blocked_at),
        rules: violations.map((v) => ({ rule: String(v.rule ?? ''), missing: Array.isArray(v.missing) ? v.missing.map(String) : [] })),
        workflowId: r.workflow_id,
        temporalUrl: link(r.workflow_id),
      };
    }),
  };
}
