// One line per timeline event, in the reader's language: the task context and the case
// timeline both use it. Event data comes from the activities (activities/*.ts); note texts
// are already resolved by the API.
import type { CaseEvent } from '../../../server/cases/repository.ts';
import i18n from '../i18n/index.ts';
import { caseOutcomeLabel, channelLabel, contactPreferenceLabel, date, euro, partnerLabel, purposeLabel, roleLabel, segmentLabel } from '../i18n/format.ts';

export type TimelineEvent = CaseEvent;

const t = (key: string, o: Record<string, unknown> = {}) => i18n.t(`staff:event.${key}`, o);

/**
 * The events worth a line: a decided approval level is one entry, its decision, so the
 * completion of its task (the same act, said again) is left out.
 */
export function withoutEchoes<E extends Pick<TimelineEvent, 'type' | 'data'>>(events: E[]): E[] {
  const approvalTasks = new Set(events.filter((e) => e.type === 'task-opened' && e.data?.kind === 'approval').map((e) => e.data?.taskId));
  return events.filter((e) => !(e.type === 'task-closed' && e.data?.status === 'completed' && approvalTasks.has(e.data.taskId)));
}

export const decisionLabel = (decision: string) => i18n.t(`staff:decision.${decision}`, { defaultValue: decision });

export function eventSummary(
  e: Pick<TimelineEvent, 'type' | 'actor' | 'data' | 'stepId'>,
  nameOf: (id: string | null | undefined) => string,
  levelLabels: Record<string, string> = {},
): string {
  const d = e.data ?? {};
  const who = nameOf(e.actor);
  switch (e.type) {
    case 'step':
      return t('step', { name: d.name });
    case 'message':
      return t(d.status === 'failed' ? 'messageFailed' : 'message', { channel: channelLabel(d.channel), purpose: purposeLabel(d.purpose) });
    case 'payment':
      return t('payment', { amount: euro(d.amountCents), balance: euro(d.balanceCents) });
    case 'credit':
      return t('credit', { amount: euro(d.creditCents) });
    case 'credit-settled':
      return t(d.outcome === 'refunded' ? 'creditRefunded' : 'creditSettled', { amount: euro(d.creditCents), who });
    case 'arrangement-changed':
      return t('arrangementChanged', { count: d.plan?.instalments ?? 0, amount: euro(d.plan?.instalmentCents), who });
    case 'pause-extended':
      return t('pauseExtended', { who, date: date(d.reviewDate) });
    case 'task-opened':
      return t('taskOpened', { title: d.title, role: roleLabel(d.role) });
    case 'task-closed':
      return d.status === 'completed' ? t('taskCompleted', { who }) : d.status === 'expired' ? t('taskExpired') : t('taskCancelled');
    case 'task-reminder':
      return t('taskReminder');
    case 'task-escalated':
      return t('taskEscalated', { role: roleLabel(d.role) });
    case 'paused':
      return t('paused', { who, date: date(d.reviewDate) });
    case 'resumed':
      return t('resumed', { who });
    case 'cancelled':
      return t('cancelled', { who });
    case 'contact':
      return t('contact', { who });
    case 'data-sharing-refused':
      return t('dataSharingRefused', { who });
    case 'event':
      if (d.name === 'debit-day-chosen') return t('debitDayChosen', { who });
      // The municipality's answer to the early signal (server/municipality-signals/answers.ts).
      if (typeof d.name === 'string' && d.name.startsWith('municipality-')) return t(`municipalityAnswer.${d.name}`, { who, defaultValue: t('event', { name: d.name, who }) });
      return t('event', { name: d.name, who });
    case 'segment-confirmed':
      return t('segment', { segment: segmentLabel(d.segment), who });
    case 'legal-block':
      return t('legalBlock');
    case 'legal-block-lifted':
      return t('legalBlockLifted');
    // Policy holds (workflows/policy-hold.ts): the hold's own reason, and its last day (inclusive).
    case 'policy-hold':
      return t('policyHold', { reason: d.reason, date: date(d.endsOn) });
    case 'policy-hold-lifted':
      return t(d.early ? 'policyHoldEnded' : 'policyHoldLifted', { name: d.name });
    case 'collection-costs':
      return t('costs', { amount: euro(d.costsCents) });
    case 'forgiven':
      return t('forgiven', { amount: euro(d.amountCents) });
    case 'arrangement-started':
      return t('arrangementStarted', { count: d.plan?.instalments ?? 0, amount: euro(d.plan?.instalmentCents) });
    case 'arrangement-missed':
      return t('arrangementMissed', { n: d.instalment });
    case 'municipality-signal-withheld':
      return t('signalWithheld');
    case 'balance-cleared':
      return t('balanceCleared');
    case 'approval-decision':
      return t('approval', { level: levelLabels[`${e.stepId}:${d.level}`] ?? d.level, decision: decisionLabel(d.decision), who });
    case 'handover':
    case 'municipality-signal':
      return t('handover', { partner: partnerLabel(d.partner) });
    case 'handover-response':
      return t('handoverResponse', { response: i18n.t(`staff:response.${d.response}`, { defaultValue: d.response }) });
    case 'closed':
      return t('closed', { outcome: caseOutcomeLabel(d.outcome) });
    case 'note':
      return t('note', { who });
    case 'migrated':
      return t('migrated', { from: d.fromVersion, to: d.toVersion });
    case 'call-back-requested':
      return t('callBackRequested', { who });
    case 'help-reported':
      return t('helpReported', { who });
    case 'arrangement-proposed':
      return t(d.accepted ? 'arrangementProposedAccepted' : 'arrangementProposedTask', { who, count: d.plan?.instalments ?? 0, amount: euro(d.plan?.instalmentCents), date: date(d.plan?.firstDueDate) });
    case 'rent-due':
      return t('rentDue', { amount: euro(d.amountCents), date: date(d.asOf) });
    case 'ledger-cleared':
      return t('ledgerCleared', { date: date(d.asOf) });
    case 'contact-preference':
      return t('contactPreference', { who, channel: d.preferredChannel ? contactPreferenceLabel(d.preferredChannel) : '—' });
    default:
      return e.type;
  }
}
