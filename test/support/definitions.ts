// Small definitions more than one test file runs.
import type { DefinitionInput } from '../../definition/schema.ts';

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
      { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'bailiff', refused: 'bailiff' } },
      { id: 'bailiff', name: 'Deurwaarder', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'end', refused: 'end' } },
      { id: 'end', name: 'Overgedragen', kind: 'end', outcome: 'handed-over' },
    ],
  };
}
