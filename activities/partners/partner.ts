// One interface for every way a handover reaches a partner. An adapter delivers, fails for
// good (a 4xx: the partner refuses the file), or throws so Temporal retries later.
import type { Partner } from '../../definition/catalog.ts';
import type { HandoverPayload } from '../../definition/handover-payloads.ts';

export type PartnerDelivery = {
  /** The handover's id: partners get it as an idempotency key, so a retried delivery is one handover. */
  handoverId: string;
  partner: Partner;
  purpose: string | null;
  payload: HandoverPayload;
};

export type PartnerReceipt = { ok: true; reference: string } | { ok: false; error: string };

export interface PartnerAdapter {
  readonly name: string;
  deliver(delivery: PartnerDelivery): Promise<PartnerReceipt>;
}

/** The default: the handover row is the delivery (staff or an export take it to the partner's upload point). */
export const recordOnly: PartnerAdapter = {
  name: 'record',
  async deliver(delivery) {
    return { ok: true, reference: `record:${delivery.handoverId}` };
  },
};
