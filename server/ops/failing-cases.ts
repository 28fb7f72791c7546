// The failing-activity scan joined with the read model: which case, on which definition
// version and step. Workflows the read model does not know (another installation on the same
// namespace) and dry runs are left out.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { failingActivities, type FailingActivity } from './failing-activities.ts';

export type FailingCase = FailingActivity & {
  caseId: string;
  reference: string;
  definitionId: string;
  definitionVersion: number;
  stepId: string | null;
  stepName: string | null;
};

export async function failingCases(pool: Db, temporal: Client, options: { fresh?: boolean } = {}): Promise<{ scannedAt: string; truncated: boolean; items: FailingCase[] }> {
  const scan = await failingActivities(temporal, { ...options, candidates: () => pendingMessageCases(pool) });
  if (scan.items.length === 0) return { scannedAt: scan.scannedAt, truncated: scan.truncated, items: [] };
  const rows = await pool.query<{ id: string; workflow_id: string; reference: string; definition_id: string; definition_version: number; current_step: string | null; current_step_name: string | null }>(
    `SELECT c.id, c.workflow_id, y.reference, c.definition_id, c.definition_version, c.current_step, c.current_step_name
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id
     WHERE c.workflow_id = ANY($1::text[]) AND c.status <> 'closed' AND NOT c.dry_run`,
    [[...new Set(scan.items.map((i) => i.workflowId))]],
  );
  const byWorkflow = new Map(rows.rows.map((r) => [r.workflow_id, r]));
  const items: FailingCase[] = [];
  for (const item of scan.items) {
    const r = byWorkflow.get(item.workflowId);
    if (!r) continue;
    items.push({
      ...item,
      caseId: r.id,
      reference: r.reference,
      definitionId: r.definition_id,
      definitionVersion: r.definition_version,
      stepId: r.current_step,
      stepName: r.current_step_name,
    });
  }
  return { scannedAt: scan.scannedAt, truncated: scan.truncated, items };
}

/** Open cases with a message that has waited to go out for more than a few seconds. */
async function pendingMessageCases(pool: Db): Promise<string[]> {
  const rows = await pool.query<{ workflow_id: string }>(
    `SELECT DISTINCT c.workflow_id FROM outbox o JOIN cases c ON c.id = o.case_id
     WHERE o.status = 'pending' AND o.created_at < now() - interval '3 seconds' AND c.status <> 'closed' AND NOT c.dry_run
     LIMIT 500`,
  );
  return rows.rows.map((r) => r.workflow_id);
}
