// WhatsApp and SMS through a provider's HTTP API: POST {to, text, reference} with a bearer
// token and an Idempotency-Key header, expecting {id}. A 4xx is a permanent failure (wrong
// number, template refused); a 5xx or a network error is retried. The provider's answer is
// kept in the error only redacted: it can quote the number or the text it was sent.
import { redact } from '../../server/redact.ts';
import type { ChannelAdapter } from './channel.ts';
import { TransientDeliveryError } from './channel.ts';

export function httpProviderAdapter(name: string, url: string, token: string | undefined): ChannelAdapter {
  return {
    name,
    async send(message) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.key,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ to: message.recipient, text: message.body, reference: message.key }),
          signal: AbortSignal.timeout(8_000),
        });
      } catch (err) {
        throw new TransientDeliveryError(`${name} provider unreachable: ${redact((err as Error).message, [message.recipient])}`);
      }
      const text = await response.text();
      const answer = () => redact(text, [message.recipient]).slice(0, 200);
      if (response.status >= 500) throw new TransientDeliveryError(`${name} provider answered ${response.status}: ${answer()}`);
      if (!response.ok) return { ok: false, error: `${name} provider refused (${response.status}): ${answer()}` };
      let id = message.key;
      try {
        const body = JSON.parse(text) as { id?: unknown };
        if (typeof body.id === 'string') id = body.id;
      } catch {
        // A provider that answers 2xx without JSON still accepted the message.
      }
      return { ok: true, providerId: id };
    },
  };
}
