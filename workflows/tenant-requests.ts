// What the tenant asks for on their own page, inside the case: a call back, "I am getting help",
// a payment arrangement of their own, how to be reached. A plan within the limits of the
// process's arrangement step is accepted at once: the case leaves its step and follows it
// (the loop's 'arrangement-agreed' interrupt). Everything else reaches a person as a task beside
// the steps, so the tenant's step is always answered by someone, never silently dropped.
import { condition } from '@temporalio/workflow';
import type { CaseActivities, CaseEventType } from '../activities/contracts.ts';
import { hasAnyRole, caseHandlers, TENANT_ACTOR } from '../definition/access.ts';
import { tenantPlan, tenantPlanProblems, type Plan } from '../definition/arrangement.ts';
import { planFields } from '../definition/forms.ts';
import { formatDateNl, formatEuro } from '../definition/templates.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { StepOf } from '../definition/schema.ts';
import type { OpenTask } from './case-data.ts';
import { recordCaseEvent } from './case-events.ts';
import type { CaseState } from './case-state.ts';
import { ProposeArrangementSchema, type ArrangementProposed } from './messages.ts';
import { parseOrRefuse, refusal, whileOpen } from './refusal.ts';
import { upsertStatus } from './status.ts';

export type TenantTaskKind = 'call-back' | 'getting-help' | 'arrangement-proposal' | 'ledger-check';

/** A call back is due within a working day or two: the tenant was told "we call you soon". */
const CALL_BACK_WITHIN_MS = 2 * 86_400_000;

const note = (label: string, required: boolean) => ({ id: 'note', label, type: 'longtext' as const, required });

const tasks: Record<TenantTaskKind, { title: string; instructions: string; dueMs: number | null; outcomes: OpenTask['outcomes'] }> = {
  'call-back': {
    title: 'Huurder wil teruggebeld worden',
    instructions: 'De huurder vroeg op de eigen pagina om teruggebeld te worden. Bel op het moment dat de huurder koos (zie contactgegevens) en leg vast wat u besprak.',
    dueMs: CALL_BACK_WITHIN_MS,
    outcomes: [
      { id: 'called', label: 'Gebeld', arrangement: false, fields: [note('Wat is er besproken of afgesproken?', true)] },
      { id: 'not-reached', label: 'Niet bereikt', arrangement: false, fields: [note('Toelichting (bijvoorbeeld: voicemail ingesproken)', false)] },
    ],
  },
  'getting-help': {
    title: 'Huurder krijgt hulp bij geldzaken',
    instructions:
      'De huurder meldde op de eigen pagina hulp te krijgen (schuldhulp, budgetcoach of wijkteam). Neem contact op met de huurder of de hulpverlener. Loopt de hulp echt, pauzeer dan de zaak tot een herzieningsdatum.',
    dueMs: CALL_BACK_WITHIN_MS,
    outcomes: [
      {
        id: 'pause',
        label: 'Zaak pauzeren',
        arrangement: false,
        fields: [
          { id: 'reviewDate', label: 'Herzieningsdatum', type: 'date', required: true },
          note('Welke hulp, en wat is afgesproken?', true),
        ],
      },
      { id: 'no-pause', label: 'Niet pauzeren', arrangement: false, fields: [note('Waarom niet? (de huurder hoort dit van u)', true)] },
    ],
  },
  // Not the tenant's request but the rent ledger's signal (ledger.ts); a task beside the steps all the same.
  'ledger-check': {
    title: 'Grootboek op nul: achterstand controleren',
    instructions:
      'Volgens de huuradministratie is er geen achterstand meer, maar deze zaak toont die nog wel. Zoek uit waarom: een betaling die hier nog niet binnen is (boek die dan op de zaak), of een fout in het grootboek.',
    dueMs: CALL_BACK_WITHIN_MS,
    outcomes: [{ id: 'checked', label: 'Gecontroleerd', arrangement: false, fields: [note('Wat bleek er aan de hand, en wat heeft u gedaan?', true)] }],
  },
  'arrangement-proposal': {
    title: 'Huurder stelt een betalingsregeling voor',
    instructions:
      'Het past niet vanzelf binnen de grenzen van de regeling, of de zaak kan nu geen regeling volgen (zie de tijdlijn). Bel de huurder en spreek samen een haalbare regeling af.',
    dueMs: CALL_BACK_WITHIN_MS,
    outcomes: [
      { id: 'agreed', label: 'Regeling afgesproken', arrangement: true, fields: [note('Toelichting', false), ...planFields] },
      { id: 'not-agreed', label: 'Geen regeling', arrangement: false, fields: [note('Wat is er besproken?', true)] },
    ],
  },
};

/** The event on the timeline when the tenant asks for something (the task's own trace). */
const requestEvent: Record<Exclude<TenantTaskKind, 'ledger-check'>, CaseEventType> = {
  'call-back': 'call-back-requested',
  'getting-help': 'help-reported',
  'arrangement-proposal': 'arrangement-proposed',
};

/** The process's arrangement step a tenant's plan runs in: its first. */
export function tenantArrangementStep(s: CaseState): StepOf<'arrangement'> | undefined {
  return s.definition.steps.find((x): x is StepOf<'arrangement'> => x.kind === 'arrangement');
}

/** Opens a task beside the steps for the tenant's request; `detail` (amounts and dates, no personal data) goes with its instructions. */
export async function openTenantTask(s: CaseState, acts: CaseActivities, kind: TenantTaskKind, eventSeq: number, detail?: string): Promise<string> {
  const d = s.data;
  const spec = tasks[kind];
  const stepId = d.current?.stepId ?? 'start';
  const taskId = idempotencyKey(d.caseId, kind, eventSeq);
  const now = s.businessNow();
  const dueAt = spec.dueMs === null ? null : now + spec.dueMs;
  d.openTasks.push({ taskId, stepId, title: spec.title, kind, role: 'caseworker', alsoRoles: [], outcomes: spec.outcomes, openedAt: now, dueAt, side: kind });
  await acts.openTask({
    taskId,
    caseId: d.caseId,
    stepId,
    kind,
    title: spec.title,
    role: 'caseworker',
    instructions: detail ? `${detail} ${spec.instructions}` : spec.instructions,
    outcomes: spec.outcomes.map((o) => ({ id: o.id, label: o.label, fields: o.fields })),
    ...(dueAt === null ? {} : { dueAt: new Date(dueAt).toISOString() }),
    at: new Date(now).toISOString(),
  });
  return taskId;
}

/** A tenant's request recorded on the timeline, then its task. */
export async function tenantRequest(s: CaseState, acts: CaseActivities, kind: 'call-back' | 'getting-help', by: string, data: Record<string, unknown>): Promise<string> {
  await recordCaseEvent(s, acts, requestEvent[kind], by, data);
  return await openTenantTask(s, acts, kind, s.data.eventSeq);
}

/** Why the case cannot take a plan at once now (a person then discusses it), or null. */
export function planRefusal(s: CaseState): string | null {
  const d = s.data;
  const current = d.current ? s.step(d.current.stepId) : undefined;
  if (d.phase !== 'ladder') return 'the arrears are settled';
  if (d.paused) return 'the case is paused';
  if (s.pendingProposal || s.pendingArrangement || current?.kind === 'approval') return 'a decision on the case is under way';
  if (d.current?.run?.kind === 'arrangement') return 'the case already follows a payment arrangement';
  if (d.awaitingHandover) return 'the case waits for a partner';
  return null;
}

/** The checks of a tenant's plan, shared by the validator and the handler. */
export function checkArrangementProposal(s: CaseState, raw: unknown) {
  const input = parseOrRefuse(ProposeArrangementSchema, raw);
  whileOpen(s);
  if (input.actor.userId !== TENANT_ACTOR && !hasAnyRole(input.actor.roles, caseHandlers)) throw refusal('forbidden', 'only the tenant or a caseworker proposes an arrangement');
  const d = s.data;
  const plan = tenantPlan(input, d.balanceCents);
  const step = tenantArrangementStep(s);
  const why = planRefusal(s);
  const problems = why ? [why] : !step ? [`the process has no payment arrangement step`] : tenantPlanProblems(plan, step, d.balanceCents, s.businessNow()).map((p) => p.message);
  return { input, plan, step: problems.length === 0 ? step! : null, problems };
}

export async function proposeArrangement(s: CaseState, acts: CaseActivities, raw: unknown): Promise<ArrangementProposed> {
  const { input, plan, step, problems } = checkArrangementProposal(s, raw);
  const d = s.data;
  await recordCaseEvent(s, acts, 'arrangement-proposed', input.actor.userId, { plan, accepted: step !== null, problems });
  if (!step) {
    const proposal = `Voorstel van de huurder: ${formatEuro(plan.instalmentCents)} per maand vanaf ${formatDateNl(Date.parse(`${plan.firstDueDate}T00:00:00Z`))} (${plan.instalments} termijnen).`;
    return { result: 'task-opened', taskId: await openTenantTask(s, acts, 'arrangement-proposal', d.eventSeq, proposal), problems };
  }
  const visitsBefore = d.visits;
  s.pendingArrangement = { stepId: step.id, plan, by: input.actor.userId };
  // Answered once the case follows the plan, so the tenant's page shows the instalments at once.
  await condition(() => d.phase === 'closed' || (d.visits > visitsBefore && d.current?.stepId === step.id && d.current.run?.kind === 'arrangement'));
  if (d.current?.stepId !== step.id) throw refusal('conflict', `the case closed before the plan was taken (${d.outcome ?? 'closed'})`);
  return { result: 'accepted', stepId: step.id };
}

/** A caseworker agreed a plan on the tenant's proposal task: followed from now, like the tenant's own. */
export function agreePlan(s: CaseState, plan: Plan, by: string): boolean {
  const step = tenantArrangementStep(s);
  if (!step || planRefusal(s)) return false;
  s.pendingArrangement = { stepId: step.id, plan, by };
  return true;
}

/** Applies the outcome of a tenant task that changes the case (a pause after "getting help"). */
export async function applyTenantTask(s: CaseState, acts: CaseActivities, task: OpenTask, c: { outcome: string; fields: Record<string, unknown>; userId: string }) {
  if (task.side === 'getting-help' && c.outcome === 'pause' && !s.data.paused) {
    const reason = String(c.fields.note);
    const reviewDate = String(c.fields.reviewDate);
    s.pause(reason, reviewDate, c.userId);
    upsertStatus(s);
    await recordCaseEvent(s, acts, 'paused', c.userId, { reason, reviewDate }, { status: s.statusPatch() });
  }
}
