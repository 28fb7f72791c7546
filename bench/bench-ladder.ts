// The bench ladder as a definition: the same steps the hand-written baseline takes.
import type { DefinitionInput } from '../definition/schema.ts';

const message = (id: string, name: string, channel: 'letter' | 'whatsapp' | 'sms' | 'email', template: string, next: string) =>
  ({ id, name, kind: 'communicate', channel, template, purpose: 'reminder', next: { sent: next, failed: next } }) as const;
/** Two business hours a wait: at the bench's time scale (run.ts) 0.1 s, and the whole ladder stays within one working week. */
export const BENCH_WAIT = 'PT2H';
const wait = (id: string, name: string, next: string) => ({ id, name, kind: 'wait', duration: BENCH_WAIT, next: { elapsed: next } }) as const;

export const benchLadder: DefinitionInput = {
  id: 'bench-ladder',
  name: 'Benchmarkladder',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'letter' } },
    message('letter', 'Herinnering', 'letter', 'betalingsherinnering', 'wait-1'),
    wait('wait-1', 'Wacht 1', 'whatsapp'),
    message('whatsapp', 'WhatsApp', 'whatsapp', 'whatsapp-betaallink', 'wait-2'),
    wait('wait-2', 'Wacht 2', 'sms'),
    message('sms', 'SMS', 'sms', 'sms-herinnering', 'wait-3'),
    wait('wait-3', 'Wacht 3', 'email'),
    message('email', 'E-mail', 'email', 'herinnering-email', 'wait-4'),
    wait('wait-4', 'Wacht 4', 'debt-help'),
    { id: 'debt-help', name: 'Schuldhulp', kind: 'handover', partner: 'debt-help', next: { accepted: 'wait-5', refused: 'wait-5' } },
    wait('wait-5', 'Wacht 5', 'final-letter'),
    message('final-letter', 'Laatste brief', 'letter', 'veertiendagenbrief', 'end'),
    { id: 'end', name: 'Einde', kind: 'end', outcome: 'handed-over' },
  ],
};
