// A partner's HTTP intake: POST {handoverId, partner, purpose, payload} with a bearer token
// and an Idempotency-Key header, expecting {id}. A 4xx is a refusal; a 5xx or a network
// error is retried.
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
        throw new TransientDeliveryError(`${name} unreachable: ${(err as Error).message}`);
      }
      const text = await response.text();
      if (response.status >= 500) throw new TransientDeliveryError(`${name} answered ${response.status}: ${text.slice(0, 200)}`);
      if (!response.ok) return { ok: false, error: `${name} refused (${response.status}): ${text.slice(0, 200)}` };
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
