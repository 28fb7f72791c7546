// The four-step kwijtschelding (forgiveness of arrears) from the Aedes toolbox: the
// caseworker proposes, the team lead reviews and may adjust, a controller checks, the
// collection manager decides. Each level by a different person (checked by the engine).
import type { DefinitionInput } from '../schema.ts';

type StepInput = DefinitionInput['steps'][number];

export function forgivenessApproval(next: { approved: string; rejected: string }): StepInput {
  return {
    id: 'forgiveness-approval',
    name: 'Kwijtschelding (vier ogen)',
    kind: 'approval',
    subject: 'forgiveness',
    levels: [
      { id: 'proposal', label: 'Incassomedewerker stelt voor', role: 'caseworker', proposes: true, mayAdjust: false, deadline: { within: 'P5D', onExpiry: [{ action: 'remind' }, { action: 'escalate', role: 'team-lead' }] } },
      { id: 'team-lead', label: 'Teamleider beoordeelt', role: 'team-lead', proposes: false, mayAdjust: true, deadline: { within: 'P3D', onExpiry: [{ action: 'remind' }, { action: 'escalate', role: 'collection-manager' }] } },
      { id: 'controller', label: 'Controller toetst', role: 'controller', proposes: false, mayAdjust: false, deadline: { within: 'P3D', onExpiry: [{ action: 'remind' }, { action: 'escalate', role: 'collection-manager' }] } },
      { id: 'manager', label: 'Manager incasso beslist', role: 'collection-manager', proposes: false, mayAdjust: false, deadline: { within: 'P3D', onExpiry: [{ action: 'remind' }] } },
    ],
    next,
  };
}

/** After a partial forgiveness: nothing left closes the case, a rest gets a call for an arrangement. */
export function afterForgiveness(next: { noArrangement: string }): StepInput[] {
  return [
    {
      id: 'after-forgiveness',
      name: 'Restschuld?',
      kind: 'decision',
      branches: [{ id: 'settled', label: 'Niets meer open', when: { on: 'balance', op: 'lte', cents: 0 } }],
      next: { settled: 'end-forgiven', otherwise: 'rest-call' },
    },
    {
      id: 'rest-call',
      name: 'Regeling voor restschuld bespreken',
      kind: 'task',
      task: 'phone-call',
      role: 'caseworker',
      deadline: { within: 'P5D', onExpiry: [{ action: 'remind' }, { action: 'escalate', role: 'team-lead' }] },
      outcomes: [
        { id: 'arrangement-agreed', label: 'Regeling afgesproken', meaning: 'arrangement-agreed', arrangement: true, fields: [] },
        { id: 'no-arrangement', label: 'Geen regeling', meaning: 'contact-made', fields: [] },
      ],
      next: { 'arrangement-agreed': 'arrangement', 'no-arrangement': next.noArrangement },
    },
  ];
}

export const kwijtschelding: DefinitionInput = {
  id: 'kwijtschelding',
  name: 'Kwijtschelding in vier stappen',
  description: 'Voorstel, beoordeling door de teamleider, toets door de controller en besluit van de manager incasso, elk door een ander persoon.',
  steps: [
    { id: 'start', name: 'Verzoek tot kwijtschelding', kind: 'start', trigger: 'case-opened', next: { next: 'forgiveness-approval' } },
    forgivenessApproval({ approved: 'after-forgiveness', rejected: 'end-rejected' }),
    ...afterForgiveness({ noArrangement: 'end-handed-back' }),
    {
      id: 'arrangement',
      name: 'Betalingsregeling restschuld',
      kind: 'arrangement',
      maxInstalments: 12,
      minInstalmentCents: 2500,
      defaultInterval: 'P1M',
      reminder: { channel: 'whatsapp', template: 'termijn-herinnering', before: 'P3D' },
      missed: { channel: 'whatsapp', template: 'termijn-gemist' },
      broken: { channel: 'whatsapp', template: 'regeling-gestopt' },
      gracePeriod: 'P5D',
      allowedMisses: 1,
      next: { completed: 'end-arrangement-completed', broken: 'end-handed-back' },
    },
    { id: 'paid', name: 'Restschuld betaald', kind: 'start', trigger: 'balance-cleared', next: { next: 'end-paid' } },
    { id: 'end-forgiven', name: 'Afgesloten: kwijtgescholden', kind: 'end', outcome: 'forgiven' },
    { id: 'end-paid', name: 'Afgesloten: betaald', kind: 'end', outcome: 'paid' },
    { id: 'end-arrangement-completed', name: 'Afgesloten: regeling voldaan', kind: 'end', outcome: 'arrangement-completed' },
    { id: 'end-rejected', name: 'Afgesloten: kwijtschelding afgewezen', kind: 'end', outcome: 'cancelled' },
    { id: 'end-handed-back', name: 'Terug naar de incassoladder', kind: 'end', outcome: 'handed-over' },
  ],
};
