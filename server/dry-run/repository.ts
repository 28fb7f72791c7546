// SQL for dry runs: the fictional tenant and the dry-run case row (one transaction), the run
// itself, and what the run produced so far (path, messages, notable events).
import type { CaseStatus } from '../../definition/case-status.ts';
import type { DryRunBehaviour } from '../../definition/dry-run.ts';
import { dryRunTenant } from '../../definition/dry-run.ts';
import type { Definition } from '../../definition/schema.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../db/pool.ts';

export type DryRunRow = {
  id: string;
  definition: Definition;
  behaviour: DryRunBehaviour;
  caseId: string;
  workflowId: string;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  stopReason: string | null;
  caseStatus: CaseStatus;
  caseOutcome: string | null;
  currentStep: string | null;
  balanceCents: number;
  timeScale: number;
};

const iso = (v: Date | null) => (v ? v.toISOString() : null);

export async function insertDryRun(
  pool: Db,
  run: { id: string; caseId: string; workflowId: string; definition: Definition; behaviour: DryRunBehaviour; by: string; timeScale: number; dueDate: string },
): Promise<{ tenancyId: string }> {
  return await inTransaction(pool, async (q) => {
    const t = dryRunTenant;
    const tenant = await q.query<{ id: string }>(`INSERT INTO tenants (name, email, phone, preferred_channel) VALUES ($1,$2,$3,'whatsapp') RETURNING id`, [t.name, t.email, t.phone]);
    const tenancy = await q.query<{ id: string }>(
      `INSERT INTO tenancies (reference, tenant_id, street, postal_code, city, monthly_rent_cents) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [`DRYRUN-${run.id}`, tenant.rows[0]!.id, t.street, t.postalCode, t.city, 75_000],
    );
    const tenancyId = tenancy.rows[0]!.id;
    await q.query(
      `INSERT INTO cases (id, tenancy_id, workflow_id, definition_id, definition_version, status, arrears_cents, balance_cents, due_date, time_scale, opened_by, dry_run)
       VALUES ($1,$2,$3,$4,0,'active',$5,$5,$6,$7,$8,true)`,
      [run.caseId, tenancyId, run.workflowId, run.definition.id, t.arrearsCents, run.dueDate, run.timeScale, run.by],
    );
    await q.query(`INSERT INTO dry_runs (id, definition, behaviour, case_id, workflow_id, started_by) VALUES ($1,$2,$3,$4,$5,$6)`, [
      run.id,
      JSON.stringify(run.definition),
      JSON.stringify(run.behaviour),
      run.caseId,
      run.workflowId,
      run.by,
    ]);
    await audit(q, { actor: run.by, action: 'dry-run.start', caseId: run.caseId, entity: 'dry-run', entityId: run.id, details: { definition: run.definition.id, behaviour: run.behaviour } });
    return { tenancyId };
  });
}

/** Removes a dry run whose workflow never started. */
export async function discardDryRun(pool: Db, id: string) {
  await inTransaction(pool, async (q) => {
    const r = await q.query<{ case_id: string }>(`DELETE FROM dry_runs WHERE id = $1 RETURNING case_id`, [id]);
    const caseId = r.rows[0]?.case_id;
    if (caseId) await q.query(`DELETE FROM cases WHERE id = $1 AND dry_run AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = $1)`, [caseId]);
  });
}

type Row = {
  id: string;
  definition: Definition;
  behaviour: DryRunBehaviour;
  case_id: string;
  workflow_id: string;
  started_by: string;
  started_at: Date;
  finished_at: Date | null;
  stop_reason: string | null;
  status: CaseStatus;
  outcome: string | null;
  current_step: string | null;
  balance_cents: number;
  time_scale: number;
};

export async function getDryRun(q: Queryable, id: string): Promise<DryRunRow | undefined> {
  const r = await q.query<Row>(
    `SELECT d.*, c.status, c.outcome, c.current_step, c.balance_cents, c.time_scale FROM dry_runs d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    definition: row.definition,
    behaviour: row.behaviour,
    caseId: row.case_id,
    workflowId: row.workflow_id,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: iso(row.finished_at),
    stopReason: row.stop_reason,
    caseStatus: row.status,
    caseOutcome: row.outcome,
    currentStep: row.current_step,
    balanceCents: row.balance_cents,
    timeScale: row.time_scale,
  };
}

/** The status of the dry run's case in the read model; `closed` once the run's case ended. */
export async function dryRunCaseStatus(q: Queryable, caseId: string): Promise<CaseStatus | undefined> {
  const r = await q.query<{ status: CaseStatus }>(`SELECT status FROM cases WHERE id = $1`, [caseId]);
  return r.rows[0]?.status;
}

/** Marks the run finished once; the first reason stands. */
export async function finishDryRun(q: Queryable, id: string, reason: string) {
  await q.query(`UPDATE dry_runs SET finished_at = now(), stop_reason = $2 WHERE id = $1 AND finished_at IS NULL`, [id, reason]);
}

export async function unfinishedDryRuns(q: Queryable): Promise<string[]> {
  const r = await q.query<{ id: string }>(`SELECT id FROM dry_runs WHERE finished_at IS NULL AND started_at > now() - interval '1 hour'`);
  return r.rows.map((x) => x.id);
}

/** A step of the run: entered `at`, left at `leftAt` by `outcome` (both null while it is where the run is, or for the end). */
export type DryRunStep = { stepId: string; name: string; kind: string; visit: number; at: string; outcome: string | null; leftAt: string | null };
export type DryRunMessage = { id: number; stepId: string; channel: string; templateId: string; purpose: string; subject: string | null; body: string; status: string; at: string };
export type DryRunEvent = { type: string; stepId: string | null; at: string; data: Record<string, unknown> };

/** The path so far from the case timeline: each step with the outcome it left by. */
export async function dryRunProgress(q: Queryable, caseId: string): Promise<{ steps: DryRunStep[]; messages: DryRunMessage[]; events: DryRunEvent[] }> {
  const [events, messages] = await Promise.all([
    q.query<{ type: string; step_id: string | null; at: Date; data: Record<string, unknown> }>(`SELECT type, step_id, at, data FROM case_events WHERE case_id = $1 ORDER BY at, id`, [caseId]),
    q.query<{ id: string; step_id: string; channel: string; template_id: string; purpose: string; subject: string | null; body: string; status: string; business_at: Date }>(
      `SELECT id, step_id, channel, template_id, purpose, subject, body, status, business_at FROM outbox WHERE case_id = $1 ORDER BY id`,
      [caseId],
    ),
  ]);
  const steps: DryRunStep[] = [];
  const other: DryRunEvent[] = [];
  for (const e of events.rows) {
    if (e.type === 'step') {
      const previous = e.data.previous as { stepId: string; outcome: string } | null;
      const last = steps[steps.length - 1];
      if (previous && last && last.stepId === previous.stepId) Object.assign(last, { outcome: previous.outcome, leftAt: e.at.toISOString() });
      steps.push({ stepId: e.step_id!, name: String(e.data.name ?? e.step_id), kind: String(e.data.kind ?? ''), visit: Number(e.data.visit ?? 0), at: e.at.toISOString(), outcome: null, leftAt: null });
    } else if (e.type !== 'message') {
      other.push({ type: e.type, stepId: e.step_id, at: e.at.toISOString(), data: e.data });
    }
  }
  return {
    steps,
    messages: messages.rows.map((m) => ({
      id: Number(m.id),
      stepId: m.step_id,
      channel: m.channel,
      templateId: m.template_id,
      purpose: m.purpose,
      subject: m.subject,
      body: m.body,
      status: m.status,
      at: m.business_at.toISOString(),
    })),
    events: other,
  };
}

export async function awaitingHandover(q: Queryable, caseId: string): Promise<{ id: string; partner: string } | undefined> {
  const r = await q.query<{ id: string; partner: string }>(`SELECT id, partner FROM handovers WHERE case_id = $1 AND status = 'awaiting' ORDER BY business_at DESC LIMIT 1`, [caseId]);
  return r.rows[0];
}
