// The payment provider behind one interface: a checkout the tenant is sent to (iDEAL), and the
// payment's state read back from the provider when its webhook says something changed. The
// webhook carries only the payment's id; what was paid is always asked of the provider, so a
// forged webhook pays nothing. The adapter speaks Mollie's payments API (v2), which the
// loopback stand-in (payment-standin.ts) imitates for `npm start` and the tests.
import { z } from 'zod';

export type Checkout = { providerPaymentId: string; checkoutUrl: string };
export type ProviderPayment = { providerPaymentId: string; status: 'open' | 'pending' | 'authorized' | 'paid' | 'failed' | 'expired' | 'canceled'; amountCents: number };

export interface PaymentProvider {
  /** Starts a checkout; `idempotencyKey` makes a repeated request the same payment. */
  createCheckout(p: { amountCents: number; description: string; redirectUrl: string; webhookUrl: string; idempotencyKey: string }): Promise<Checkout>;
  payment(providerPaymentId: string): Promise<ProviderPayment>;
  /** Where the provider's checkout pages live (the tenant page's form may lead there). */
  readonly origin: string;
}

const PaymentAnswer = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  status: z.enum(['open', 'pending', 'authorized', 'paid', 'failed', 'expired', 'canceled']),
  amount: z.object({ currency: z.literal('EUR'), value: z.string().regex(/^\d+\.\d{2}$/) }),
  _links: z.object({ checkout: z.object({ href: z.url() }).optional() }).optional(),
});

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const cents = (value: string) => Math.round(Number(value) * 100);

export class ProviderError extends Error {}

/** Mollie's payments API at `apiUrl` (https://api.mollie.com, or the stand-in), with an API key. */
export function molliePaymentProvider(apiUrl: string, apiKey: string): PaymentProvider {
  const base = apiUrl.replace(/\/$/, '');
  const call = async (method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new ProviderError(`the payment provider answered ${res.status} to ${method} ${path}`);
    const parsed = PaymentAnswer.safeParse(await res.json());
    if (!parsed.success) throw new ProviderError(`the payment provider's answer to ${method} ${path} is not a payment`);
    return parsed.data;
  };
  return {
    origin: new URL(base).origin,
    async createCheckout(p) {
      const answer = await call('POST', '/v2/payments', { amount: { currency: 'EUR', value: euros(p.amountCents) }, description: p.description, redirectUrl: p.redirectUrl, webhookUrl: p.webhookUrl }, p.idempotencyKey);
      const href = answer._links?.checkout?.href;
      if (!href) throw new ProviderError('the payment provider gave no checkout address');
      return { providerPaymentId: answer.id, checkoutUrl: href };
    },
    async payment(id) {
      const answer = await call('GET', `/v2/payments/${encodeURIComponent(id)}`);
      return { providerPaymentId: answer.id, status: answer.status, amountCents: cents(answer.amount.value) };
    },
  };
}
