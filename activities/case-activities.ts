// The activities: the only code with side effects. Each is idempotent by the key the
// workflow passes: a timeline row, a task, a handover or a message is inserted with
// ON CONFLICT DO NOTHING on that key, so a retry (or a replay after a reset) changes nothing.
import { revokeTenantLinks } from '../server/tenant/links.ts';
import type {
  ApplyWritesInput,
  CaseActivities,
  CloseCaseInput,
  CloseHandoverInput,
  CloseTaskInput,
  EscalateTaskInput,
  HandoverInput,
  PassedStep,
  ReadModelPatch,
  RecordEventInput,
  RecordPaymentInput,
  RecordStepInput,
  TaskSpec,
} from './contracts.ts';
import { audit } from '../server/audit/repository.ts';
import { inTransaction, type Db, type Queryable } from '../server/db/pool.ts';
import type { ChannelAdapters } from './channels/index.ts';
import { recordCredit } from './credit.ts';
import { handoverDeliverer } from './deliver-handover.ts';
import type { PartnerAdapters } from './partners/index.ts';
import { handoverPayloadSchemas, type HandoverPayload } from '../definition/handover-payloads.ts';
import { messageSender, type MessageSettings } from './send-message.ts';
import { appendTimeline } from './timeline.ts';
import { idempotencyKey } from '../definition/idempotency.ts';

export type ActivityDeps = { pool: Db; channels: ChannelAdapters; partners: PartnerAdapters; settings: MessageSettings };

async function appendPassed(q: Queryable, caseId: string, passed: PassedStep[] | undefined) {
  for (const p of passed ?? []) {
    await appendTimeline(q, { key: p.key, caseId, at: p.at, type: 'step', stepId: p.stepId, data: { name: p.stepName, kind: p.stepKind, visit: p.visit, previous: p.previous ?? null } });
  }
}

async function applyPatch(q: Queryable, caseId: string, patch: ReadModelPatch | undefined) {
  if (patch?.definition) {
    await q.query(`UPDATE cases SET definition_version = $2, current_step = $3, current_step_name = $4, updated_at = now() WHERE id = $1`, [
      caseId,
      patch.definition.version,
      patch.definition.stepId,
      patch.definition.stepName,
    ]);
  }
  if (patch?.balance) {
    await q.query(`UPDATE cases SET balance_cents = $2, balance_seq = $3, updated_at = now() WHERE id = $1 AND balance_seq < $3`, [
      caseId,
      patch.balance.cents,
      patch.balance.seq,
    ]);
  }
  if (patch?.status) {
    const pause = patch.status.pause;
    await q.query(
      `UPDATE cases SET status = $2, pause_reason = $3, pause_review_date = $4, status_seq = $5, updated_at = now()
       WHERE id = $1 AND status <> 'closed' AND status_seq < $5`,
      [caseId, patch.status.value, pause?.reason ?? null, pause?.reviewDate ?? null, patch.status.seq],
    );
  }
  if (patch?.policyHold) {
    // The hold's own events set and clear it in the order the case made them (one case's writes are applied in order).
    const { hold, waitingOn } = patch.policyHold;
    await q.query(`UPDATE cases SET policy_hold_id = $2, policy_hold_until = $3, waiting_on = $4, updated_at = now() WHERE id = $1 AND status <> 'closed'`, [
      caseId,
      hold?.holdId ?? null,
      hold?.until ?? null,
      waitingOn,
    ]);
  }
}

export function createActivities(deps: ActivityDeps): CaseActivities {
  const { pool } = deps;
  const sendMessage = messageSender(deps);

  const activities: Omit<CaseActivities, 'applyWrites'> = {
    async recordStep(input: RecordStepInput) {
      await inTransaction(pool, async (q) => {
        await appendPassed(q, input.caseId, input.passed);
        const inserted = await appendTimeline(q, {
          key: input.key,
          caseId: input.caseId,
          at: input.at,
          type: 'step',
          stepId: input.progress.stepId,
          data: { name: input.progress.stepName, kind: input.progress.stepKind, visit: input.visit, previous: input.previous ?? null },
        });
        if (!inserted) return;
        await q.query(
          // A new step is never held yet (workflows/policy-hold.ts says so when it is): whatever held the last one no longer does.
          `UPDATE cases SET current_step = $2, current_step_name = $3, current_step_kind = $4, waiting_on = $5, step_entered_at = $6,
                  policy_hold_id = NULL, policy_hold_until = NULL, updated_at = now()
           WHERE id = $1 AND status <> 'closed'`,
          [input.caseId, input.progress.stepId, input.progress.stepName, input.progress.stepKind, input.progress.waitingOn, input.at],
        );
      });
    },

    sendMessage,

    deliverHandover: handoverDeliverer(deps),

    async openTask(input: TaskSpec) {
      await inTransaction(pool, async (q) => {
        const result = await q.query(
          `INSERT INTO tasks (id, case_id, step_id, kind, title, instructions, role, original_role, roles, status, outcomes, approval, due_at, opened_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$7,ARRAY[$7],'open',$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
          [
            input.taskId,
            input.caseId,
            input.stepId,
            input.kind,
            input.title,
            input.instructions ?? null,
            input.role,
            JSON.stringify(input.outcomes),
            input.approval ? JSON.stringify(input.approval) : null,
            input.dueAt ?? null,
            input.at,
          ],
        );
        if ((result.rowCount ?? 0) === 0) return;
        await q.query(`UPDATE cases SET waiting_on = $2, updated_at = now() WHERE id = $1 AND status <> 'closed'`, [input.caseId, input.role]);
        await appendTimeline(q, {
          key: idempotencyKey(input.taskId, 'opened'),
          caseId: input.caseId,
          at: input.at,
          type: 'task-opened',
          stepId: input.stepId,
          data: { taskId: input.taskId, title: input.title, kind: input.kind, role: input.role, dueAt: input.dueAt ?? null },
        });
      });
    },

    async closeTask(input: CloseTaskInput) {
      await inTransaction(pool, async (q) => {
        const before = await q.query<{ status: string; role: string; step_id: string }>(`SELECT status, role, step_id FROM tasks WHERE id = $1 FOR UPDATE`, [input.taskId]);
        const row = before.rows[0];
        if (!row || row.status !== 'open') return;
        await q.query(
          `UPDATE tasks SET status = $2, outcome = $3, fields = $4, completed_by = $5, close_reason = $6, closed_at = $7 WHERE id = $1`,
          [input.taskId, input.status, input.outcome ?? null, input.fields ? JSON.stringify(input.fields) : null, input.by ?? null, input.reason ?? null, input.at],
        );
        await appendTimeline(q, {
          key: idempotencyKey(input.taskId, 'closed'),
          caseId: input.caseId,
          at: input.at,
          type: 'task-closed',
          stepId: row.step_id,
          actor: input.by,
          data: { taskId: input.taskId, status: input.status, outcome: input.outcome ?? null, fields: input.fields ?? {}, reason: input.reason ?? null },
        });
        if (input.by) {
          await audit(q, {
            key: idempotencyKey(input.taskId, 'closed'),
            actor: input.by,
            action: 'task.complete',
            caseId: input.caseId,
            entity: 'task',
            entityId: input.taskId,
            before: { status: 'open' },
            after: { status: input.status, outcome: input.outcome, fields: input.fields },
          });
        }
      });
    },

    async escalateTask(input: EscalateTaskInput) {
      await inTransaction(pool, async (q) => {
        const inserted = await appendTimeline(q, {
          key: input.key,
          caseId: input.caseId,
          at: input.at,
          type: input.action === 'remind' ? 'task-reminder' : 'task-escalated',
          data: { taskId: input.taskId, role: input.role ?? null, dueAt: input.dueAt ?? null },
        });
        if (!inserted) return;
        if (input.action === 'remind') {
          await q.query(`UPDATE tasks SET reminders = reminders + 1, due_at = COALESCE($2, due_at) WHERE id = $1 AND status = 'open'`, [input.taskId, input.dueAt ?? null]);
        } else {
          await q.query(`UPDATE tasks SET role = $2, roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END,
             assignee = NULL, escalated_at = $3, due_at = COALESCE($4, due_at) WHERE id = $1 AND status = 'open'`, [
            input.taskId,
            input.role,
            input.at,
            input.dueAt ?? null,
          ]);
          await q.query(`UPDATE cases SET waiting_on = $2, updated_at = now() WHERE id = $1 AND status <> 'closed'`, [input.caseId, input.role]);
        }
      });
    },

    async recordHandover(input: HandoverInput) {
      await inTransaction(pool, async (q) => {
        const payload = await handoverPayload(q, input);
        const result = await q.query(
          `INSERT INTO handovers (id, case_id, step_id, partner, purpose, payload, status, business_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
           ON CONFLICT (id) DO NOTHING`,
          [input.handoverId, input.caseId, input.stepId, input.partner, input.purpose ?? null, JSON.stringify(payload), input.awaitsResponse ? 'awaiting' : 'accepted', input.at],
        );
        if ((result.rowCount ?? 0) === 0) return;
        await appendTimeline(q, {
          key: idempotencyKey(input.handoverId, 'recorded'),
          caseId: input.caseId,
          at: input.at,
          type: input.partner === 'municipality-signal' ? 'municipality-signal' : 'handover',
          stepId: input.stepId,
          data: { handoverId: input.handoverId, partner: input.partner, purpose: input.purpose ?? null, arrearsCents: input.arrearsCents, awaitsResponse: input.awaitsResponse },
        });
      });
    },

    async closeHandover(input: CloseHandoverInput) {
      await inTransaction(pool, async (q) => {
        const result = await q.query(
          `UPDATE handovers SET status = $2, response_by = $3, response_note = $4, closed_at = $5 WHERE id = $1 AND status = 'awaiting' RETURNING step_id`,
          [input.handoverId, input.response, input.by ?? null, input.note ?? null, input.at],
        );
        const row = result.rows[0] as { step_id: string } | undefined;
        if (!row) return;
        await appendTimeline(q, {
          key: idempotencyKey(input.handoverId, 'closed'),
          caseId: input.caseId,
          at: input.at,
          type: 'handover-response',
          stepId: row.step_id,
          actor: input.by,
          data: { handoverId: input.handoverId, response: input.response, note: input.note ?? null },
        });
      });
    },

    async recordPayment(input: RecordPaymentInput) {
      await inTransaction(pool, async (q) => {
        await q.query(
          `INSERT INTO payments (reference, case_id, amount_cents, received_at, source, applied_at, balance_after_cents)
           VALUES ($1,$2,$3,$4,'workflow',$5,$6)
           ON CONFLICT (reference) DO UPDATE SET applied_at = EXCLUDED.applied_at, balance_after_cents = EXCLUDED.balance_after_cents
           WHERE payments.applied_at IS NULL`,
          [input.reference, input.caseId, input.amountCents, input.receivedAt, input.at, input.balance.cents],
        );
        await applyPatch(q, input.caseId, { balance: input.balance });
        await appendTimeline(q, {
          key: idempotencyKey(input.caseId, 'payment', input.reference),
          caseId: input.caseId,
          at: input.at,
          type: 'payment',
          data: { reference: input.reference, amountCents: input.amountCents, receivedAt: input.receivedAt, balanceCents: input.balance.cents },
        });
        if (input.excessCents) await recordCredit(q, { caseId: input.caseId, reference: input.reference, excessCents: input.excessCents, at: input.at });
      });
    },

    async recordEvent(input: RecordEventInput) {
      await inTransaction(pool, async (q) => {
        await appendPassed(q, input.caseId, input.passed);
        const inserted = await appendTimeline(q, {
          key: input.key,
          caseId: input.caseId,
          at: input.at,
          type: input.type,
          stepId: input.stepId,
          actor: input.by,
          data: input.data,
        });
        if (!inserted) return;
        await applyPatch(q, input.caseId, input.patch);
        if (input.by && input.by !== 'deadline' && input.by !== 'system') {
          await audit(q, { key: input.key, actor: input.by, action: `case.${input.type}`, caseId: input.caseId, details: input.data, after: input.patch });
        }
      });
    },

    async closeCase(input: CloseCaseInput) {
      await inTransaction(pool, async (q) => {
        await appendPassed(q, input.caseId, input.passed);
        const inserted = await appendTimeline(q, { key: input.key, caseId: input.caseId, at: input.at, type: 'closed', stepId: input.stepId, data: { outcome: input.outcome, balanceCents: input.balanceCents } });
        if (!inserted) return;
        // The step it closed on (an end passes without a timeline write of its own), named as
        // its pinned definition names it: the search attributes show that step too (CaseStep).
        const stepField = (field: 'name' | 'kind') =>
          `COALESCE((SELECT s->>'${field}' FROM definitions d, jsonb_array_elements(d.body->'steps') s
                     WHERE d.id = c.definition_id AND d.version = c.definition_version AND s->>'id' = $5),
                    CASE WHEN c.current_step = $5 THEN c.current_step_${field} END)`;
        await q.query(
          `UPDATE cases c SET status = 'closed', outcome = $2, balance_cents = $3, closed_at = $4, waiting_on = 'none', pause_reason = NULL, pause_review_date = NULL, policy_hold_id = NULL, policy_hold_until = NULL,
             step_entered_at = CASE WHEN c.current_step IS DISTINCT FROM $5 THEN $4 ELSE c.step_entered_at END,
             current_step = $5, current_step_name = ${stepField('name')}, current_step_kind = ${stepField('kind')}, updated_at = now()
           WHERE c.id = $1`,
          [input.caseId, input.outcome, input.balanceCents, input.at, input.stepId],
        );
        await revokeTenantLinks(q, input.caseId);
      });
    },
  };
  return {
    ...activities,
    // A case's writes in one batch (workflows/read-model-writes.ts), in the order it made them.
    async applyWrites(input: ApplyWritesInput) {
      for (const w of input.writes) await (activities[w.op] as (i: typeof w.input) => Promise<void>)(w.input);
    },
  };
}

/**
 * The data a partner receives, and no more: built here from the tenant's record and checked
 * against the partner's strict schema (definition/handover-payloads.ts), so a field too many
 * is refused before it is stored or sent. The municipality gets contact details and the
 * arrears amount only (rule 3, Bgs art. 2; GDPR art. 5); the bailiff also the tenancy reference.
 */
async function handoverPayload(q: Queryable, input: HandoverInput): Promise<HandoverPayload> {
  const result = await q.query<{ name: string; email: string | null; phone: string | null; street: string; postal_code: string; city: string; reference: string }>(
    `SELECT t.name, t.email, t.phone, y.street, y.postal_code, y.city, y.reference
     FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1`,
    [input.caseId],
  );
  const r = result.rows[0];
  if (!r) throw new Error(`case ${input.caseId} has no tenancy`);
  const contact = { name: r.name, address: { street: r.street, postalCode: r.postal_code, city: r.city }, phone: r.phone, email: r.email, arrearsCents: input.arrearsCents };
  const schema = handoverPayloadSchemas[input.partner];
  return schema.parse(input.partner === 'bailiff' ? { ...contact, tenancyReference: r.reference, purpose: input.purpose } : contact);
}
