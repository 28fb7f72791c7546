// Renders a message from its template with the tenant's data (looked up here, never passed
// through the workflow), records it in the outbox under the step-visit key, and hands it to
// the channel's adapter once. The row lock makes a concurrent retry wait and then see "sent".
// What a channel says about a failure goes on (into the result, the history, the logs) with
// this tenant's name, address and contact details taken out. A letter is accepted for the
// day's print batch ('awaiting-print'): the workflow hears 'sent' (accepted for posting), and
// the outbox row becomes 'sent' when its batch is handed to the post (server/letters/).
import type { Channel } from '../definition/catalog.ts';
import { formatDateNl, formatEuro, renderText, type TemplateVariable } from '../definition/templates.ts';
import { inTransaction, type Db } from '../server/db/pool.ts';
import { appendTimeline } from './timeline.ts';
import { outboxOnly } from './channels/channel.ts';
import type { ChannelAdapters } from './channels/index.ts';
import type { SendMessageInput, SendMessageResult } from './contracts.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import { redact, redactError } from '../server/redact.ts';
import { issueTenantLink, type TenantLinkSettings } from '../server/tenant/links.ts';

export type MessageSettings = { tenantLinks: TenantLinkSettings; contactName: string; contactPhone: string };

type Recipient = { name: string; email: string | null; phone: string | null; street: string; postal_code: string; city: string; reference: string };

function recipientFor(channel: Channel, r: Recipient): string | null {
  switch (channel) {
    case 'letter':
      return `${r.name}\n${r.street}\n${r.postal_code} ${r.city}`;
    case 'email':
      return r.email;
    case 'whatsapp':
    case 'sms':
      return r.phone;
  }
}

const missing: Record<Channel, string> = {
  letter: 'no postal address',
  email: 'no e-mail address',
  whatsapp: 'no phone number',
  sms: 'no phone number',
};

export function messageSender(deps: { pool: Db; channels: ChannelAdapters; settings: MessageSettings }) {
  const { pool, channels, settings } = deps;

  async function prepare(input: SendMessageInput): Promise<void> {
    const found = await pool.query(`SELECT 1 FROM outbox WHERE key = $1`, [input.key]);
    if (found.rowCount) return;
    const who = await pool.query<Recipient>(
      `SELECT t.name, t.email, t.phone, y.street, y.postal_code, y.city, y.reference
       FROM cases c JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id WHERE c.id = $1`,
      [input.caseId],
    );
    const r = who.rows[0];
    if (!r) throw new Error(`case ${input.caseId} not found`);
    const template = await pool.query<{ channel: string; name: string; subject: string | null; body: string }>(`SELECT channel, name, subject, body FROM templates WHERE id = $1`, [input.templateId]);
    const t = template.rows[0];
    if (!t) throw new Error(`template ${input.templateId} not found`);
    const v = input.variables;
    // The tenant's own page (pay, propose an arrangement, how to be reached): every message carries it.
    const link = await issueTenantLink(pool, settings.tenantLinks, { caseId: input.caseId, messageKey: input.key });
    const values: Partial<Record<TemplateVariable, string>> = {
      tenantName: r.name,
      amount: formatEuro(v.amountCents),
      dueDate: formatDateNl(Date.parse(`${v.dueDate}T00:00:00Z`)),
      paymentLink: link,
      caseworkerName: settings.contactName,
      caseworkerPhone: settings.contactPhone,
      reference: r.reference,
      ...(v.instalmentCents !== undefined ? { instalmentAmount: formatEuro(v.instalmentCents) } : {}),
      ...(v.instalmentDate ? { instalmentDate: formatDateNl(Date.parse(`${v.instalmentDate}T00:00:00Z`)) } : {}),
      ...(v.collectionCostsCents !== undefined ? { collectionCosts: formatEuro(v.collectionCostsCents) } : {}),
    };
    const recipient = recipientFor(input.channel, r);
    await pool.query(
      `INSERT INTO outbox (key, case_id, step_id, channel, template_id, purpose, recipient, subject, body, status, error, business_at, amount_cents, collection_costs_cents)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (key) DO NOTHING`,
      [
        input.key,
        input.caseId,
        input.stepId,
        input.channel,
        input.templateId,
        input.purpose,
        recipient,
        // A message moved to the tenant's preferred channel keeps its text; an e-mail or letter from a chat template takes its name as subject.
        t.subject ? renderText(t.subject, values) : input.channel === 'email' || input.channel === 'letter' ? t.name : null,
        renderText(t.body, values),
        recipient ? 'pending' : 'failed',
        recipient ? null : missing[input.channel],
        input.at,
        v.amountCents,
        v.collectionCostsCents ?? null,
      ],
    );
  }

  return async function sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    await prepare(input);
    return await inTransaction(pool, async (q) => {
      const rows = await q.query<{ id: string; status: string; error: string | null; recipient: string | null; subject: string | null; body: string; dry_run: boolean; personal: Array<string | null> }>(
        `SELECT o.id, o.status, o.error, o.recipient, o.subject, o.body, c.dry_run, ARRAY[t.name, t.email, t.phone, y.street, y.postal_code] AS personal
         FROM outbox o JOIN cases c ON c.id = o.case_id JOIN tenancies y ON y.id = c.tenancy_id JOIN tenants t ON t.id = y.tenant_id
         WHERE o.key = $1 FOR UPDATE OF o`,
        [input.key],
      );
      const row = rows.rows[0]!;
      const known = [row.recipient, ...row.personal];
      let status = row.status;
      let error = row.error;
      if (status === 'pending') {
        // A dry run's messages are recorded, never delivered: its tenant is fictional.
        const adapter = row.dry_run ? outboxOnly : channels[input.channel];
        const delivery = await adapter.send({ key: input.key, channel: input.channel, recipient: row.recipient!, subject: row.subject ?? undefined, body: row.body }).catch((err: unknown) => {
          throw redactError(err, known);
        });
        status = delivery.ok ? (delivery.queued ?? 'sent') : 'failed';
        error = delivery.ok ? null : redact(delivery.error, known);
        await q.query(`UPDATE outbox SET status = $2, error = $3, provider_id = $4, attempts = attempts + 1, sent_at = CASE WHEN $2 = 'sent' THEN now() END WHERE id = $1`, [
          row.id,
          status,
          error,
          delivery.ok ? delivery.providerId : null,
        ]);
      }
      await appendTimeline(q, {
        key: idempotencyKey(input.key, 'message'),
        caseId: input.caseId,
        at: input.at,
        type: 'message',
        stepId: input.stepId,
        data: { messageId: row.id, channel: input.channel, templateId: input.templateId, purpose: input.purpose, status, error },
      });
      return { status: status === 'failed' ? 'failed' : 'sent', messageId: String(row.id), ...(error ? { reason: error } : {}) };
    });
  };
}
