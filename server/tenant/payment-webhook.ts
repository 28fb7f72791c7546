// The payment provider's webhook: it says a payment changed and carries only its id, so what
// was paid is asked of the provider itself (a forged call pays nothing). A paid checkout is
// recorded with the provider's id as its reference and sent to the case's registerPayment
// update: a second delivery is the same payment, applied once.
import type { Request, Response } from 'express';
import { TENANT_ACTOR } from '../../definition/access.ts';
import { registerPaymentUpdate } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { runUpdate } from '../temporal.ts';
import type { Client } from '@temporalio/client';
import type { PaymentProvider } from './payment-provider.ts';

export function paymentWebhook(deps: { pool: Db; temporal: Client; provider: PaymentProvider | null }) {
  return async (req: Request, res: Response) => {
    const id = String((req.body as { id?: unknown }).id ?? '');
    if (!deps.provider || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return void res.status(400).send('unknown payment');
    const found = await deps.pool.query<{ case_id: string; amount_cents: number; status: string }>(`SELECT case_id, amount_cents, status FROM tenant_checkouts WHERE provider_payment_id = $1`, [id]);
    const row = found.rows[0];
    // Not one of ours: answered alike, so the webhook tells an outsider nothing.
    if (!row) return void res.status(200).send('ok');
    const payment = await deps.provider.payment(id);
    if (payment.status !== 'paid') {
      await deps.pool.query(`UPDATE tenant_checkouts SET status = $2 WHERE provider_payment_id = $1 AND status = 'open'`, [id, payment.status === 'pending' || payment.status === 'authorized' ? 'open' : payment.status]);
      return void res.status(200).send('ok');
    }
    if (payment.amountCents !== row.amount_cents) {
      req.log.error({ paymentId: id }, 'the provider reports another amount than the checkout was started with; not applied');
      return void res.status(200).send('ok');
    }
    const reference = `ideal-${id}`;
    const caseRow = await deps.pool.query<{ workflow_id: string; status: string }>(`SELECT workflow_id, status FROM cases WHERE id = $1`, [row.case_id]);
    const first = await inTransaction(deps.pool, async (q) => {
      const inserted = await q.query(`INSERT INTO payments (reference, case_id, amount_cents, received_at, source) VALUES ($1, $2, $3, now(), 'ideal') ON CONFLICT (reference) DO NOTHING`, [reference, row.case_id, row.amount_cents]);
      await q.query(`UPDATE tenant_checkouts SET status = 'paid', paid_at = coalesce(paid_at, now()) WHERE provider_payment_id = $1`, [id]);
      if (inserted.rowCount) await audit(q, { key: `tenant-payment:${id}`, actor: TENANT_ACTOR, action: 'payment.tenant', caseId: row.case_id, entity: 'payment', entityId: reference, after: { amountCents: row.amount_cents, provider: 'ideal' } });
      return (inserted.rowCount ?? 0) > 0;
    });
    // Applied by the workflow once, whatever the number of deliveries: the reference is the provider's payment id.
    const handle = deps.temporal.workflow.getHandle(caseRow.rows[0]!.workflow_id);
    try {
      await runUpdate(handle, registerPaymentUpdate, [{ reference, amountCents: row.amount_cents, receivedAt: new Date().toISOString() }], 'register payment');
    } catch (err) {
      // Paid while the case closed (paid off by the bank meanwhile): the money is recorded, not
      // applied, and finance finds it among the payments of the case; the provider need not retry.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
      req.log.warn({ caseId: row.case_id, paymentId: id }, 'a tenant payment arrived for a closed case; recorded for finance, not applied');
      return void res.status(200).send('ok');
    }
    req.log.info({ caseId: row.case_id, first }, 'tenant payment applied');
    res.status(200).send('ok');
  };
}
