// One interface for every way a message leaves the building. An adapter either delivers,
// fails for good (a 4xx: wrong number, rejected), or throws so Temporal retries later.
import type { Channel } from '../../definition/catalog.ts';

export type OutgoingMessage = {
  /** The outbox key: providers get it as an idempotency key, so a retried send is one message. */
  key: string;
  channel: Channel;
  recipient: string;
  subject?: string;
  body: string;
};

/**
 * `queued`: accepted, but not yet out of the building; the outbox row waits in this status (a
 * letter for the day's print batch, server/letters/) and counts as sent once it has gone.
 */
export type Delivery = { ok: true; providerId: string; queued?: 'awaiting-print' } | { ok: false; error: string };

export interface ChannelAdapter {
  readonly name: string;
  send(message: OutgoingMessage): Promise<Delivery>;
}

/** The default: the outbox row is the message (the UI shows it; nobody else receives it). */
export const outboxOnly: ChannelAdapter = {
  name: 'outbox',
  async send(message) {
    return { ok: true, providerId: `outbox:${message.key}` };
  },
};

export class TransientDeliveryError extends Error {}

/**
 * Letters: accepted for the day's print batch. Staff download the batch as one PDF and mark it
 * handed to the print-and-post service, which is when its letters count as sent (server/letters/).
 */
export const printBatch: ChannelAdapter = {
  name: 'print-batch',
  async send(message) {
    return { ok: true, providerId: `print:${message.key}`, queued: 'awaiting-print' };
  },
};
