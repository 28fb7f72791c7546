// One entry on the case's timeline from a handler or a side task: numbered by the case, keyed
// by that number, so a retried write lands once.
import type { CaseActivities, CaseEventType, RecordEventInput } from '../activities/contracts.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { CaseState } from './case-state.ts';

export async function recordCaseEvent(s: CaseState, acts: CaseActivities, type: CaseEventType, by: string, data: Record<string, unknown>, patch?: RecordEventInput['patch']) {
  const d = s.data;
  const seq = s.addEvent(type);
  await acts.recordEvent({
    caseId: d.caseId,
    key: idempotencyKey(d.caseId, 'event', seq),
    type,
    at: s.businessIso(),
    by,
    ...(d.current ? { stepId: d.current.stepId } : {}),
    data,
    ...(patch ? { patch } : {}),
  });
}
