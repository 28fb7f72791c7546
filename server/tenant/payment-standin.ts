// A stand-in for the payment provider on loopback, speaking the part of Mollie's payments API
// the adapter uses, with a checkout page where "the bank" says yes or no. `npm start` runs it
// when no PAYMENT_PROVIDER_URL is set (nothing is really paid: the page says so), and the
// tests use it. Like the real provider it reports a change by calling the webhook with the
// payment's id only; `redeliver` repeats that call, as providers do when unsure it arrived.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { listen } from '../listen.ts';

type StandinPayment = { id: string; status: 'open' | 'paid' | 'canceled'; amount: { currency: 'EUR'; value: string }; description: string; redirectUrl: string; webhookUrl: string };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PaymentStandin = { url: string; payments: Map<string, StandinPayment>; webhookCalls: string[]; redeliver(id: string): Promise<number>; close(): Promise<void> };

export async function startPaymentStandin(port = 0): Promise<PaymentStandin> {
  const payments = new Map<string, StandinPayment>();
  const byIdempotencyKey = new Map<string, string>();
  const webhookCalls: string[] = [];
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  let url = '';
  const answer = (p: StandinPayment) => ({ resource: 'payment', id: p.id, status: p.status, amount: p.amount, description: p.description, _links: { checkout: { href: `${url}/checkout/${p.id}` } } });
  const deliver = async (p: StandinPayment) => {
    webhookCalls.push(p.id);
    const res = await fetch(p.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `id=${p.id}` }).catch(() => null);
    return res?.status ?? 0;
  };

  app.post('/v2/payments', (req, res) => {
    const key = req.get('idempotency-key');
    const known = key ? payments.get(byIdempotencyKey.get(key) ?? '') : undefined;
    if (known) return void res.status(201).json(answer(known));
    const b = req.body as Partial<StandinPayment>;
    if (!b.amount || !/^\d+\.\d{2}$/.test(b.amount.value) || !b.redirectUrl || !b.webhookUrl) return void res.status(422).json({ detail: 'amount, redirectUrl and webhookUrl are required' });
    const p: StandinPayment = { id: `tr_${randomBytes(8).toString('hex')}`, status: 'open', amount: { currency: 'EUR', value: b.amount.value }, description: String(b.description ?? ''), redirectUrl: b.redirectUrl, webhookUrl: b.webhookUrl };
    payments.set(p.id, p);
    if (key) byIdempotencyKey.set(key, p.id);
    res.status(201).json(answer(p));
  });
  app.get('/v2/payments/:id', (req, res) => {
    const p = payments.get(req.params.id);
    if (!p) return void res.status(404).json({ detail: 'no such payment' });
    res.json(answer(p));
  });
  app.get('/checkout/:id', (req, res) => {
    const p = payments.get(req.params.id);
    if (!p) return void res.status(404).send('Onbekende betaling');
    res.type('html').send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>iDEAL (proefomgeving)</title></head>
<body><main><h1>iDEAL (proefomgeving)</h1><p>Dit is een nagebootste bank: er wordt niets echt betaald.</p><p>${escape(p.description)}: € ${escape(p.amount.value.replace('.', ','))}</p>
<form method="post" action="/checkout/${p.id}"><button name="result" value="paid">Betalen</button> <button name="result" value="canceled">Annuleren</button></form></main></body></html>`);
  });
  app.post('/checkout/:id', async (req, res) => {
    const p = payments.get(req.params.id);
    if (!p) return void res.status(404).send('Onbekende betaling');
    if (p.status === 'open') p.status = (req.body as { result?: string }).result === 'paid' ? 'paid' : 'canceled';
    await deliver(p);
    res.redirect(303, p.redirectUrl);
  });

  const server = listen(app, port, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    payments,
    webhookCalls,
    async redeliver(id) {
      const p = payments.get(id);
      if (!p) throw new Error(`no payment ${id}`);
      return await deliver(p);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
