// A large, valid definition for the designer benchmark: blocks of a message, a wait, a call
// and a decision, chained until the wanted number of steps, with an end. No positions, so
// opening it includes the automatic layout.
import type { DefinitionInput } from '../definition/schema.ts';

type StepInput = DefinitionInput['steps'][number];

export function generatedDefinition(size: number): DefinitionInput {
  const steps: StepInput[] = [];
  const id = (i: number) => `stap-${i}`;
  const count = Math.max(3, size);
  steps.push({ id: id(0), name: 'Achterstand geconstateerd', kind: 'start', trigger: 'case-opened', next: { next: id(1) } });
  for (let i = 1; i < count - 1; i++) {
    const next = id(i + 1);
    switch (i % 4) {
      case 1:
        steps.push({ id: id(i), name: `Herinnering ${i}`, kind: 'communicate', channel: i % 8 === 1 ? 'letter' : 'whatsapp', template: i % 8 === 1 ? 'betalingsherinnering' : 'whatsapp-betaallink', purpose: 'reminder', offersMunicipalitySignal: i % 8 === 1, next: { sent: next, failed: next } });
        break;
      case 2:
        steps.push({ id: id(i), name: `Wachten ${i}`, kind: 'wait', duration: 'P7D', endsOn: ['contact'], next: { elapsed: next, contact: next } });
        break;
      case 3:
        steps.push({
          id: id(i),
          name: `Huurder bellen ${i}`,
          kind: 'task',
          task: 'phone-call',
          role: 'caseworker',
          outcomes: [
            { id: 'reached', label: 'Bereikt', meaning: 'contact-made', fields: [] },
            { id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', fields: [] },
          ],
          next: { reached: next, 'not-reached': next },
        });
        break;
      default:
        steps.push({ id: id(i), name: `Keuze ${i}`, kind: 'decision', branches: [{ id: 'hoog', label: 'Hoog bedrag', when: { on: 'balance', op: 'gte', cents: 100_000 } }], next: { hoog: next, otherwise: next } });
    }
  }
  steps.push({ id: id(count - 1), name: 'Afgesloten', kind: 'end', outcome: 'cancelled' });
  return { id: `generated-${count}`, name: `Gegenereerd proces met ${count} stappen`, steps };
}
