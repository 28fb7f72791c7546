// Small definitions the scale figures run: cases that wait a long time (for payments and the
// worker cache), and cases whose one wait ends in a timer storm, then send one message.
import type { DefinitionInput } from '../definition/schema.ts';

/** Opens and waits a month: a case that holds still while payments arrive or a worker caches it. */
export const holdingLadder: DefinitionInput = {
  id: 'bench-holding',
  name: 'Benchmark: wachten',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'wait' } },
    { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P30D', next: { elapsed: 'end' } },
    { id: 'end', name: 'Einde', kind: 'end', outcome: 'cancelled' },
  ],
};

/** One day's wait, then an SMS, then a long wait: the storm is the day's end for every case at once. */
export const stormLadder: DefinitionInput = {
  id: 'bench-storm',
  name: 'Benchmark: timerstorm',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'day' } },
    { id: 'day', name: 'Een dag', kind: 'wait', duration: 'P1D', next: { elapsed: 'sms' } },
    { id: 'sms', name: 'SMS', kind: 'communicate', channel: 'sms', template: 'sms-herinnering', purpose: 'reminder', next: { sent: 'after', failed: 'after' } },
    { id: 'after', name: 'Daarna', kind: 'wait', duration: 'P30D', next: { elapsed: 'end' } },
    { id: 'end', name: 'Einde', kind: 'end', outcome: 'cancelled' },
  ],
};
