// SQL for cases: the read model, the tenancy and tenant behind it, and everything that
// happened (timeline, messages, tasks, payments, handovers).
import type { CaseStatus } from '../../definition/case-status.ts';
import type { Role } from '../../definition/catalog.ts';
import type { CasePurpose } from '../../definition/prevention.ts';
import { audit } from '../audit/repository.ts';
import { scopeSql, type CaseScope } from '../teams/scope.ts';
import type { Db, Queryable } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import { conflict } from '../errors.ts';
import { waitingOnPersonSql } from '../ops/business-time.ts';
import type { TaskRow } from '../tasks/repository.ts';
import { changeContact } from './contact.ts';
import type { ListCases, OpenCase } from './schemas.ts';

export type CaseRow = {
  id: string;
  tenancyId: string;
  workflowId: string;
  definitionId: string;
  definitionVersion: number;
  /** An arrears case, or a prevention process started on a risk signal (definition/prevention.ts). */
  purpose: CasePurpose;
  riskSignal: string | null;
  status: CaseStatus;
  outcome: string | null;
  currentStep: string | null;
  currentStepName: string | null;
  currentStepKind: string | null;
  waitingOn: string | null;
  stepEnteredAt: string | null;
  arrearsCents: number;
  balanceCents: number;
  /** Paid beyond the balance and not yet refunded or settled: owed to the tenant. */
  creditCents: number;
  dueDate: string;
  daysOverdue: number;
  segmentSuggestion: string | null;
  pauseReason: string | null;
  pauseReviewDate: string | null;
  timeScale: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
  tenancyReference: string;
  /** Null in lists for a reader without need to know (definition/access.ts nameReaders). */
  tenantName: string | null;
};

const SELECT = `
  SELECT c.id, c.tenancy_id, c.workflow_id, c.definition_id, c.definition_version, c.purpose, c.risk_signal, c.status, c.outcome, c.current_step,
         c.current_step_name, c.current_step_kind, c.waiting_on, c.step_entered_at, c.arrears_cents, c.balance_cents, c.credit_cents,
         to_char(c.due_date, 'YYYY-MM-DD') AS due_date, (current_date - c.due_date) AS days_overdue, c.segment_suggestion,
         c.pause_reason, to_char(c.pause_review_date, 'YYYY-MM-DD') AS pause_review_date, c.time_scale, c.opened_by, c.opened_at,
         c.closed_at, c.updated_at, y.reference AS tenancy_reference, t.name AS tenant_name
  FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id`;

type Raw = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));

export function toCaseRow(r: Raw): CaseRow {
  return {
    id: r.id as string,
    tenancyId: r.tenancy_id as string,
    workflowId: r.workflow_id as string,
    definitionId: r.definition_id as string,
    definitionVersion: r.definition_version as number,
    purpose: r.purpose as CasePurpose,
    riskSignal: r.risk_signal as string | null,
    status: r.status as CaseRow['status'],
    outcome: r.outcome as string | null,
    currentStep: r.current_step as string | null,
    currentStepName: r.current_step_name as string | null,
    currentStepKind: r.current_step_kind as string | null,
    waitingOn: r.waiting_on as string | null,
    stepEnteredAt: iso(r.step_entered_at),
    arrearsCents: r.arrears_cents as number,
    balanceCents: r.balance_cents as number,
    creditCents: r.credit_cents as number,
    dueDate: r.due_date as string,
    daysOverdue: r.days_overdue as number,
    segmentSuggestion: r.segment_suggestion as string | null,
    pauseReason: r.pause_reason as string | null,
    pauseReviewDate: r.pause_review_date as string | null,
    timeScale: r.time_scale as number,
    openedBy: r.opened_by as string,
    openedAt: iso(r.opened_at)!,
    closedAt: iso(r.closed_at),
    updatedAt: iso(r.updated_at)!,
    tenancyReference: r.tenancy_reference as string,
    tenantName: r.tenant_name as string,
  };
}

/** Records tenant and tenancy (updating their contact data) and the new case, in one transaction. */
export async function insertCase(
  pool: Db,
  input: OpenCase,
  c: {
    id: string;
    workflowIdFor: (tenancyId: string, purpose: CasePurpose) => string;
    definitionVersion: number;
    timeScale: number;
    openedBy: string;
    /** Absent: an arrears case. */
    purpose?: CasePurpose;
    campaignRun?: string;
  },
): Promise<{ tenancyId: string; workflowId: string; minors: boolean | null }> {
  return await inTransaction(pool, async (q) => {
    const existing = await q.query<{ id: string; tenant_id: string }>(`SELECT id, tenant_id FROM tenancies WHERE reference = $1 FOR UPDATE`, [input.tenancy.reference]);
    let tenancyId: string;
    let minors: boolean | null;
    const t = input.tenant;
    const y = input.tenancy;
    if (existing.rows[0]) {
      tenancyId = existing.rows[0].id;
      // The newer contact data wins, audited with what it replaced.
      await changeContact(
        q,
        existing.rows[0].tenant_id,
        { name: t.name, email: t.email ?? null, phone: t.phone ?? null, preferredChannel: t.preferredChannel ?? null },
        { actor: c.openedBy, caseId: c.id, why: 'a new case was opened for the tenancy with this contact data' },
      );
      // Minors not mentioned: what was known stays known.
      const updated = await q.query<{ minors_in_household: boolean | null }>(
        `UPDATE tenancies SET street = $2, postal_code = $3, city = $4, monthly_rent_cents = $5, minors_in_household = COALESCE($6, minors_in_household)
         WHERE id = $1 RETURNING minors_in_household`,
        [tenancyId, y.street, y.postalCode, y.city, y.monthlyRentCents ?? null, y.minorsInHousehold ?? null],
      );
      minors = updated.rows[0]!.minors_in_household;
    } else {
      const tenant = await q.query<{ id: string }>(`INSERT INTO tenants (name, email, phone, preferred_channel) VALUES ($1,$2,$3,$4) RETURNING id`, [
        t.name,
        t.email ?? null,
        t.phone ?? null,
        t.preferredChannel ?? null,
      ]);
      const tenancy = await q.query<{ id: string }>(
        `INSERT INTO tenancies (reference, tenant_id, street, postal_code, city, monthly_rent_cents, minors_in_household) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [y.reference, tenant.rows[0]!.id, y.street, y.postalCode, y.city, y.monthlyRentCents ?? null, y.minorsInHousehold ?? null],
      );
      tenancyId = tenancy.rows[0]!.id;
      minors = y.minorsInHousehold ?? null;
    }
    const purpose = c.purpose ?? 'arrears';
    const what = purpose === 'arrears' ? 'an open case' : 'an open prevention process';
    const open = await q.query<{ id: string }>(`SELECT id FROM cases WHERE tenancy_id = $1 AND purpose = $2 AND status <> 'closed'`, [tenancyId, purpose]);
    if (open.rows[0]) throw conflict(`tenancy ${y.reference} already has ${what}`, { caseId: open.rows[0].id });
    // Prevention comes before arrears, never beside them: the arrears case is already talking to the tenant.
    if (purpose === 'prevention') {
      const arrears = await q.query(`SELECT 1 FROM cases WHERE tenancy_id = $1 AND purpose = 'arrears' AND status <> 'closed'`, [tenancyId]);
      if (arrears.rows[0]) throw conflict(`tenancy ${y.reference} has an open arrears case; a prevention process has no place beside it`);
    }
    const workflowId = c.workflowIdFor(tenancyId, purpose);
    try {
      await q.query(
        `INSERT INTO cases (id, tenancy_id, workflow_id, definition_id, definition_version, status, arrears_cents, balance_cents, due_date, segment_suggestion, time_scale, opened_by, purpose, risk_signal, campaign_run)
         VALUES ($1,$2,$3,$4,$5,'active',$6,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [c.id, tenancyId, workflowId, input.definitionId, c.definitionVersion, input.arrearsCents, input.dueDate, input.segmentSuggestion ?? null, c.timeScale, c.openedBy, purpose, input.riskSignal ?? null, c.campaignRun ?? null],
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`tenancy ${y.reference} already has ${what}`);
      throw err;
    }
    await audit(q, {
      actor: c.openedBy,
      action: 'case.open',
      caseId: c.id,
      entity: 'case',
      entityId: c.id,
      after: { definition: `${input.definitionId}@${c.definitionVersion}`, arrearsCents: input.arrearsCents, dueDate: input.dueDate, tenancy: y.reference, ...(purpose === 'prevention' ? { purpose, riskSignal: input.riskSignal ?? null } : {}) },
    });
    return { tenancyId, workflowId, minors };
  });
}

/**
 * A case recorded but never started by its workflow (no step, nothing in its timeline): an
 * opening cut off between the two (open-case.ts), with the household's minors as recorded.
 */
export async function unstartedCase(q: Queryable, id: string): Promise<{ row: CaseRow; minors: boolean | null } | undefined> {
  const r = await q.query(
    `${SELECT.replace('SELECT ', 'SELECT y.minors_in_household, ')} WHERE c.id = $1 AND c.status = 'active' AND c.current_step IS NULL AND NOT c.dry_run
       AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id)`,
    [id],
  );
  const raw = r.rows[0] as Record<string, unknown> | undefined;
  return raw ? { row: toCaseRow(raw), minors: raw.minors_in_household as boolean | null } : undefined;
}

/** Removes a case whose workflow never started; nothing else refers to it yet. */
export async function discardCase(pool: Db, id: string, by: string, reason: string) {
  await inTransaction(pool, async (q) => {
    await q.query(`DELETE FROM cases WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = $1)`, [id]);
    await audit(q, { actor: by, action: 'case.open-failed', caseId: id, details: { reason } });
  });
}

/** A staff case; a dry run (the designer's fictional tenant) is nobody's case and is not found. */
export async function getCaseRow(q: Queryable, id: string): Promise<CaseRow | undefined> {
  const result = await q.query(`${SELECT} WHERE c.id = $1 AND NOT c.dry_run`, [id]);
  return result.rows[0] ? toCaseRow(result.rows[0]) : undefined;
}

/**
 * The filtered list: only cases in the reader's `scope` (their teams' areas), and tenants'
 * names only for a reader with `names` (a search then also matches names).
 */
export async function listCases(q: Queryable, f: ListCases, reader: { scope: CaseScope; names: boolean }): Promise<{ total: number; cases: CaseRow[] }> {
  // Dry runs (designer simulations on a fictional tenant) are never staff's cases.
  const args: unknown[] = [];
  const where: string[] = ['NOT c.dry_run', scopeSql(reader.scope, args)];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.status === 'open') where.push(`c.status <> 'closed'`);
  else if (f.status) add('c.status = ?', f.status);
  if (f.step) add('c.current_step = ?', f.step);
  if (f.definitionId) add('c.definition_id = ?', f.definitionId);
  if (f.version) add('c.definition_version = ?', f.version);
  if (f.segment) add('c.segment_suggestion = ?', f.segment);
  if (f.outcome) add('c.outcome = ?', f.outcome);
  if (f.paused !== undefined) where.push(f.paused ? `c.status = 'paused'` : `c.status <> 'paused'`);
  // `person`: any staff role, as the dashboard's "waiting on a person" counts them.
  if (f.waitingOn === 'person') where.push(waitingOnPersonSql);
  else if (f.waitingOn) add('c.waiting_on = ?', f.waitingOn);
  if (f.minBalanceCents !== undefined) add('c.balance_cents >= ?', f.minBalanceCents);
  if (f.maxBalanceCents !== undefined) add('c.balance_cents <= ?', f.maxBalanceCents);
  if (f.minDaysOverdue !== undefined) add('(current_date - c.due_date) >= ?', f.minDaysOverdue);
  if (f.maxDaysOverdue !== undefined) add('(current_date - c.due_date) <= ?', f.maxDaysOverdue);
  if (f.q) {
    args.push(`%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
    where.push(reader.names ? `(t.name ILIKE $${args.length} OR y.reference ILIKE $${args.length})` : `y.reference ILIKE $${args.length}`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sortColumn = { opened: 'c.opened_at', balance: 'c.balance_cents', overdue: 'c.due_date', updated: 'c.updated_at' }[f.sort];
  const order = f.sort === 'overdue' ? (f.order === 'desc' ? 'ASC' : 'DESC') : f.order.toUpperCase();
  // Only a search reads the tenant's name and the tenancy's reference; every other filter
  // counts on cases alone (every case has exactly one tenancy and tenant).
  const counted = f.q ? 'cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id' : 'cases c';
  const total = await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${counted} ${filter}`, args);
  const rows = await q.query(`${SELECT} ${filter} ORDER BY ${sortColumn} ${order}, c.id LIMIT ${f.limit} OFFSET ${f.offset}`, args);
  const cases = rows.rows.map(toCaseRow).map((c) => (reader.names ? c : { ...c, tenantName: null }));
  return { total: Number(total.rows[0]!.n), cases };
}

/**
 * A timeline event's data: jsonb written by the activities, one shape per event type
 * (activities/*.ts); a reader picks the fields of the types it shows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventData = Record<string, any>;
export type CaseEvent = { id: number; at: string; type: string; stepId: string | null; actor: string | null; data: EventData };

export type CaseParty = {
  tenant: { name: string; email: string | null; phone: string | null; preferredChannel: string | null; preferredTime: string | null };
  tenancy: {
    reference: string;
    street: string;
    postalCode: string;
    city: string;
    monthlyRentCents: number | null;
    minorsInHousehold: boolean | null;
    debitDay: number | null;
    /** What the rent ledger's intake last said of the arrears (server/intake/), and of when; null when no list has. */
    ledger: { arrearsCents: number; asOf: string } | null;
  };
};

export type CaseMessage = {
  id: number;
  stepId: string;
  channel: string;
  templateId: string;
  purpose: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  /** A letter is 'awaiting-print' until its day's print batch is handed to the post (server/letters/). */
  status: 'pending' | 'awaiting-print' | 'sent' | 'failed';
  error: string | null;
  at: string;
  sentAt: string | null;
};

/** A task as the case page lists it (the inbox's TaskRow has more: outcomes, claims, instructions). */
export type CaseTask = Pick<TaskRow, 'id' | 'stepId' | 'kind' | 'title' | 'role' | 'originalRole' | 'assignee' | 'status' | 'outcome' | 'fields' | 'completedBy' | 'dueAt' | 'reminders' | 'escalatedAt' | 'openedAt' | 'closedAt' | 'approval'>;

/** A payment and where it came from: a statement's line, or who registered it (and approved it) with what reason. */
export type CasePayment = {
  reference: string;
  amountCents: number;
  receivedAt: string;
  source: string;
  appliedAt: string | null;
  balanceAfterCents: number | null;
  registeredBy: string | null;
  approvedBy: string | null;
  reason: string | null;
  statement: { file: string; line: number | null } | null;
};

export type CaseHandover = {
  id: string;
  stepId: string;
  partner: string;
  purpose: string | null;
  payload: unknown;
  status: 'awaiting' | 'accepted' | 'refused' | 'withdrawn';
  responseBy: string | null;
  responseNote: string | null;
  at: string;
  closedAt: string | null;
};

const isoOf = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** The tenant and tenancy behind a case: personal data, so every caller records the read. */
export async function caseParty(q: Queryable, caseId: string): Promise<CaseParty | undefined> {
  const r = await q.query<{
    name: string;
    email: string | null;
    phone: string | null;
    preferred_channel: string | null;
    preferred_time: string | null;
    debit_day: number | null;
    reference: string;
    street: string;
    postal_code: string;
    city: string;
    monthly_rent_cents: number | null;
    minors_in_household: boolean | null;
    ledger_arrears_cents: number | null;
    ledger_as_of: string | null;
  }>(
    `SELECT t.name, t.email, t.phone, t.preferred_channel, t.preferred_time, y.debit_day, y.reference, y.street, y.postal_code, y.city, y.monthly_rent_cents, y.minors_in_household,
            c.ledger_arrears_cents, to_char(c.ledger_as_of, 'YYYY-MM-DD') AS ledger_as_of
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1`,
    [caseId],
  );
  const p = r.rows[0];
  if (!p) return undefined;
  return {
    tenant: { name: p.name, email: p.email, phone: p.phone, preferredChannel: p.preferred_channel, preferredTime: p.preferred_time },
    tenancy: {
      reference: p.reference,
      street: p.street,
      postalCode: p.postal_code,
      city: p.city,
      monthlyRentCents: p.monthly_rent_cents,
      minorsInHousehold: p.minors_in_household,
      debitDay: p.debit_day,
      ledger: p.ledger_arrears_cents !== null && p.ledger_as_of !== null ? { arrearsCents: p.ledger_arrears_cents, asOf: p.ledger_as_of } : null,
    },
  };
}

export async function caseDetails(q: Queryable, id: string) {
  const [party, timeline, messages, tasks, payments, handovers] = await Promise.all([
    caseParty(q, id),
    q.query<{ id: string; at: Date; type: string; step_id: string | null; actor: string | null; data: EventData }>(
      `SELECT id, at, type, step_id, actor, data FROM case_events WHERE case_id = $1 ORDER BY at, id`,
      [id],
    ),
    q.query<{
      id: string;
      step_id: string;
      channel: string;
      template_id: string;
      purpose: string;
      recipient: string | null;
      subject: string | null;
      body: string;
      status: CaseMessage['status'];
      error: string | null;
      business_at: Date;
      sent_at: Date | null;
    }>(`SELECT id, step_id, channel, template_id, purpose, recipient, subject, body, status, error, business_at, sent_at FROM outbox WHERE case_id = $1 ORDER BY id`, [id]),
    q.query<{
      id: string;
      step_id: string;
      kind: string;
      title: string;
      role: Role;
      original_role: Role;
      assignee: string | null;
      status: CaseTask['status'];
      outcome: string | null;
      fields: CaseTask['fields'];
      completed_by: string | null;
      due_at: Date | null;
      reminders: number;
      escalated_at: Date | null;
      opened_at: Date;
      closed_at: Date | null;
      approval: CaseTask['approval'];
    }>(
      `SELECT id, step_id, kind, title, role, original_role, assignee, status, outcome, fields, completed_by, due_at, reminders, escalated_at, opened_at, closed_at, approval
       FROM tasks WHERE case_id = $1 ORDER BY opened_at, id`,
      [id],
    ),
    q.query<{
      reference: string;
      amount_cents: number;
      received_at: Date;
      source: string;
      applied_at: Date | null;
      balance_after_cents: number | null;
      reason: string | null;
      registered_by: string | null;
      approved_by: string | null;
      statement: string | null;
      import_line: number | null;
    }>(
      `SELECT p.reference, p.amount_cents, p.received_at, p.source, p.applied_at, p.balance_after_cents, p.reason, p.import_line,
              ur.display_name AS registered_by, ua.display_name AS approved_by, coalesce(i.filename, i.id::text) AS statement
         FROM payments p LEFT JOIN users ur ON ur.id = p.registered_by LEFT JOIN users ua ON ua.id = p.approved_by
         LEFT JOIN payment_imports i ON i.id = p.import_id
        WHERE p.case_id = $1 ORDER BY p.received_at, p.reference`,
      [id],
    ),
    q.query<{
      id: string;
      step_id: string;
      partner: string;
      purpose: string | null;
      payload: unknown;
      status: CaseHandover['status'];
      response_by: string | null;
      response_note: string | null;
      business_at: Date;
      closed_at: Date | null;
    }>(`SELECT id, step_id, partner, purpose, payload, status, response_by, response_note, business_at, closed_at FROM handovers WHERE case_id = $1 ORDER BY business_at, id`, [id]),
  ]);
  return {
    ...party!,
    timeline: timeline.rows.map((r): CaseEvent => ({ id: Number(r.id), at: isoOf(r.at), type: r.type, stepId: r.step_id, actor: r.actor, data: r.data })),
    messages: messages.rows.map(
      (r): CaseMessage => ({
        id: Number(r.id),
        stepId: r.step_id,
        channel: r.channel,
        templateId: r.template_id,
        purpose: r.purpose,
        recipient: r.recipient,
        subject: r.subject,
        body: r.body,
        status: r.status,
        error: r.error,
        at: isoOf(r.business_at),
        sentAt: isoOrNull(r.sent_at),
      }),
    ),
    tasks: tasks.rows.map(
      (r): CaseTask => ({
        id: r.id,
        stepId: r.step_id,
        kind: r.kind,
        title: r.title,
        role: r.role,
        originalRole: r.original_role,
        assignee: r.assignee,
        status: r.status,
        outcome: r.outcome,
        fields: r.fields,
        completedBy: r.completed_by,
        dueAt: isoOrNull(r.due_at),
        reminders: r.reminders,
        escalatedAt: isoOrNull(r.escalated_at),
        openedAt: isoOf(r.opened_at),
        closedAt: isoOrNull(r.closed_at),
        approval: r.approval,
      }),
    ),
    payments: payments.rows.map(
      (r): CasePayment => ({
        reference: r.reference,
        amountCents: r.amount_cents,
        receivedAt: isoOf(r.received_at),
        source: r.source,
        appliedAt: isoOrNull(r.applied_at),
        balanceAfterCents: r.balance_after_cents,
        registeredBy: r.registered_by,
        approvedBy: r.approved_by,
        reason: r.reason,
        statement: r.statement === null ? null : { file: r.statement, line: r.import_line },
      }),
    ),
    handovers: handovers.rows.map(
      (r): CaseHandover => ({
        id: r.id,
        stepId: r.step_id,
        partner: r.partner,
        purpose: r.purpose,
        payload: r.payload,
        status: r.status,
        responseBy: r.response_by,
        responseNote: r.response_note,
        at: isoOf(r.business_at),
        closedAt: isoOrNull(r.closed_at),
      }),
    ),
  };
}

export async function paymentByReference(q: Queryable, reference: string): Promise<{ caseId: string; amountCents: number } | undefined> {
  const r = await q.query<{ case_id: string; amount_cents: number }>(`SELECT case_id, amount_cents FROM payments WHERE reference = $1`, [reference]);
  const row = r.rows[0];
  return row ? { caseId: row.case_id, amountCents: row.amount_cents } : undefined;
}

/** Whether the workflow applied the payment of this reference (it records when). */
export async function paymentApplied(q: Queryable, reference: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM payments WHERE reference = $1 AND applied_at IS NOT NULL`, [reference]);
  return (r.rowCount ?? 0) > 0;
}

export async function handoverOnCase(q: Queryable, caseId: string, handoverId: string): Promise<boolean> {
  const found = await q.query(`SELECT 1 FROM handovers WHERE id = $1 AND case_id = $2`, [handoverId, caseId]);
  return (found.rowCount ?? 0) > 0;
}
