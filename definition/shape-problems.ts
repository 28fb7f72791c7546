// The schema's complaints about a definition as a policy owner reads them: one per field
// (the first cause; a missing value does not also get a remark about its letters), the field
// by its name in the designer's form, the step by its name, in Dutch and English.
import type { z } from 'zod';
import type { Label } from './catalog.ts';
import { isIsoDuration } from './duration.ts';
import type { Problem } from './problems.ts';

/** The designer's words for the fields a step has, by the field's own name (the last word of its path that is not a number). */
const fieldLabels: Record<string, Label> = {
  id: { nl: 'de code', en: 'the code' },
  name: { nl: 'de naam', en: 'the name' },
  template: { nl: 'het sjabloon', en: 'the template' },
  channel: { nl: 'het kanaal', en: 'the channel' },
  purpose: { nl: 'de soort bericht', en: 'the kind of message' },
  duration: { nl: 'de duur', en: 'the duration' },
  within: { nl: 'de termijn', en: 'the period' },
  role: { nl: 'de rol', en: 'the role' },
  task: { nl: 'de soort taak', en: 'the kind of task' },
  instructions: { nl: 'de instructie', en: 'the instructions' },
  outcomes: { nl: 'de uitkomsten', en: 'the outcomes' },
  outcome: { nl: 'de uitkomst', en: 'the outcome' },
  label: { nl: 'de tekst van de keuze', en: 'the text of the choice' },
  fields: { nl: 'de velden', en: 'the fields' },
  options: { nl: 'de keuzes', en: 'the options' },
  levels: { nl: 'de goedkeuringsniveaus', en: 'the approval levels' },
  branches: { nl: 'de takken', en: 'the branches' },
  when: { nl: 'de voorwaarde', en: 'the condition' },
  cents: { nl: 'het bedrag', en: 'the amount' },
  minInstalmentCents: { nl: 'de kleinste termijn', en: 'the smallest instalment' },
  maxInstalments: { nl: 'het aantal termijnen', en: 'the number of instalments' },
  partner: { nl: 'de partner', en: 'the partner' },
  trigger: { nl: 'het moment van starten', en: 'when it starts' },
  steps: { nl: 'de stappen', en: 'the steps' },
};

const someField: Label = { nl: 'een veld', en: 'a field' };

/** Fields filled in by choosing from a list: "Kies het sjabloon", not "Vul het sjabloon in". */
const chosenFields = new Set(['template', 'channel', 'purpose', 'role', 'task', 'partner', 'outcome', 'trigger']);
const durationFields = new Set(['duration', 'within', 'before']);

/** The field's own name: the last word of its path that is not a list position. */
function fieldKey(path: readonly PropertyKey[]): string {
  for (const key of [...path].reverse()) if (typeof key === 'string') return key;
  return '';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What is wrong, in words: missing, too few, not one of the choices, or not in the right form. */
function sentence(issue: z.core.$ZodIssue, key: string, value: unknown): Label {
  const field = fieldLabels[key] ?? someField;
  const missing = (issue.code === 'invalid_type' && issue.input === undefined) || (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1);
  if (missing && chosenFields.has(key)) return { nl: `Kies ${field.nl}.`, en: `Choose ${field.en}.` };
  if (missing) return { nl: `Vul ${field.nl} in.`, en: `Fill in ${field.en}.` };
  if (issue.code === 'custom' && durationFields.has(key) && typeof value === 'string' && !isIsoDuration(value))
    return { nl: `${capital(field.nl)} ‘${value}’ is niet te lezen; in een bestand staat een duur als P7D (7 dagen) of P2W (2 weken).`, en: `${capital(field.en)} ‘${value}’ cannot be read; in a file a duration is written as P7D (7 days) or P2W (2 weeks).` };
  if (issue.code === 'custom' && durationFields.has(key))
    return { nl: `${capital(field.nl)} moet langer zijn dan nul; schrijf bijvoorbeeld ‘7 dagen’ of ‘5 werkdagen’.`, en: `${capital(field.en)} must be longer than zero; write for example ‘7 days’ or ‘5 working days’.` };
  if (issue.code === 'too_small' && issue.origin === 'array') return { nl: `Voeg minstens ${issue.minimum} toe bij ${field.nl}.`, en: `Add at least ${issue.minimum} to ${field.en}.` };
  if (issue.code === 'too_small') return { nl: `${capital(field.nl)} moet minstens ${issue.minimum} zijn.`, en: `${capital(field.en)} must be at least ${issue.minimum}.` };
  if (issue.code === 'too_big') return { nl: `${capital(field.nl)} is te lang of te groot (hoogstens ${issue.maximum}).`, en: `${capital(field.en)} is too long or too large (at most ${issue.maximum}).` };
  if (issue.code === 'invalid_value') return { nl: `Kies ${field.nl} uit de lijst.`, en: `Choose ${field.en} from the list.` };
  if (issue.code === 'invalid_format') return { nl: `${capital(field.nl)} mag alleen kleine letters, cijfers en streepjes bevatten.`, en: `${capital(field.en)} may only hold lower-case letters, digits and hyphens.` };
  return { nl: `${capital(field.nl)} is niet goed ingevuld.`, en: `${capital(field.en)} is not filled in correctly.` };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) at = isRecord(at) || Array.isArray(at) ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function shapeProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  const steps = isRecord(input) && Array.isArray(input.steps) ? input.steps : [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of issues) {
    const [head, index, ...rest] = issue.path;
    const inStep = head === 'steps' && typeof index === 'number';
    const raw = inStep ? steps[index] : undefined;
    const stepId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const where = inStep ? rest.join('.') : issue.path.join('.');
    const key = `${inStep ? index : '-'}|${where}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const stepName = isRecord(raw) && typeof raw.name === 'string' && raw.name.trim() ? raw.name : inStep ? `${index + 1}` : undefined;
    const text =
      head === 'steps' && !inStep && issue.code === 'too_small'
        ? { nl: 'Het proces heeft nog geen stappen. Sleep een start uit het palet.', en: 'The process has no steps yet. Drag a start from the palette.' }
        : sentence(issue, fieldKey(inStep ? rest : issue.path), valueAt(inStep ? raw : input, inStep ? rest : issue.path));
    const prefix = stepId ? `Step "${stepId}"` : inStep ? `Step ${index + 1}` : 'Definition';
    problems.push({
      severity: 'error',
      rule: 'shape',
      ...(stepId ? { stepId } : {}),
      ...(inStep && where ? { field: where } : {}),
      text: stepName && !stepId ? { nl: `Stap ${stepName}: ${text.nl}`, en: `Step ${stepName}: ${text.en}` } : text,
      message: `${prefix}${where ? `, ${where}` : ''}: ${issue.message}`,
    });
  }
  return problems;
}
