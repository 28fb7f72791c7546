// The case's message handlers. Validators refuse without touching state, so a refused
// update leaves no trace in the history and the caller gets the reason at once. Handlers
// change the shared state; the main loop reacts to it.
import { condition, log, setHandler } from '@temporalio/workflow';
import type { CaseActivities, CaseEventType, RecordEventInput } from '../activities/contracts.ts';
import type { CaseState } from './case-state.ts';
import { caseView } from './case-view.ts';
import {
  CancelSchema,
  caseStateQuery,
  CaseEventSchema,
  completeTaskUpdate,
  ConfirmSegmentSchema,
  confirmSegmentUpdate,
  handoverResponseUpdate,
  HandoverResponseSchema,
  PauseSchema,
  pauseUpdate,
  paymentReceivedSignal,
  PaymentSchema,
  registerEventUpdate,
  registerPaymentUpdate,
  ResumeSchema,
  resumeUpdate,
  ExtendPauseSchema,
  extendPauseUpdate,
  cancelUpdate,
  MigrateSchema,
  migrateUpdate,
  proposeForgivenessUpdate,
  proposeArrangementUpdate,
  contactPreferenceUpdate,
  ContactPreferenceUpdateSchema,
  type Ack,
  type Payment,
} from './messages.ts';
import { migrationSubject, planMigration } from './migration.ts';
import { upsertStatus } from './status.ts';
import { parseOrRefuse as parse, refusal, whileOpen } from './refusal.ts';
import { checkCompletion } from './task-completion.ts';
import { completeSideTask, contactEffect, openContactTask, type ContactEffect } from './side-tasks.ts';
import { recordCaseEvent } from './case-events.ts';
import { extendPause, extensionRefusal, resumeCase } from './pause.ts';
import { checkProposal } from './forgiveness.ts';
import { checkArrangementProposal, proposeArrangement, tenantRequest } from './tenant-requests.ts';
import { registerLedgerHandlers } from './ledger.ts';

/** Events the tenant's page registers that ask a person for something (tenant-requests.ts). */
const tenantRequestKinds = new Map<string, 'call-back' | 'getting-help'>([
  ['call-back-requested', 'call-back'],
  ['help-reported', 'getting-help'],
]);

/** `settled`: resolves once every read-model write the case has made so far is in (case-workflow.ts). */
export function registerHandlers(s: CaseState, acts: CaseActivities, settled: () => Promise<void> | null) {
  const d = s.data;
  // An update answers only once its writes are in the read model, so whoever sent it reads
  // them at once (the inbox without the task just completed, the case page with the pause).
  const answered =
    <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await handler(...args);
      const writing = settled();
      if (writing) await writing;
      return result;
    };
  const ack = (): Ack => ({ ok: true, balanceCents: d.balanceCents, paused: d.paused !== null });
  const statusAttributes = () => upsertStatus(s);
  const record = (type: CaseEventType, by: string, data: Record<string, unknown>, patch?: RecordEventInput['patch']) => recordCaseEvent(s, acts, type, by, data, patch);

  setHandler(caseStateQuery, () => caseView(s));
  registerLedgerHandlers(s, acts, answered);

  setHandler(
    completeTaskUpdate,
    answered(async (raw) => {
      const { input, task, values } = checkCompletion(s, raw);
      s.completions.set(input.taskId, { taskId: input.taskId, outcome: input.outcome, fields: values, userId: input.actor.userId, at: s.businessNow() });
      if (task.side) {
        // A side task is not the loop's: it is applied here, at once.
        try {
          await completeSideTask(s, acts, task, { outcome: input.outcome, fields: values, userId: input.actor.userId });
        } finally {
          s.completions.delete(input.taskId);
          s.completed.delete(input.taskId);
        }
        return { taskId: input.taskId, outcome: input.outcome, balanceCents: d.balanceCents };
      }
      await condition(() => s.completed.has(input.taskId));
      const result = s.completed.get(input.taskId)!;
      s.completed.delete(input.taskId);
      if ('error' in result) throw refusal('conflict', result.error);
      return { taskId: input.taskId, outcome: result.outcome, balanceCents: d.balanceCents };
    }),
    { validator: (raw) => void checkCompletion(s, raw) },
  );

  const applyPayment = async (p: Payment) => {
    const { duplicate, excessCents } = s.applyPayment(p.reference, p.amountCents);
    if (!duplicate) {
      statusAttributes();
      await acts.recordPayment({
        caseId: d.caseId,
        reference: p.reference,
        amountCents: p.amountCents,
        receivedAt: p.receivedAt ?? s.businessIso(),
        balance: s.balancePatch(),
        ...(excessCents > 0 ? { excessCents } : {}),
        at: s.businessIso(),
      });
    }
    return { reference: p.reference, duplicate, balanceCents: d.balanceCents, creditCents: d.creditCents ?? 0 };
  };
  setHandler(registerPaymentUpdate, answered(async (raw) => applyPayment(parse(PaymentSchema, raw))), {
    validator: (raw) => {
      const p = parse(PaymentSchema, raw);
      // A payment already applied, sent again (its first answer lost), is answered as a duplicate even once the case is closed.
      if (!d.payments.includes(p.reference)) whileOpen(s);
    },
  });
  // Signals cannot answer, so a malformed payment is logged and dropped; it changes nothing.
  setHandler(paymentReceivedSignal, async (raw) => {
    const parsed = PaymentSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('payment signal refused', { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    if (d.phase === 'closed') return;
    await applyPayment(parsed.data);
  });

  setHandler(
    pauseUpdate,
    answered(async (raw) => {
      const input = parse(PauseSchema, raw);
      s.pause(input.reason, input.reviewDate, input.actor.userId);
      statusAttributes();
      await record('paused', input.actor.userId, { reason: input.reason, reviewDate: input.reviewDate }, { status: s.statusPatch() });
      return ack();
    }),
    {
      validator: (raw) => {
        parse(PauseSchema, raw);
        whileOpen(s);
        if (d.paused) throw refusal('conflict', `the case is already paused since ${new Date(d.paused.since).toISOString().slice(0, 10)} (${d.paused.reason})`);
      },
    },
  );

  setHandler(
    resumeUpdate,
    answered(async (raw) => {
      const input = parse(ResumeSchema, raw);
      await resumeCase(s, acts, input.actor.userId, input.note);
      return ack();
    }),
    {
      validator: (raw) => {
        parse(ResumeSchema, raw);
        whileOpen(s);
        if (!d.paused) throw refusal('conflict', 'the case is not paused');
      },
    },
  );

  setHandler(
    extendPauseUpdate,
    answered(async (raw) => {
      const input = parse(ExtendPauseSchema, raw);
      await extendPause(s, acts, input.actor.userId, input.reviewDate, input.note);
      return ack();
    }),
    {
      validator: (raw) => {
        const input = parse(ExtendPauseSchema, raw);
        whileOpen(s);
        const refused = extensionRefusal(s, input.reviewDate);
        if (refused) throw refused;
      },
    },
  );

  setHandler(
    cancelUpdate,
    answered(async (raw) => {
      const input = parse(CancelSchema, raw);
      d.cancelled = { reason: input.reason, by: input.actor.userId, ...(input.outcome === 'superseded' ? { outcome: input.outcome } : {}) };
      await record('cancelled', input.actor.userId, { reason: input.reason });
      await condition(() => d.phase === 'closed');
      return ack();
    }),
    {
      validator: (raw) => {
        parse(CancelSchema, raw);
        whileOpen(s);
        if (d.cancelled) throw refusal('conflict', 'the case is already being cancelled');
      },
    },
  );

  setHandler(
    registerEventUpdate,
    answered(async (raw) => {
      const input = parse(CaseEventSchema, raw);
      if (input.type === 'contact') s.establish(['contact-attempt']);
      if (input.type === 'data-sharing-refused') d.dataSharingRefused = true;
      const type: CaseEventType = input.type === 'contact' || input.type === 'data-sharing-refused' ? input.type : 'event';
      // Where the case is when the tenant got in touch, before the loop moves on because of it.
      const where = input.type === 'contact' ? contactEffect(s) : null;
      // The tenant's requests from their page always reach a person: a task beside the steps.
      const asked = tenantRequestKinds.get(input.type);
      if (asked) return { ...ack(), contact: { effect: 'task-opened', taskId: await tenantRequest(s, acts, asked, input.actor.userId, { note: input.note }) } };
      await record(type, input.actor.userId, { name: input.type, note: input.note });
      if (!where) return ack();
      const contact: ContactEffect = where.effect === 'needs-task' ? await openContactTask(s, acts, d.eventSeq) : where;
      return { ...ack(), contact };
    }),
    {
      validator: (raw) => {
        parse(CaseEventSchema, raw);
        whileOpen(s);
      },
    },
  );

  setHandler(
    handoverResponseUpdate,
    answered(async (raw) => {
      const input = parse(HandoverResponseSchema, raw);
      s.handoverResponses.set(input.handoverId, { response: input.response, by: input.actor.userId, ...(input.note ? { note: input.note } : {}) });
      await condition(() => !s.handoverResponses.has(input.handoverId));
      return ack();
    }),
    {
      validator: (raw) => {
        const input = parse(HandoverResponseSchema, raw);
        whileOpen(s);
        if (d.awaitingHandover?.handoverId !== input.handoverId || s.handoverResponses.has(input.handoverId))
          throw refusal('conflict', `handover ${input.handoverId} is not waiting for a response`);
      },
    },
  );

  setHandler(
    proposeForgivenessUpdate,
    answered(async (raw) => {
      const { input, step } = checkProposal(s, raw);
      const visitsBefore = d.visits;
      s.pendingProposal = { stepId: step.id, amountCents: input.amountCents, reason: input.reason, by: input.actor.userId };
      const entered = () => d.history.some((h) => h.stepId === step.id && h.visit > visitsBefore);
      // Answered once the next level's task is open (or the approval is over), so the caller reads it at once.
      const decided = () => !(d.current?.run?.kind === 'approval' && d.current.run.given);
      await condition(() => d.phase === 'closed' || (entered() && decided() && (d.current?.stepId !== step.id || d.openTasks.some((t) => t.approval?.stepId === step.id))));
      if (!entered()) throw refusal('conflict', `the case closed before the proposal was taken (${d.outcome ?? 'closed'})`);
      return { stepId: step.id, amountCents: input.amountCents, balanceCents: d.balanceCents };
    }),
    { validator: (raw) => void checkProposal(s, raw) },
  );

  setHandler(
    proposeArrangementUpdate,
    answered(async (raw) => proposeArrangement(s, acts, raw)),
    { validator: (raw) => void checkArrangementProposal(s, raw) },
  );

  setHandler(
    contactPreferenceUpdate,
    answered(async (raw) => {
      const input = parse(ContactPreferenceUpdateSchema, raw);
      d.preferredChannel = input.preferredChannel;
      await record('contact-preference', input.actor.userId, { preferredChannel: input.preferredChannel });
      return ack();
    }),
    {
      validator: (raw) => {
        parse(ContactPreferenceUpdateSchema, raw);
        whileOpen(s);
      },
    },
  );

  const migrationPlan = (raw: unknown) => {
    const input = parse(MigrateSchema, raw);
    const plan = planMigration(migrationSubject(caseView(s)), input.definition, input.stepMapping);
    if (!plan.ok) throw refusal('conflict', `the case cannot move: ${plan.reason}`);
    if (s.pendingMigration) throw refusal('conflict', 'the case is already moving to another version');
    return input;
  };
  setHandler(
    migrateUpdate,
    answered(async (raw) => {
      const input = migrationPlan(raw);
      s.migrationOutcome = null;
      s.pendingMigration = { definition: input.definition, mapping: input.stepMapping, by: input.actor.userId };
      await condition(() => s.migrationOutcome !== null);
      const outcome = s.migrationOutcome!;
      if ('error' in outcome) throw refusal('conflict', `the case cannot move: ${outcome.error}`);
      return outcome;
    }),
    { validator: (raw) => void migrationPlan(raw) },
  );

  setHandler(
    confirmSegmentUpdate,
    answered(async (raw) => {
      const input = parse(ConfirmSegmentSchema, raw);
      d.segment.confirmed = input.segment;
      await record('segment-confirmed', input.actor.userId, { segment: input.segment, suggested: d.segment.suggested });
      return ack();
    }),
    {
      validator: (raw) => {
        parse(ConfirmSegmentSchema, raw);
        whileOpen(s);
      },
    },
  );
}
