// Prevention before arrears (the sources' first chapter), shipped and seeded on first start: a
// friendly word as soon as the ledger shows a risk, a reminder before the next debit, and a call
// that offers another debit day, a benefits check and the municipality's free help. It never
// escalates (definition/prevention.ts); an arrears case, if one comes, takes over from it.
import type { DefinitionInput } from '../schema.ts';

export const preventionProcess: DefinitionInput = {
  id: 'preventie',
  name: 'Preventie: achterstand voorkomen',
  description:
    'Start op een risicosignaal uit de huuradministratie (gestorneerde incasso, twee keer later betaald, huurtoeslag gestopt) of een aanmelding van de huurder, en op de seizoensactie. Een vriendelijk bericht, een herinnering vóór de incasso en een gesprek. Escaleert nooit.',
  steps: [
    { id: 'start', name: 'Risicosignaal', kind: 'start', trigger: 'risk-signal', next: { next: 'friendly-message' } },
    {
      id: 'friendly-message',
      name: 'Vriendelijk bericht',
      kind: 'communicate',
      channel: 'email',
      template: 'preventie-vriendelijk',
      purpose: 'information',
      next: { sent: 'wait-before-debit', failed: 'call' },
    },
    { id: 'wait-before-debit', name: 'Tot een paar dagen vóór de incasso', kind: 'wait', duration: 'P3W', endsOn: ['contact'], next: { elapsed: 'debit-reminder', contact: 'call' } },
    {
      id: 'debit-reminder',
      name: 'Herinnering vóór de incasso',
      kind: 'communicate',
      channel: 'sms',
      template: 'preventie-incasso',
      purpose: 'information',
      next: { sent: 'wait-after-debit', failed: 'call' },
    },
    { id: 'wait-after-debit', name: 'Na de incasso', kind: 'wait', duration: 'P1W', endsOn: ['contact'], next: { elapsed: 'call', contact: 'call' } },
    {
      id: 'call',
      name: 'Huurder bellen',
      kind: 'task',
      task: 'phone-call',
      role: 'caseworker',
      instructions:
        'Bel de huurder, zonder iets te eisen: er is (nog) geen achterstand. Vraag hoe het gaat. Bied aan de incassodatum te verplaatsen naar een dag die past bij het inkomen, wijs op de proefberekening huurtoeslag en op de gratis hulp bij geldzaken van de gemeente.',
      deadline: { within: 'P5D', onExpiry: [{ action: 'remind' }, { action: 'outcome', outcome: 'not-reached' }] },
      outcomes: [
        { id: 'talked', label: 'Gesproken', meaning: 'contact-made', fields: [{ id: 'note', label: 'Wat is afgesproken?', type: 'longtext', required: false }] },
        { id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', fields: [] },
      ],
      next: { talked: 'end', 'not-reached': 'end' },
    },
    { id: 'end', name: 'Afgerond', kind: 'end', outcome: 'completed' },
  ],
};
