// A handover to a partner: debt help, the neighbourhood team, a budget coach, the
// municipality's early signal, or the bailiff (court claim, eviction notice).
import { z } from 'zod';
import { bailiffPurposes, partners } from '../catalog.ts';
import { formatDuration } from '../duration.ts';
import { bailiffPreconditions, householdAssessment, type Fact, type Requirement } from '../legal.ts';
import { baseStepFields, DurationSchema } from './base.ts';
import { never, noTemplates, noRemedy, type StepKindDefinition } from './kind.ts';
import { within } from './task.ts';

export const HandoverStepSchema = z.object({
  ...baseStepFields,
  kind: z.literal('handover'),
  partner: z.enum(partners.ids),
  /** For the bailiff: what is handed over. */
  purpose: z.enum(bailiffPurposes.ids).optional(),
  /** Wait for the partner to accept or refuse; without it the handover counts as accepted once recorded. */
  response: z.object({ within: DurationSchema, otherwise: z.enum(['accepted', 'refused']) }).optional(),
  /**
   * Once the partner accepts, the case pauses while they help (the pause button of the debt-help
   * covenant): nothing is sent and nothing escalates until staff resume it; `review` sets the
   * pause's review date, which staff can extend. The case then goes on from `accepted`.
   */
  pause: z.object({ review: DurationSchema }).optional(),
});
export type HandoverStep = z.infer<typeof HandoverStepSchema>;

const isBailiff = (step: HandoverStep) => step.partner === 'bailiff';
/** The summons (court claim) and the eviction notice: the steps rule 8 guards. */
export const isSummonsOrEviction = (step: HandoverStep) => isBailiff(step) && (step.purpose === 'court-claim' || step.purpose === 'eviction-notice');

export const handoverKind: StepKindDefinition<HandoverStep> = {
  label: { nl: 'Overdracht', en: 'Handover' },
  hint: { nl: 'Schuldhulp, wijkteam, gemeente of deurwaarder', en: 'Debt help, neighbourhood team, municipality or bailiff' },
  outcomes: () => ['accepted', 'refused'],
  outcomeLabel: () => undefined,
  summary: (step, lang) =>
    [
      partners.labels[step.partner][lang],
      step.purpose ? bailiffPurposes.labels[step.purpose][lang] : null,
      step.response ? within(step.response.within, lang) : null,
      step.pause ? (lang === 'nl' ? `pauze, herzien na ${formatDuration(step.pause.review, false, lang)}` : `pause, review after ${formatDuration(step.pause.review, false, lang)}`) : null,
    ]
      .filter(Boolean)
      .join(' · '),
  blocks: (step) => step.response !== undefined,
  decidedByPerson: never,
  adverse: isBailiff,
  requires(step): Requirement[] {
    if (step.partner === 'municipality-signal') return [{ rule: 'municipality-signal', needs: bailiffPreconditions }];
    if (!isBailiff(step)) return [];
    const out: Requirement[] = [{ rule: 'bailiff-preconditions', needs: bailiffPreconditions }];
    if (isSummonsOrEviction(step)) out.push(householdAssessment);
    if (step.purpose === 'eviction-notice') out.push({ rule: 'eviction-judgment', needs: ['court-judgment'] });
    return out;
  },
  establishes(step, outcome): Fact[] {
    if (step.partner === 'debt-help') return ['debt-help-referral'];
    if (step.partner === 'municipality-signal' && outcome === 'accepted') return ['municipality-signal'];
    if (isBailiff(step) && step.purpose === 'court-claim' && outcome === 'accepted') return ['court-claim'];
    return [];
  },
  templates: noTemplates,
  remedy: noRemedy,
  check(step) {
    if (isBailiff(step) && !step.purpose) return [{ nl: 'Kies wat de deurwaarder krijgt: de vordering of de aanzegging tot ontruiming.', en: 'Choose what the bailiff is handed: the court claim or the eviction notice.' }];
    if (!isBailiff(step) && step.purpose) return [{ nl: 'Alleen een overdracht aan de deurwaarder heeft een doel.', en: 'Only a handover to the bailiff has a purpose.' }];
    if (isBailiff(step) && step.pause) return [{ nl: 'Een overdracht aan de deurwaarder pauzeert de zaak niet.', en: 'A handover to the bailiff does not pause the case.' }];
    return [];
  },
};
