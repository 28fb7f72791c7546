// The pause and its review date. Resuming and extending are the same whether staff use the
// case page or the review task; the review task itself is opened by a watcher beside the
// loop when the review date comes, so a pause never silently outlives its reason: the
// caseworker finds it in the inbox, resumes the case or sets a later date there.
import { condition, patched } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contracts.ts';
import { amsterdamMoment } from '../definition/calendar.ts';
import { calendarDate } from '../definition/duration.ts';
import { idempotencyKey } from '../definition/idempotency.ts';
import type { CaseData, OpenTask } from './case-data.ts';
import { recordCaseEvent } from './case-events.ts';
import type { CaseState } from './case-state.ts';
import { refusal } from './refusal.ts';
import { upsertStatus } from './status.ts';

export const PAUSE_REVIEW_KIND = 'pause-review';

// Resuming and extending return the event's write rather than awaiting it: a case's updates
// answer after the same number of steps as when the handlers wrote the event themselves, so
// histories recorded then replay (an extra await lets a later write join the answer's wait).
export function resumeCase(s: CaseState, acts: CaseActivities, by: string, note: string | undefined): Promise<void> {
  const d = s.data;
  const pausedForMs = d.paused ? s.businessNow() - d.paused.since : 0;
  s.resume();
  upsertStatus(s);
  return recordCaseEvent(s, acts, 'resumed', by, { note, pausedForMs }, { status: s.statusPatch() });
}

/** Why a later review date is refused, if it is: it must lie after the current one and not in the past. */
export function extensionRefusal(s: CaseState, reviewDate: string, field = 'reviewDate') {
  const d = s.data;
  if (!d.paused) return refusal('conflict', 'the case is not paused');
  const today = s.businessIso().slice(0, 10);
  const problem =
    reviewDate <= d.paused.reviewDate ? `${reviewDate} is not after the pause's review date ${d.paused.reviewDate}` : reviewDate < today ? `${reviewDate} is in the past (today is ${today})` : null;
  return problem ? refusal('invalid', `reviewDate: ${problem}`, [{ field, message: problem }]) : null;
}

export function extendPause(s: CaseState, acts: CaseActivities, by: string, reviewDate: string, note: string | undefined): Promise<void> {
  const d = s.data;
  const previous = d.paused!.reviewDate;
  d.paused!.reviewDate = reviewDate;
  return recordCaseEvent(s, acts, 'pause-extended', by, { reviewDate, previous, note }, { status: s.statusPatch() });
}

const reviewOutcomes: OpenTask['outcomes'] = [
  { id: 'resume', label: 'Zaak hervatten', arrangement: false, fields: [{ id: 'note', label: 'Toelichting (bijvoorbeeld wat de hulpverlener liet weten)', type: 'longtext', required: false }] },
  {
    id: 'extend',
    label: 'Pauze verlengen',
    arrangement: false,
    fields: [
      { id: 'reviewDate', label: 'Nieuwe herzieningsdatum', type: 'date', required: true },
      { id: 'note', label: 'Waarom is meer tijd nodig?', type: 'longtext', required: true },
    ],
  },
];

const reviewTask = (d: CaseData) => d.openTasks.find((t) => t.side === 'pause-review');

/** The start of the review date in Amsterdam, in business time. */
function reviewMoment(reviewDate: string): number {
  return amsterdamMoment(calendarDate(reviewDate) ?? 0, 0);
}

async function openReviewTask(s: CaseState, acts: CaseActivities) {
  const d = s.data;
  d.pauseReviews = (d.pauseReviews ?? 0) + 1;
  const taskId = idempotencyKey(d.caseId, PAUSE_REVIEW_KIND, d.pauseReviews);
  const stepId = d.current?.stepId ?? 'start';
  const now = s.businessNow();
  const title = 'Pauze herzien';
  d.openTasks.push({ taskId, stepId, title, kind: PAUSE_REVIEW_KIND, role: 'caseworker', alsoRoles: [], outcomes: reviewOutcomes, openedAt: now, dueAt: null, side: 'pause-review' });
  upsertStatus(s);
  await acts.openTask({
    taskId,
    caseId: d.caseId,
    stepId,
    kind: PAUSE_REVIEW_KIND,
    title,
    role: 'caseworker',
    instructions: `De pauze (${d.paused!.reason}) moest vandaag herzien worden. Vraag na hoe het staat (bij de huurder of de hulpverlener) en hervat de zaak, of verleng de pauze met een nieuwe datum en de reden.`,
    outcomes: reviewOutcomes.map((o) => ({ id: o.id, label: o.label, fields: o.fields })),
    at: new Date(now).toISOString(),
  });
}

/**
 * Runs beside the loop for the case's whole run: while the case is paused, waits for the
 * review date and opens the review task; when staff resume or extend on the case page
 * instead, the task has been answered there and is closed. Cases whose pauses ran before
 * this existed (no 'pause-review-task' marker) replay without it.
 */
export async function watchPauseReviews(s: CaseState, acts: CaseActivities) {
  const d = s.data;
  for (;;) {
    await condition(() => d.paused !== null || d.phase === 'closed');
    if (d.phase === 'closed' || !patched('pause-review-task')) return;
    const pause = d.paused!;
    const reviewDate = pause.reviewDate;
    const changed = () => d.paused !== pause || pause.reviewDate !== reviewDate || d.phase === 'closed';
    if (!reviewTask(d)) {
      const wait = (reviewMoment(reviewDate) - s.businessNow()) / d.timeScale;
      if (wait > 0 && (await condition(changed, Math.ceil(wait)))) continue;
      await openReviewTask(s, acts);
    }
    await condition(() => changed() || !reviewTask(d));
    const open = reviewTask(d);
    if (open) {
      if (s.status() === 'closed') return;
      await acts.closeTask({ caseId: d.caseId, taskId: open.taskId, status: 'cancelled', reason: d.paused ? 'pause-extended' : 'resumed', at: s.businessIso() });
      d.openTasks = d.openTasks.filter((t) => t !== open);
      upsertStatus(s);
    } else {
      // Answered in the task (or closed with the case): its answer changes the pause.
      await condition(changed);
    }
  }
}

/** Applies the review task's answer: resume, or a later review date (checked by the validator). */
export async function answerReview(s: CaseState, acts: CaseActivities, outcome: string, fields: Record<string, unknown>, by: string) {
  const note = typeof fields.note === 'string' ? fields.note : undefined;
  if (outcome === 'resume') await resumeCase(s, acts, by, note);
  else await extendPause(s, acts, by, String(fields.reviewDate), note);
}
