// What is recorded when staff see personal data: one row for a read of one case, one row for
// a list that showed tenant names. Every row goes through audit() (repository.ts).
import type { Queryable } from '../db/pool.ts';
import { audit } from './repository.ts';

/** A read of one case's personal data (the case page, a task with its case context). */
export async function auditCaseRead(q: Queryable, actor: string, caseId: string, entity: string, entityId: string = caseId): Promise<void> {
  await audit(q, { actor, action: 'personal-data.read', caseId, entity, entityId });
}

/**
 * A list that showed tenant names: one row for the whole list, the cases it showed in
 * details.caseIds (found per case through a GIN index, see migration 005). An empty list
 * showed nobody and is not recorded. `details` adds what else describes the list (an export's filter).
 */
export async function auditListRead(q: Queryable, actor: string, list: string, caseIds: string[], details: Record<string, unknown> = {}): Promise<void> {
  const unique = [...new Set(caseIds)];
  if (unique.length === 0) return;
  await audit(q, { actor, action: 'personal-data.list', entity: list, details: { caseIds: unique, ...details } });
}
