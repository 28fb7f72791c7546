// A partner's HTTP intake: POST {handoverId, partner, purpose, payload} with a bearer token
// and an Idempotency-Key header, expecting {id}. A 4xx is a refusal; a 5xx or a network
// error is retried. The partner's answer is kept in the error only redacted: it can quote the
// file it was sent.
import { redact } from '../../server/redact.ts';
import { TransientDeliveryError } from '../channels/channel.ts';
import type { PartnerAdapter } from './partner.ts';

export function httpPartnerAdapter(name: string, url: string, token: string | undefined): PartnerAdapter {
  return {
    name,
    async deliver(delivery) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': delivery.handoverId,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(delivery),
          signal: AbortSignal.timeout(8_000),
        });
      } catch (err) {
        throw new TransientDeliveryError(`${name} unreachable: ${redact((err as Error).message, stringsIn(delivery.payload))}`);
      }
      const text = await response.text();
      const answer = () => redact(text, stringsIn(delivery.payload)).slice(0, 200);
      if (response.status >= 500) throw new TransientDeliveryError(`${name} answered ${response.status}: ${answer()}`);
      if (!response.ok) return { ok: false, error: `${name} refused (${response.status}): ${answer()}` };
      try {
        const body = JSON.parse(text) as { id?: unknown };
        if (typeof body.id === 'string') return { ok: true, reference: body.id };
      } catch {
        // A partner that answers 2xx without JSON still took the handover.
      }
      return { ok: true, reference: delivery.handoverId };
    },
  };
}

/** Every text in the payload (names, addresses, contact details): what the partner's answer may quote back. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
