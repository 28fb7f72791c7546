// "Wat gebeurt er hierna": what the case does next, read from its own state (current step,
// its deadline, the pause, the arrangement) and the process it follows: the step each
// outcome leads to, and what that step sends the tenant. Nothing here is guessed: a step
// the case cannot know the outcome of is shown with each way it can go.
import { useTranslation } from 'react-i18next';
import { outcomeLabel, stepSummary } from '../../../definition/describe.ts';
import { formatDuration } from '../../../definition/duration.ts';
import type { Step } from '../../../definition/schema.ts';
import type { CaseView } from '../../../workflows/case-view.ts';
import { date, dateTime, euro, partnerLabel, roleLabel } from '../i18n/format.ts';
import { currentLanguage } from '../i18n/index.ts';

type Props = { steps: readonly Step[]; live: CaseView | null | undefined };

export function WhatHappensNext({ steps, live }: Props) {
  const { t } = useTranslation('cases');
  const lang = currentLanguage();
  const lines = live ? linesFor(steps, live, t, lang) : [];
  if (lines.length === 0) return null;
  return (
    <div className="st-card" data-testid="what-next">
      <h2>{t('next.title')}</h2>
      <ul className="st-next">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

type T = (key: string, o?: Record<string, unknown>) => string;

function linesFor(steps: readonly Step[], live: CaseView, t: T, lang: 'nl' | 'en'): string[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const current = live.currentStep ? byId.get(live.currentStep.id) : undefined;
  /** "‘Veertiendagenbrief’ (Brief · Veertiendagenbrief)": where an outcome leads, and what that step does. */
  const after = (step: Step, outcome: string) => {
    const to = byId.get(step.next[outcome] ?? '');
    return to ? t('next.step', { name: to.name, what: stepSummary(to, lang) }) : t('next.unknownStep');
  };
  if (live.cancelled) return [];
  if (live.paused) return [t('next.paused', { date: date(live.paused.reviewDate) })];
  if (live.blocked) return [t('next.blocked')];
  if (!current) return [];
  const lines: string[] = [];
  // Held by a policy hold (workflows/policy-hold.ts): the step waits for the hold's last day, then runs as below.
  if (live.policyHold) lines.push(t('holds:caseHeld', { reason: live.policyHold.reason, name: live.policyHold.name, step: current.name, date: date(live.policyHold.endsOn) }));
  if (live.arrangement && current.kind === 'arrangement') {
    const a = live.arrangement;
    const next = a.instalments[a.next];
    if (next) lines.push(t('next.instalment', { n: next.index + 1, total: a.instalments.length, amount: euro(next.amountCents), date: date(next.dueDate) }));
    lines.push(t('next.onMiss', { grace: formatDuration(current.gracePeriod, false, lang), count: current.allowedMisses + 1, broken: after(current, 'broken') }));
    lines.push(t('next.onComplete', { then: after(current, 'completed') }));
    return lines;
  }
  switch (current.kind) {
    case 'wait': {
      const until = live.currentStep?.until;
      lines.push(until ? t('next.waitUntil', { when: dateTime(until), then: after(current, 'elapsed') }) : t('next.wait', { then: after(current, 'elapsed') }));
      for (const o of current.endsOn) lines.push(t('next.earlier', { what: outcomeLabel(current, o, lang), then: after(current, o) }));
      break;
    }
    case 'task': {
      const task = live.openTasks.find((x) => x.stepId === current.id);
      lines.push(task?.dueAt ? t('next.taskDue', { role: roleLabel(current.role), when: dateTime(task.dueAt) }) : t('next.task', { role: roleLabel(current.role) }));
      for (const o of current.outcomes) lines.push(t('next.outcome', { what: o.label, then: after(current, o.id) }));
      break;
    }
    case 'approval':
      lines.push(t('next.approval'));
      for (const o of ['approved', 'rejected']) lines.push(t('next.outcome', { what: outcomeLabel(current, o, lang), then: after(current, o) }));
      break;
    case 'handover': {
      const until = live.currentStep?.until;
      lines.push(until ? t('next.handoverUntil', { partner: partnerLabel(current.partner), when: dateTime(until) }) : t('next.handover', { partner: partnerLabel(current.partner) }));
      for (const o of ['accepted', 'refused']) if (current.next[o]) lines.push(t('next.outcome', { what: outcomeLabel(current, o, lang), then: after(current, o) }));
      break;
    }
    default:
      break;
  }
  return lines;
}
