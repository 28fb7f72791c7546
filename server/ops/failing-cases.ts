// The failing-activity scan joined with the read model: which case, on which definition
// version and step. Workflows the read model does not know (another installation on the same
// namespace) and dry runs are left out.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/pool.ts';
import { failingActivities, type FailingActivity } from './failing-activities.ts';
import { openCasesOfWorkflows, pendingMessageWorkflows } from './repository.ts';

export type FailingCase = FailingActivity & {
  caseId: string;
  reference: string;
  definitionId: string;
  definitionVersion: number;
  stepId: string | null;
  stepName: string | null;
};

export async function failingCases(pool: Db, temporal: Client, options: { fresh?: boolean } = {}): Promise<{ scannedAt: string; truncated: boolean; items: FailingCase[] }> {
  const scan = await failingActivities(temporal, { ...options, candidates: () => pendingMessageWorkflows(pool) });
  if (scan.items.length === 0) return { scannedAt: scan.scannedAt, truncated: scan.truncated, items: [] };
  const rows = await openCasesOfWorkflows(pool, [...new Set(scan.items.map((i) => i.workflowId))]);
  const byWorkflow = new Map(rows.map((r) => [r.workflow_id, r]));
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
