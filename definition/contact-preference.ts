// How a tenant prefers to be reached, and which channel a message then takes. The tenant
// chooses on their own page (or tells a caseworker); later messages follow the choice, except
// that a message the law wants in writing (a reminder, the 14-day letter) stays written: it
// moves between letter and e-mail only. "Phone" changes no message: it tells staff to call.
import { z } from 'zod';
import { channels, writtenChannels, type Channel } from './catalog.ts';

export const contactPreferences = ['letter', 'email', 'whatsapp', 'sms', 'phone'] as const;
export const ContactPreferenceSchema = z.enum(contactPreferences, { error: `preferredChannel must be one of ${contactPreferences.join(', ')}` });
export type ContactPreference = z.infer<typeof ContactPreferenceSchema>;

export const contactPreferenceLabels: Record<ContactPreference, { nl: string; en: string }> = { ...channels.labels, phone: { nl: 'Telefoon', en: 'Phone' } };

/** When in the day the tenant prefers to be called (a caseworker's call back follows it). */
export const contactTimes = ['morning', 'afternoon', 'evening'] as const;
export const ContactTimeSchema = z.enum(contactTimes, { error: `preferredTime must be one of ${contactTimes.join(', ')}` });

const writtenPurposes: readonly string[] = ['reminder', 'fourteen-day-letter'];
const isWritten = (c: string): c is Channel => (writtenChannels as readonly string[]).includes(c);

/** The channel a message goes out on: the step's, or the tenant's preference where it may. */
export function deliveryChannel(stepChannel: Channel, purpose: string, preferred: ContactPreference | null | undefined): Channel {
  if (!preferred || preferred === 'phone' || preferred === stepChannel) return stepChannel;
  if (writtenPurposes.includes(purpose) && !isWritten(preferred)) return stepChannel;
  return preferred;
}

/** The days a tenant may have the rent collected on (the sources name these, to follow the income). */
export const debitDays = [1, 5, 10, 15, 20, 25] as const;
