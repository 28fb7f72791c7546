// Small definitions more than one test file runs.
import type { DefinitionInput } from '../../definition/schema.ts';

/** Rule 8's guard for small test processes: only a household known to have no minors goes on to `to`; the rest to `otherwise`. */
export function noMinorsOnly(to: string, otherwise: string): DefinitionInput['steps'][number] {
  return {
    id: 'minors-check',
    name: 'Geen kinderen in huis?',
    kind: 'decision',
    branches: [{ id: 'no-minors', label: 'Geen minderjarigen', when: { on: 'minors', present: false } }],
    next: { 'no-minors': to, otherwise },
  };
}

/** The run-time legal check's own scenario: the call only expires, so the bailiff step lacks a contact attempt. */
export function expiringCallToBailiff(id: string): DefinitionInput {
  return {
    id,
    name: 'Deurwaarder zonder contactpoging',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder' } },
      { id: 'reminder', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', offersMunicipalitySignal: true, next: { sent: 'call', failed: 'end' } },
      {
        id: 'call',
        name: 'Bellen',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        deadline: { within: 'P2D', onExpiry: [{ action: 'outcome', outcome: 'not-reached' }] },
        outcomes: [{ id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', fields: [] }],
        next: { 'not-reached': 'debt-help' },
      },
      { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'minors-check', refused: 'minors-check' } },
      noMinorsOnly('bailiff', 'end'),
      { id: 'bailiff', name: 'Deurwaarder', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'end', refused: 'end' } },
      { id: 'end', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

/**
 * A phone call that agrees a weekly plan, and the arrangement it starts: steps "agree" and
 * "arrangement", ending at "done" (completed) or "stopped" (broken), which the caller adds.
 */
export function agreedArrangement(terms: { maxInstalments: number; gracePeriod: string; allowedMisses: number }): DefinitionInput['steps'] {
  return [
    {
      id: 'agree',
      name: 'Regeling afspreken',
      kind: 'task',
      task: 'phone-call',
      role: 'caseworker',
      outcomes: [{ id: 'arrangement-agreed', label: 'Regeling afgesproken', meaning: 'arrangement-agreed', arrangement: true, fields: [] }],
      next: { 'arrangement-agreed': 'arrangement' },
    },
    {
      id: 'arrangement',
      name: 'Regeling volgen',
      kind: 'arrangement',
      minInstalmentCents: 1_000,
      defaultInterval: 'P1W',
      reminder: { channel: 'whatsapp', template: 'termijn-herinnering', before: 'P2D' },
      missed: { channel: 'whatsapp', template: 'termijn-gemist' },
      broken: { channel: 'whatsapp', template: 'regeling-gestopt' },
      ...terms,
      next: { completed: 'done', broken: 'stopped' },
    },
  ];
}

/** A reminder, a call a person completes, a debt-help referral: every bailiff precondition, met at run time. */
export const preconditionsThen = (next: string): DefinitionInput['steps'] => [
  { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder' } },
  { id: 'reminder', name: 'Herinnering', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', offersMunicipalitySignal: true, next: { sent: 'call', failed: 'stopped' } },
  {
    id: 'call',
    name: 'Bellen',
    kind: 'task',
    task: 'phone-call',
    role: 'caseworker',
    outcomes: [{ id: 'reached', label: 'Bereikt, geen afspraak', meaning: 'contact-made', fields: [] }],
    next: { reached: 'debt-help' },
  },
  { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: next, refused: next } },
  { id: 'stopped', name: 'Gestopt', kind: 'end', outcome: 'cancelled' },
];

/** Every precondition, the municipality signal, then a wait long enough that the case is still there when the municipality answers. */
export function signalThenRoom(id: string): DefinitionInput {
  return {
    id,
    name: 'Melding gemeente en ruimte voor hulp',
    steps: [
      ...preconditionsThen('signal'),
      { id: 'signal', name: 'Vroegsignalering', kind: 'handover', partner: 'municipality-signal', next: { accepted: 'room-for-help', refused: 'room-for-help' } },
      { id: 'room-for-help', name: 'Ruimte voor hulp', kind: 'wait', duration: 'P2Y', endsOn: [], next: { elapsed: 'done' } },
      { id: 'done', name: 'Klaar', kind: 'end', outcome: 'handed-over' },
    ],
  };
}

/** A summons, then a judgment task whose deadline picks "granted" (at run time nobody recorded a judgment), then the case ends as evicted. */
export function unrecordedJudgment(id: string): DefinitionInput {
  return {
    id,
    name: 'Ontruiming zonder vonnis',
    steps: [
      ...preconditionsThen('minors-check'),
      noMinorsOnly('bailiff', 'stopped'),
      { id: 'bailiff', name: 'Dagvaarding', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'judgment', refused: 'stopped' } },
      {
        id: 'judgment',
        name: 'Vonnis vastleggen',
        kind: 'task',
        task: 'court-judgment',
        role: 'team-lead',
        // The deadline picks "granted": at publish time that is a judgment, at run time nobody recorded one.
        deadline: { within: 'P2D', onExpiry: [{ action: 'outcome', outcome: 'granted' }] },
        outcomes: [{ id: 'granted', label: 'Toegewezen', meaning: 'judgment-granted', fields: [] }],
        next: { granted: 'evicted' },
      },
      { id: 'evicted', name: 'Ontruimd', kind: 'end', outcome: 'evicted' },
    ],
  };
}
