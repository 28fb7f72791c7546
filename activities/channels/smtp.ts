// E-mail through any SMTP server (nodemailer), when SMTP_URL is set.
import nodemailer from 'nodemailer';
import { redact } from '../../server/redact.ts';
import type { ChannelAdapter } from './channel.ts';
import { TransientDeliveryError } from './channel.ts';

export function smtpAdapter(smtpUrl: string, from: string): ChannelAdapter {
  // Timeouts below the activity's own, unless the URL sets them (nodemailer reads query options).
  const url = new URL(smtpUrl);
  for (const [key, value] of [['connectionTimeout', '5000'], ['greetingTimeout', '5000'], ['socketTimeout', '8000']] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    name: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail({
          from,
          to: message.recipient,
          subject: message.subject ?? '',
          text: message.body,
          // A stable Message-ID lets mail servers drop a duplicate of a retried send.
          messageId: `<${message.key.replace(/[^a-zA-Z0-9.-]/g, '.')}@arrears-case-engine>`,
        });
        return { ok: true, providerId: info.messageId };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // A refusal quotes the mailbox ("550 5.1.1 <name@example.nl>: unknown user").
        const reason = redact((err as Error).message, [message.recipient]);
        if (code !== undefined && code >= 500 && code < 600) return { ok: false, error: `mail refused: ${reason}` };
        throw new TransientDeliveryError(`mail server unavailable: ${reason}`);
      }
    },
  };
}
