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

export type Delivery = { ok: true; providerId: string } | { ok: false; error: string };

export interface ChannelAdapter {
  readonly name: string;
  send(message: OutgoingMessage): Promise<Delivery>;
}

/** The default: the outbox row is the message (letters go to the print room, the UI shows the rest). */
export const outboxOnly: ChannelAdapter = {
  name: 'outbox',
  async send(message) {
    return { ok: true, providerId: `outbox:${message.key}` };
  },
};

export class TransientDeliveryError extends Error {}
