// Hands a recorded handover to its partner's adapter, once: a delivered handover is not
// delivered again, and the partner gets the handover id as an idempotency key for the
// moment between its answer and our record of it. The payload is the one recorded with the
// handover, parsed again against its partner's strict schema (rule 3) before it leaves.
import { handoverPayloadSchemas } from '../definition/handover-payloads.ts';
import type { Partner } from '../definition/catalog.ts';
import type { Db } from '../server/db/pool.ts';
import type { DeliverHandoverInput, DeliverHandoverResult } from './contracts.ts';
import type { PartnerAdapters } from './partners/index.ts';

export function handoverDeliverer(deps: { pool: Db; partners: PartnerAdapters }) {
  return async function deliverHandover(input: DeliverHandoverInput): Promise<DeliverHandoverResult> {
    const found = await deps.pool.query<{ partner: Partner; purpose: string | null; payload: unknown; delivered_at: Date | null; delivery_ref: string | null }>(
      `SELECT partner, purpose, payload, delivered_at, delivery_ref FROM handovers WHERE id = $1 AND case_id = $2`,
      [input.handoverId, input.caseId],
    );
    const row = found.rows[0];
    if (!row) throw new Error(`handover ${input.handoverId} is not recorded`);
    if (row.delivered_at) return { delivered: true, reference: row.delivery_ref ?? input.handoverId };
    const payload = handoverPayloadSchemas[row.partner].parse(row.payload);
    const adapter = deps.partners[row.partner];
    const receipt = await adapter.deliver({ handoverId: input.handoverId, partner: row.partner, purpose: row.purpose, payload });
    if (!receipt.ok) {
      await deps.pool.query(`UPDATE handovers SET delivery_error = $2 WHERE id = $1`, [input.handoverId, receipt.error]);
      return { delivered: false, error: receipt.error };
    }
    await deps.pool.query(`UPDATE handovers SET delivered_at = now(), delivery_ref = $2, delivery_error = NULL WHERE id = $1 AND delivered_at IS NULL`, [input.handoverId, receipt.reference]);
    return { delivered: true, reference: receipt.reference };
  };
}
