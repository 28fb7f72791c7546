// A tenancy with arrears gets one arrears case, and its prevention process ends (issue 14:
// "a tenant with arrears and an open prevention process gets one arrears case, and the
// prevention process ends"). The workflow closes it as `superseded`, so analytics and the case
// list tell it from a cancellation. Called after every arrears opening, and again by the intake
// for a tenancy whose arrears case was opened by an earlier, interrupted attempt: ending an
// ended process is nothing.
import { cancelUpdate, type Actor } from '../../workflows/messages.ts';
import { AppError } from '../errors.ts';
import type { CaseDeps } from '../cases/service.ts';
import { runUpdate } from '../temporal.ts';
import { audit } from '../audit/repository.ts';

export const SUPERSEDED_REASON = 'Er is een achterstandszaak geopend; die neemt het over van dit preventieproces';

export async function endPrevention(deps: CaseDeps, tenancyId: string, arrearsCaseId: string, actor: Actor): Promise<string | null> {
  const open = await deps.pool.query<{ id: string; workflow_id: string }>(
    `SELECT id, workflow_id FROM cases WHERE tenancy_id = $1 AND purpose = 'prevention' AND status <> 'closed' AND NOT dry_run`,
    [tenancyId],
  );
  const prevention = open.rows[0];
  if (!prevention) return null;
  try {
    await runUpdate(deps.temporal.workflow.getHandle(prevention.workflow_id), cancelUpdate, [{ reason: SUPERSEDED_REASON, outcome: 'superseded', actor }], 'end prevention');
  } catch (err) {
    // Already ending or ended (a second attempt, or a person cancelled it meanwhile): nothing left to do.
    if (err instanceof AppError && err.code === 'conflict') return null;
    throw err;
  }
  await audit(deps.pool, { actor: actor.userId, action: 'prevention.superseded', caseId: prevention.id, entity: 'case', entityId: prevention.id, details: { arrearsCase: arrearsCaseId } });
  return prevention.id;
}
