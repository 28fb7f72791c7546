// The tenant behaviours a dry run plays against a draft, and what a simulated person answers
// at each human step. Pure, so the choices can be tested without an engine; the server's
// simulator only reads the case state and sends these answers to the real workflow.
import { z } from 'zod';
import { defaultPlan, type Plan } from './arrangement.ts';
import type { Label } from './catalog.ts';
import { StepIdSchema, type Field, type Step, type StepOf } from './schema.ts';

export const DryRunBehaviourSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('never-responds') }),
    z.object({ kind: z.literal('pays-at-step'), stepId: StepIdSchema }),
    z.object({ kind: z.literal('arrangement-kept') }),
    z.object({ kind: z.literal('arrangement-broken') }),
  ],
  { error: 'behaviour.kind must be never-responds, pays-at-step, arrangement-kept or arrangement-broken' },
);
export type DryRunBehaviour = z.infer<typeof DryRunBehaviourSchema>;
export type DryRunBehaviourKind = DryRunBehaviour['kind'];

export const dryRunBehaviourLabels: Record<DryRunBehaviourKind, Label> = {
  'never-responds': { nl: 'Reageert nooit', en: 'Never responds' },
  'pays-at-step': { nl: 'Betaalt bij stap…', en: 'Pays at step…' },
  'arrangement-kept': { nl: 'Sluit een regeling en houdt zich eraan', en: 'Agrees an arrangement and keeps it' },
  'arrangement-broken': { nl: 'Sluit een regeling en breekt die', en: 'Agrees an arrangement and breaks it' },
};

/** The simulated tenant's name and data: fictional, recognisable as a dry run everywhere. */
export const dryRunTenant = {
  name: 'Proefhuurder (fictief)',
  email: 'proefrun@voorbeeld.invalid',
  phone: '+31600000000',
  street: 'Proefstraat 1',
  postalCode: '1234 AB',
  city: 'Voorbeeldstad',
  arrearsCents: 81_250,
} as const;

/** What the simulator remembers between answers in one run. */
export type DryRunMemory = { arrangementAgreed: boolean; paid: boolean; legalReviews: number };

export type OpenTaskLike = {
  kind: string;
  outcomes: Array<{ id: string; arrangement?: boolean; fields: Field[] }>;
  approval?: { stepId: string; level: number };
};

export type TaskChoice = { outcome: string; fields: Record<string, unknown> };

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The plan the simulated tenant proposes: paid off in three instalments where the step's
 * limits allow (the caring mother of the sources, who pays what she can), so a dry run
 * shows a whole arrangement in seconds. It passes the same realism check as a real plan.
 */
export function dryRunPlan(step: StepOf<'arrangement'>, balanceCents: number, todayMs: number): Plan {
  const base = defaultPlan(step, balanceCents, todayMs);
  const instalments = Math.min(3, step.maxInstalments, base.instalments);
  const instalmentCents = Math.max(step.minInstalmentCents, Math.ceil(balanceCents / instalments));
  return { ...base, instalments: Math.max(1, Math.ceil(balanceCents / instalmentCents)), instalmentCents };
}

/** Values for the required fields of a form: enough for the engine to accept it, clearly synthetic. */
export function syntheticFields(fields: Field[], todayMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required) continue;
    switch (f.type) {
      case 'text':
      case 'longtext':
        out[f.id] = 'Proefrun: gesimuleerd antwoord';
        break;
      case 'number':
        out[f.id] = 1;
        break;
      case 'money':
        out[f.id] = 0;
        break;
      case 'date':
        out[f.id] = isoDate(todayMs);
        break;
      case 'yes-no':
        out[f.id] = false;
        break;
      case 'choice':
        out[f.id] = f.options?.[0] ?? '';
        break;
    }
  }
  return out;
}

/**
 * The answer a simulated person gives to an open task. Judgments are granted and approvals
 * approved so the run shows the whole path; the tenant's behaviour decides contact outcomes
 * and whether an arrangement is agreed.
 */
export function chooseTaskOutcome(input: {
  task: OpenTaskLike;
  /** The definition's step the task belongs to (absent for the engine's own legal-review tasks). */
  step: Step | undefined;
  steps: ReadonlyMap<string, Step>;
  behaviour: DryRunBehaviour;
  memory: DryRunMemory;
  balanceCents: number;
  todayMs: number;
}): TaskChoice {
  const { task, step, behaviour, memory, todayMs } = input;
  const has = (id: string) => task.outcomes.find((o) => o.id === id);
  const withFields = (id: string, extra: Record<string, unknown> = {}): TaskChoice => ({
    outcome: id,
    fields: { ...syntheticFields(has(id)?.fields ?? [], todayMs), ...extra },
  });

  if (task.approval) {
    if (has('propose')) {
      const amount = Math.max(1, Math.round(input.balanceCents / 2));
      const wantsAmount = has('propose')!.fields.some((f) => f.id === 'amountCents');
      return withFields('propose', wantsAmount ? { amountCents: amount } : {});
    }
    if (has('approve')) return withFields('approve');
  }
  if (task.kind === 'legal-review') {
    // Look again once (time may have passed); a second block means the draft cannot go on.
    if (memory.legalReviews === 0 && has('recheck')) return withFields('recheck');
    if (has('stop')) return withFields('stop', { reason: 'Proefrun: juridische controle blokkeert deze stap' });
  }

  const meaningOf = (id: string) => (step?.kind === 'task' ? step.outcomes.find((o) => o.id === id)?.meaning : undefined);
  const byMeaning = (meaning: string) => task.outcomes.find((o) => !o.arrangement && meaningOf(o.id) === meaning);
  const plain = task.outcomes.filter((o) => !o.arrangement);

  if (step?.kind === 'task' && step.task === 'court-judgment') {
    const granted = byMeaning('judgment-granted');
    if (granted) return withFields(granted.id);
  }

  const wantsArrangement = (behaviour.kind === 'arrangement-kept' || behaviour.kind === 'arrangement-broken') && !memory.arrangementAgreed;
  const agreeing = wantsArrangement ? task.outcomes.find((o) => o.arrangement) : undefined;
  if (agreeing && step?.kind === 'task') {
    const target = input.steps.get(step.next[agreeing.id] ?? '');
    if (target?.kind === 'arrangement') {
      const plan = dryRunPlan(target, input.balanceCents, todayMs);
      const own = syntheticFields(agreeing.fields.filter((f) => !['instalmentCents', 'instalments', 'interval', 'firstDueDate'].includes(f.id)), todayMs);
      return { outcome: agreeing.id, fields: { ...own, ...plan } };
    }
  }

  // A tenant who will agree, or who has paid, picks up the phone; the others do not.
  const reachable = wantsArrangement || memory.paid || (behaviour.kind === 'arrangement-kept' && memory.arrangementAgreed);
  const preferred = reachable ? byMeaning('contact-made') : byMeaning('no-contact');
  const chosen = preferred ?? plain[0] ?? task.outcomes[0];
  if (!chosen) throw new Error('the task has no outcomes to choose from');
  return withFields(chosen.id);
}

/**
 * How a partner answers a handover in a dry run. Help that needs the tenant (debt help, the
 * neighbourhood team, a budget coach) cannot start for one who never responds; the bailiff
 * and the municipality take a handover whatever the tenant does.
 */
export function dryRunHandoverResponse(partner: string, behaviour: DryRunBehaviour): 'accepted' | 'refused' {
  const needsTheTenant = partner === 'debt-help' || partner === 'neighbourhood-team' || partner === 'budget-coach';
  return needsTheTenant && behaviour.kind === 'never-responds' ? 'refused' : 'accepted';
}
