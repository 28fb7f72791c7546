// Picks the adapter per channel from the configuration: letters wait for the daily print
// batch; the outbox by default for the rest, SMTP for e-mail when SMTP_URL is set, the HTTP
// providers for WhatsApp and SMS when configured.
import type { Channel } from '../../definition/catalog.ts';
import type { PartnerConfig } from '../partners/index.ts';
import type { ChannelAdapter } from './channel.ts';
import { outboxOnly, printBatch } from './channel.ts';
import { httpProviderAdapter } from './http-provider.ts';
import { smtpAdapter } from './smtp.ts';

/** How the outside world is reached: message channels, and partners' intakes (activities/partners/). */
export type ChannelConfig = PartnerConfig & {
  SMTP_URL?: string;
  MAIL_FROM: string;
  WHATSAPP_API_URL?: string;
  WHATSAPP_API_TOKEN?: string;
  SMS_API_URL?: string;
  SMS_API_TOKEN?: string;
};

export type ChannelAdapters = Record<Channel, ChannelAdapter>;

export function channelAdapters(config: ChannelConfig): ChannelAdapters {
  return {
    letter: printBatch,
    email: config.SMTP_URL ? smtpAdapter(config.SMTP_URL, config.MAIL_FROM) : outboxOnly,
    whatsapp: config.WHATSAPP_API_URL ? httpProviderAdapter('whatsapp', config.WHATSAPP_API_URL, config.WHATSAPP_API_TOKEN) : outboxOnly,
    sms: config.SMS_API_URL ? httpProviderAdapter('sms', config.SMS_API_URL, config.SMS_API_TOKEN) : outboxOnly,
  };
}
