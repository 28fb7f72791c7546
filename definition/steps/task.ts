// A task for a person: a call, a home visit, recording a judgment, an assessment. The
// outcomes are the policy owner's; a few carry a meaning the engine and the law rely on.
import { z } from 'zod';
import { outcomeMeanings, personalContactTasks, roles, taskKinds, type Label } from '../catalog.ts';
import { formatDuration } from '../duration.ts';
import type { Fact } from '../legal.ts';
import { baseStepFields, DeadlineSchema, FieldSchema, OutcomeIdSchema, RoleSchema } from './base.ts';
import { firstDuplicate, never, noTemplates, none, type Lang, noRemedy, type StepKindDefinition } from './kind.ts';

export const TaskOutcomeSchema = z.object({
  id: OutcomeIdSchema,
  label: z.string().min(1, 'every outcome needs a label'),
  meaning: z.enum(outcomeMeanings.ids).optional(),
  /** The worker records an instalment plan with this outcome; it must lead to a payment-arrangement step. */
  arrangement: z.boolean().default(false),
  fields: z.array(FieldSchema).default([]),
});
export type TaskOutcome = z.infer<typeof TaskOutcomeSchema>;

export const TaskStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('task'),
  task: z.enum(taskKinds.ids),
  role: RoleSchema,
  instructions: z.string().max(4000).optional(),
  deadline: DeadlineSchema.optional(),
  outcomes: z.array(TaskOutcomeSchema).min(1, 'a task needs at least one outcome'),
});
export type TaskStep = z.infer<typeof TaskStepSchema>;

/**
 * The outcomes a task of each kind usually has, with the meanings the legal rules read: a
 * call or visit that reached the tenant counts as the contact attempt (and as contact), a
 * recorded judgment as granted or denied. The designer fills them in when the kind is
 * chosen; the policy owner can change them. Labels in Dutch, as the corporation's own words.
 */
export const usualTaskOutcomes: Record<TaskStep['task'], TaskOutcome[]> = {
  'phone-call': [
    { id: 'reached', label: 'Bereikt', meaning: 'contact-made', arrangement: false, fields: [] },
    { id: 'not-reached', label: 'Niet bereikt', meaning: 'no-contact', arrangement: false, fields: [] },
  ],
  'home-visit': [
    { id: 'at-home', label: 'Thuis getroffen', meaning: 'contact-made', arrangement: false, fields: [] },
    { id: 'not-home', label: 'Niet thuis', meaning: 'no-contact', arrangement: false, fields: [] },
  ],
  'office-visit': [
    { id: 'came', label: 'Gekomen', meaning: 'contact-made', arrangement: false, fields: [] },
    { id: 'did-not-come', label: 'Niet gekomen', meaning: 'no-contact', arrangement: false, fields: [] },
  ],
  intake: [
    { id: 'held', label: 'Gesprek gevoerd', meaning: 'contact-made', arrangement: false, fields: [] },
    { id: 'did-not-come', label: 'Niet gekomen', meaning: 'no-contact', arrangement: false, fields: [] },
  ],
  'court-judgment': [
    { id: 'granted', label: 'Vonnis toegewezen', meaning: 'judgment-granted', arrangement: false, fields: [] },
    { id: 'denied', label: 'Vonnis afgewezen', meaning: 'judgment-denied', arrangement: false, fields: [] },
  ],
  assessment: [{ id: 'assessed', label: 'Gezinssituatie beoordeeld', meaning: 'household-assessed', arrangement: false, fields: [] }],
  custom: [{ id: 'afgerond', label: 'Afgerond', arrangement: false, fields: [] }],
};

export const within = (iso: string, lang: Lang) => (lang === 'nl' ? `binnen ${formatDuration(iso, false, lang)}` : `within ${formatDuration(iso, false, lang)}`);

const isContactTask = (step: TaskStep) => (personalContactTasks as readonly string[]).includes(step.task);

export const taskKind: StepKindDefinition<TaskStep> = {
  label: { nl: 'Taak', en: 'Task' },
  hint: { nl: 'Bellen, huisbezoek of andere taak voor een medewerker', en: 'A call, home visit or other task for a caseworker' },
  outcomes: (step) => step.outcomes.map((o) => o.id),
  outcomeLabel: (step, outcome) => step.outcomes.find((o) => o.id === outcome)?.label,
  summary: (step, lang) =>
    [taskKinds.labels[step.task][lang], roles.labels[step.role][lang], step.deadline ? within(step.deadline.within, lang) : null].filter(Boolean).join(' · '),
  blocks: () => true,
  decidedByPerson: () => true,
  adverse: never,
  requires: none,
  establishes(step, outcome, before) {
    const out: Fact[] = [];
    const meaning = step.outcomes.find((o) => o.id === outcome)?.meaning;
    if (isContactTask(step) || meaning === 'contact-made') out.push('contact-attempt');
    if (step.task === 'court-judgment' && meaning === 'judgment-granted' && before.has('court-claim')) out.push('court-judgment');
    if (meaning === 'household-assessed') out.push('household-assessed');
    return out;
  },
  templates: noTemplates,
  remedy: noRemedy,
  check(step, graph) {
    const problems: Label[] = [];
    const ids = step.outcomes.map((o) => o.id);
    const dup = firstDuplicate(ids);
    if (dup) problems.push({ nl: `De uitkomst ‘${dup}’ staat er twee keer in.`, en: `The outcome ‘${dup}’ is listed twice.` });
    for (const outcome of step.outcomes) {
      const dupField = firstDuplicate(outcome.fields.map((f) => f.id));
      if (dupField) problems.push({ nl: `De uitkomst ‘${outcome.label}’ heeft het veld ‘${dupField}’ twee keer.`, en: `The outcome ‘${outcome.label}’ has the field ‘${dupField}’ twice.` });
      for (const field of outcome.fields) {
        if (field.type === 'choice' && !field.options?.length) problems.push({ nl: `Het keuzeveld ‘${field.label}’ heeft nog geen keuzes.`, en: `The choice field ‘${field.label}’ has no options yet.` });
      }
      if ((outcome.meaning === 'judgment-granted' || outcome.meaning === 'judgment-denied') && step.task !== 'court-judgment')
        problems.push({ nl: `De uitkomst ‘${outcome.label}’ legt een vonnis vast; dat kan alleen een taak van de soort vonnis.`, en: `The outcome ‘${outcome.label}’ records a judgment, which only a court-judgment task can do.` });
      if (outcome.arrangement) {
        const to = graph.step(step.next[outcome.id] ?? '');
        if (to && to.kind !== 'arrangement') problems.push({ nl: `De uitkomst ‘${outcome.label}’ legt een betalingsregeling vast en moet dus naar een betalingsregeling leiden.`, en: `The outcome ‘${outcome.label}’ records an instalment plan, so it must lead to a payment-arrangement step.` });
      }
    }
    for (const action of step.deadline?.onExpiry ?? []) {
      if (action.action === 'outcome' && !ids.includes(action.outcome)) problems.push({ nl: `Na de deadline wordt een uitkomst gekozen die deze taak niet (meer) heeft.`, en: `After the deadline an outcome is chosen that this task does not have (any more).` });
    }
    return problems;
  },
};
