// A message from the template library: letter, e-mail, WhatsApp or SMS. A written reminder
// (and the 14-day letter) is what the law counts as "a written reminder".
import { z } from 'zod';
import { channels, messagePurposes, writtenChannels, type Channel } from '../catalog.ts';
import type { Fact } from '../legal.ts';
import { baseStepFields, ChannelSchema, TemplateIdSchema } from './base.ts';
import { never, none, type StepKindDefinition } from './kind.ts';

export const CommunicateStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('communicate'),
  channel: ChannelSchema,
  template: TemplateIdSchema,
  purpose: z.enum(messagePurposes.ids).default('information'),
  /** The reminder offers to pass the tenant's details to the municipality (Bgs art. 2 sub d). */
  offersMunicipalitySignal: z.boolean().default(false),
});
export type CommunicateStep = z.infer<typeof CommunicateStepSchema>;

export const isWritten = (channel: Channel) => (writtenChannels as readonly string[]).includes(channel);

export const communicateKind: StepKindDefinition<CommunicateStep> = {
  label: { nl: 'Bericht', en: 'Message' },
  hint: { nl: 'Brief, e-mail, WhatsApp of sms uit de sjabloonbibliotheek', en: 'Letter, e-mail, WhatsApp or SMS from the template library' },
  outcomes: () => ['sent', 'failed'],
  outcomeLabel: () => undefined,
  summary: (step, lang) => `${channels.labels[step.channel][lang]} · ${messagePurposes.labels[step.purpose][lang]}`,
  blocks: never,
  decidedByPerson: never,
  adverse: never,
  requires: none,
  establishes(step, outcome): Fact[] {
    if (outcome !== 'sent' || !isWritten(step.channel)) return [];
    if (step.purpose === 'reminder') return step.offersMunicipalitySignal ? ['written-reminder', 'municipality-offer'] : ['written-reminder'];
    if (step.purpose === 'fourteen-day-letter') return ['written-reminder', 'fourteen-day-letter'];
    return [];
  },
  templates: (step) => [{ channel: step.channel, template: step.template }],
  check(step) {
    if (step.offersMunicipalitySignal && !(step.purpose === 'reminder' && isWritten(step.channel)))
      return [{ nl: 'Alleen een schriftelijke betalingsherinnering (brief of e-mail) kan het aanbod om gegevens aan de gemeente door te geven bevatten.', en: 'Only a written reminder (letter or e-mail) can carry the offer to pass details to the municipality.' }];
    return [];
  },
  remedy(step, fact) {
    if (fact !== 'municipality-offer' || step.purpose !== 'reminder' || !isWritten(step.channel) || step.offersMunicipalitySignal) return undefined;
    return {
      field: 'offersMunicipalitySignal',
      text: {
        nl: 'Zet in deze herinnering het aanbod aan om de gegevens van de huurder aan de gemeente door te geven.',
        en: "Turn on this reminder's offer to pass the tenant's details to the municipality.",
      },
    };
  },
};
