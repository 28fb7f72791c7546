// A running case's own view of itself (the workflow's query), bounded in time: a case whose
// worker is away must not hold up a preview of hundreds.
import type { Client } from '@temporalio/client';
import type { CaseView } from '../../workflows/case-view.ts';
import { caseStateQuery } from '../../workflows/messages.ts';

const QUERY_TIMEOUT_MS = 5_000;

export async function queryCaseState(temporal: Client, workflowId: string): Promise<{ state: CaseView } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const state = await Promise.race([
      temporal.workflow.getHandle(workflowId).query(caseStateQuery),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${QUERY_TIMEOUT_MS / 1000} s`)), QUERY_TIMEOUT_MS);
      }),
    ]);
    return { state };
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
