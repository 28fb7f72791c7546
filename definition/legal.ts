// The legal rules of domain.md as facts and requirements. A step's outcome can establish a
// fact ("a written reminder offering the municipality report was sent"); an adverse step
// requires facts before it. validate.ts proves at publish time that every path to such a
// step has them; the interpreter checks again at run time, with the facts the case recorded.
import { personalContactTasks, writtenChannels } from './catalog.ts';
import { minimumDays } from './duration.ts';
import type { Step } from './schema.ts';

export const facts = [
  'written-reminder',
  'municipality-offer',
  'contact-attempt',
  'debt-help-referral',
  'municipality-signal',
  'fourteen-day-letter',
  'fourteen-day-period',
  'court-claim',
  'court-judgment',
] as const;
export type Fact = (typeof facts)[number];

export const factLabels: Record<Fact, { nl: string; en: string }> = {
  'written-reminder': { nl: 'een schriftelijke herinnering (brief of e-mail) die is verstuurd', en: 'a written reminder (letter or e-mail) that was sent' },
  'municipality-offer': { nl: 'het aanbod om gegevens aan de gemeente door te geven, in die herinnering', en: 'the offer to pass details to the municipality, in that reminder' },
  'contact-attempt': { nl: 'een poging tot persoonlijk contact (bellen of bezoek)', en: 'an attempt at personal contact (call or visit)' },
  'debt-help-referral': { nl: 'een verwijzing naar schuldhulpverlening', en: 'a referral to debt help' },
  'municipality-signal': { nl: 'de vroegsignalering aan de gemeente', en: 'the early signal to the municipality' },
  'fourteen-day-letter': { nl: 'een veertiendagenbrief', en: 'a 14-day letter' },
  'fourteen-day-period': { nl: 'een wachttijd van minstens 14 dagen plus bezorgtijd na de veertiendagenbrief', en: 'a wait of at least 14 days plus delivery time after the 14-day letter' },
  'court-claim': { nl: 'een overdracht aan de deurwaarder voor de vordering', en: 'a handover to the bailiff for the court claim' },
  'court-judgment': { nl: 'een vastgelegd vonnis dat de vordering toewijst', en: 'a recorded court judgment granting the claim' },
};

/** Days the post takes to deliver the 14-day letter; the 14 days count from the day after receipt. */
export const DELIVERY_DAYS = 2;
export const FOURTEEN_DAY_PERIOD_DAYS = 14 + DELIVERY_DAYS;

export const legalRules = {
  'bailiff-preconditions': {
    number: 1,
    source: 'Bgs art. 2; maatschappelijk verantwoorde incasso',
    nl: 'Geen deurwaarder, dagvaarding of aanzegging zonder eerst een schriftelijke herinnering met het aanbod aan de gemeente, een poging tot persoonlijk contact en een verwijzing naar schuldhulp',
    en: 'No bailiff, summons or eviction notice without, before it, a written reminder offering the municipality report, a personal-contact attempt and a debt-help referral',
  },
  'municipality-signal': {
    number: 2,
    source: 'Bgs art. 2 sub d',
    nl: 'De melding aan de gemeente komt pas na die drie stappen; een weigering van de huurder blokkeert haar',
    en: 'The municipality signal comes only after those three steps; a refusal by the tenant blocks it',
  },
  'collection-costs': {
    number: 4,
    source: 'art. 6:96 lid 6 BW (WIK)',
    nl: 'Incassokosten pas na een veertiendagenbrief en een wachttijd van minstens 14 dagen plus bezorgtijd',
    en: 'Collection costs only after a 14-day letter and a wait of at least 14 days plus delivery time',
  },
  'eviction-judgment': {
    number: 6,
    source: 'art. 7:231 BW; art. 555 Rv',
    nl: 'Een aanzegging tot ontruiming alleen na een deurwaardersstap met een vastgelegd vonnis',
    en: 'An eviction notice only after a bailiff step with a recorded court judgment',
  },
  'human-decision': {
    number: 9,
    source: 'AVG art. 22',
    nl: 'Geen nadelige stap op grond van alleen een segment: eerst beslist een mens',
    en: 'No adverse step on the strength of a segment alone: a person decides first',
  },
} as const;
export type LegalRuleId = keyof typeof legalRules;

export type Requirement = { rule: LegalRuleId; needs: Fact[] };

const bailiffPreconditions: Fact[] = ['written-reminder', 'municipality-offer', 'contact-attempt', 'debt-help-referral'];

/** What must be established before this step may run. */
export function requirementsOf(step: Step): Requirement[] {
  if (step.kind === 'handover' && step.partner === 'bailiff') {
    const out: Requirement[] = [{ rule: 'bailiff-preconditions', needs: bailiffPreconditions }];
    if (step.purpose === 'eviction-notice') out.push({ rule: 'eviction-judgment', needs: ['court-judgment'] });
    return out;
  }
  if (step.kind === 'handover' && step.partner === 'municipality-signal') return [{ rule: 'municipality-signal', needs: bailiffPreconditions }];
  if (step.kind === 'collection-costs') return [{ rule: 'collection-costs', needs: ['fourteen-day-period'] }];
  if (step.kind === 'end' && step.outcome === 'evicted') return [{ rule: 'eviction-judgment', needs: ['court-judgment'] }];
  return [];
}

/** Steps that harm the tenant's position; rule 9 wants a person's decision before them. */
export function isAdverseStep(step: Step): boolean {
  return (step.kind === 'handover' && step.partner === 'bailiff') || step.kind === 'collection-costs' || (step.kind === 'end' && step.outcome === 'evicted');
}

const isWritten = (channel: string) => (writtenChannels as readonly string[]).includes(channel);

/**
 * The facts a step establishes when it ends with `outcome`, given the facts already there.
 * At publish time a wait establishes the 14-day period by its length; at run time the
 * interpreter measures the real time since the letter instead (see `fourteenDayPeriodOver`).
 */
export function factsEstablished(step: Step, outcome: string, before: ReadonlySet<Fact>): Fact[] {
  switch (step.kind) {
    case 'communicate': {
      if (outcome !== 'sent' || !isWritten(step.channel)) return [];
      if (step.purpose === 'reminder') return step.offersMunicipalitySignal ? ['written-reminder', 'municipality-offer'] : ['written-reminder'];
      if (step.purpose === 'fourteen-day-letter') return ['written-reminder', 'fourteen-day-letter'];
      return [];
    }
    case 'task': {
      const out: Fact[] = [];
      if ((personalContactTasks as readonly string[]).includes(step.task)) out.push('contact-attempt');
      const meaning = step.outcomes.find((o) => o.id === outcome)?.meaning;
      if (meaning === 'contact-made') out.push('contact-attempt');
      if (step.task === 'court-judgment' && meaning === 'judgment-granted' && before.has('court-claim')) out.push('court-judgment');
      return out;
    }
    case 'handover':
      if (step.partner === 'debt-help') return ['debt-help-referral'];
      if (step.partner === 'municipality-signal' && outcome === 'accepted') return ['municipality-signal'];
      if (step.partner === 'bailiff' && step.purpose === 'court-claim' && outcome === 'accepted') return ['court-claim'];
      return [];
    case 'wait':
      if (outcome === 'elapsed' && before.has('fourteen-day-letter') && minimumDays(step.duration) >= FOURTEEN_DAY_PERIOD_DAYS) return ['fourteen-day-period'];
      return [];
    default:
      return [];
  }
}

const DAY_MS = 86_400_000;

export function fourteenDayPeriodOver(letterSentAtMs: number, nowMs: number): boolean {
  return nowMs - letterSentAtMs >= FOURTEEN_DAY_PERIOD_DAYS * DAY_MS;
}

export type RuntimeViolation = { rule: LegalRuleId; missing: Fact[] };

/** The run-time check, before an adverse step executes, over the facts the case recorded. */
export function runtimeViolations(step: Step, recorded: Partial<Record<Fact, number>>, nowMs: number): RuntimeViolation[] {
  const have = (f: Fact) =>
    f === 'fourteen-day-period'
      ? recorded['fourteen-day-letter'] !== undefined && fourteenDayPeriodOver(recorded['fourteen-day-letter'], nowMs)
      : recorded[f] !== undefined;
  return requirementsOf(step)
    .map((r) => ({ rule: r.rule, missing: r.needs.filter((f) => !have(f)) }))
    .filter((v) => v.missing.length > 0);
}
