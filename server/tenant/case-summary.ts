// What the tenant's page knows of their case: the read model's amounts and contact choices, and,
// from the case's own state (the workflow's query), where it stands and what comes next and
// when. The outlook is in kinds, not words: pages.ts says them in the tenant's language.
import type { Client } from '@temporalio/client';
import { reservedWaitOutcome } from '../../definition/steps/wait.ts';
import type { Definition, Step } from '../../definition/schema.ts';
import type { CaseView } from '../../workflows/case-view.ts';
import { caseStateQuery } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';

export type TenantCase = {
  caseId: string;
  workflowId: string;
  status: string;
  balanceCents: number;
  dueDate: string;
  tenantId: string;
  tenancyId: string;
  name: string;
  email: string | null;
  phone: string | null;
  street: string;
  postalCode: string;
  city: string;
  reference: string;
  preferredChannel: string | null;
  preferredTime: string | null;
  debitDay: number | null;
  definition: Definition;
};

export async function tenantCase(pool: Db, caseId: string): Promise<TenantCase | undefined> {
  const r = await pool.query(
    `SELECT c.id, c.workflow_id, c.status, c.balance_cents, c.due_date::text AS due_date, t.id AS tenant_id, y.id AS tenancy_id, t.name, t.email, t.phone,
            y.street, y.postal_code, y.city, y.reference, t.preferred_channel, t.preferred_time, y.debit_day, d.body AS definition
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id
       JOIN definitions d ON d.id = c.definition_id AND d.version = c.definition_version
      WHERE c.id = $1 AND c.anonymised_at IS NULL AND NOT c.dry_run`,
    [caseId],
  );
  const c = r.rows[0];
  if (!c) return undefined;
  return {
    caseId: c.id,
    workflowId: c.workflow_id,
    status: c.status,
    balanceCents: c.balance_cents,
    dueDate: c.due_date,
    tenantId: c.tenant_id,
    tenancyId: c.tenancy_id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    street: c.street,
    postalCode: c.postal_code,
    city: c.city,
    reference: c.reference,
    preferredChannel: c.preferred_channel,
    preferredTime: c.preferred_time,
    debitDay: c.debit_day,
    definition: c.definition as Definition,
  };
}

export type NextKind = 'message' | 'call' | 'visit' | 'municipality' | 'costs' | 'bailiff' | 'other';

export type Outlook =
  | { kind: 'paid-off' }
  | { kind: 'arrangement'; amountCents: number; date: string }
  | { kind: 'paused'; date: string }
  | { kind: 'person' }
  | { kind: 'handover'; partner: string }
  | { kind: 'wait'; until: string | null; then: NextKind }
  | { kind: 'unknown' };

/** What the step after a wait means for the tenant, in one word. */
export function nextKindOf(step: Step | undefined): NextKind {
  if (!step) return 'other';
  switch (step.kind) {
    case 'communicate':
      return 'message';
    case 'task':
      return step.task === 'home-visit' || step.task === 'office-visit' ? 'visit' : step.task === 'phone-call' ? 'call' : 'other';
    case 'handover':
      return step.partner === 'bailiff' ? 'bailiff' : step.partner === 'municipality-signal' ? 'municipality' : 'other';
    case 'collection-costs':
      return 'costs';
    default:
      return 'other';
  }
}

/** Where the case stands for the tenant, from its own state. */
export function outlookOf(view: CaseView, definition: Definition): Outlook {
  if (view.balanceCents <= 0 || view.phase !== 'ladder') return { kind: 'paid-off' };
  if (view.paused) return { kind: 'paused', date: view.paused.reviewDate };
  if (view.arrangement) {
    const next = view.arrangement.instalments[view.arrangement.next];
    if (next) return { kind: 'arrangement', amountCents: next.amountCents, date: next.dueDate };
  }
  const current = view.currentStep;
  if (!current) return { kind: 'unknown' };
  const step = definition.steps.find((s) => s.id === current.id);
  if (view.openTasks.length > 0 || step?.kind === 'task' || step?.kind === 'approval') return { kind: 'person' };
  // The bailiff's handover is not put on the page as a partner who will call.
  if (step?.kind === 'handover' && step.partner !== 'bailiff' && step.partner !== 'municipality-signal') return { kind: 'handover', partner: step.partner };
  if (step?.kind === 'wait') {
    // The first step after the wait that the tenant would notice, following its "nothing happened" way.
    const timeout = step.next[reservedWaitOutcome];
    let then = definition.steps.find((s) => s.id === timeout);
    for (let hops = 0; then && then.kind === 'decision' && hops < 5; hops++) then = definition.steps.find((s) => s.id === Object.values(then!.next)[0]);
    // The wait's end on the case's own calendar, the one its messages' dates are on.
    const until = current.until ? current.until.slice(0, 10) : null;
    return { kind: 'wait', until, then: nextKindOf(then) };
  }
  return { kind: 'unknown' };
}

/** The case's live state, or null when Temporal does not answer (the page then shows the read model only). */
export async function liveView(temporal: Client, workflowId: string): Promise<CaseView | null> {
  try {
    return await temporal.workflow.getHandle(workflowId).query(caseStateQuery);
  } catch {
    return null;
  }
}
