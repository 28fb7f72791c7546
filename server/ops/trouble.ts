// The trouble list: cases that need someone to look. Failing activities come from Temporal;
// overdue tasks, pauses past their review date and legal blocks from the read model, each
// compared with the case's own business time. Every row has the balance; the tenant's name
// only for the roles that work cases (need-to-know: ops alone sees the tenancy reference and
// a name by opening the case), recorded as a list read.
import type { Client } from '@temporalio/client';
import { hasAnyRole, nameReaders } from '../../definition/access.ts';
import type { Actor } from '../../workflows/messages.ts';
import { auditListRead } from '../audit/log.ts';
import { caseScopeOf, scopeSql } from '../teams/scope.ts';
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

async function troubleRows(pool: Db, temporal: Client, link: TemporalLink) {
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

/** The trouble list for one reader: with each case's balance, and the tenant's name where the reader may see it. */
export async function trouble(pool: Db, temporal: Client, link: TemporalLink, actor: Actor) {
  const all = await troubleRows(pool, temporal, link);
  // One read of the cases behind the rows: their balance and tenant, within the reader's
  // areas (a team's member sees the trouble of the team's areas only, as everywhere).
  const scope = await caseScopeOf(pool, actor.userId);
  const args: unknown[] = [[...new Set([...all.failing.items, ...all.overdueTasks, ...all.pausesPastReview, ...all.legalBlocks].map((r) => r.caseId))]];
  const found = (
    await pool.query<{ id: string; balance_cents: string; name: string }>(
      `SELECT c.id, c.balance_cents, t.name FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id
       WHERE c.id = ANY($1)${scope ? ` AND ${scopeSql(scope, args)}` : ''}`,
      args,
    )
  ).rows;
  const byId = new Map(found.map((r) => [r.id, r]));
  const seen = <R extends { caseId: string }>(rows: R[]) => rows.filter((r) => byId.has(r.caseId));
  const rows = { ...all, failing: { ...all.failing, items: seen(all.failing.items) }, overdueTasks: seen(all.overdueTasks), pausesPastReview: seen(all.pausesPastReview), legalBlocks: seen(all.legalBlocks) };
  const ids = [...byId.keys()];
  const names = hasAnyRole(actor.roles, nameReaders);
  const about = (caseId: string) => ({ balanceCents: Number(byId.get(caseId)!.balance_cents), tenantName: names ? byId.get(caseId)!.name : null });
  if (names) await auditListRead(pool, actor.userId, 'ops-trouble', ids);
  return {
    ...rows,
    failing: { ...rows.failing, items: rows.failing.items.map((r) => ({ ...r, ...about(r.caseId) })) },
    overdueTasks: rows.overdueTasks.map((r) => ({ ...r, ...about(r.caseId) })),
    pausesPastReview: rows.pausesPastReview.map((r) => ({ ...r, ...about(r.caseId) })),
    legalBlocks: rows.legalBlocks.map((r) => ({ ...r, ...about(r.caseId) })),
  };
}
