// The legal rules of domain.md as facts and requirements. A step's outcome can establish a
// fact ("a written reminder offering the municipality report was sent"); an adverse step
// requires facts before it. Which kind establishes or requires what is said by the kind's
// module (steps/); legal-paths.ts proves at publish time that every path to a step has what
// it requires, and the interpreter's loop checks again at run time, with the facts the case
// recorded, before any step that has requirements.
import { minimumDays } from './duration.ts';

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
  'household-assessed',
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
  'household-assessed': {
    nl: 'een beoordeling van de gezinssituatie door een medewerker (of de vaststelling dat er geen minderjarigen in huis wonen)',
    en: "a person's assessment of the household (or the finding that no minors live there)",
  },
};

/** Days the post takes to deliver the 14-day letter; the 14 days count from the day after receipt. */
export const DELIVERY_DAYS = 2;
export const FOURTEEN_DAY_PERIOD_DAYS = 14 + DELIVERY_DAYS;
/** Courts such as Rotterdam's want two to six months between the municipality signal and the summons. */
export const SIGNAL_TO_SUMMONS = 'P2M';
export const SIGNAL_TO_SUMMONS_DAYS = minimumDays(SIGNAL_TO_SUMMONS);

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
    nl: 'De melding aan de gemeente komt pas na een schriftelijke herinnering met het aanbod aan de gemeente, een poging tot persoonlijk contact en een verwijzing naar schuldhulp; weigert de huurder, dan volgt geen melding',
    en: 'The municipality signal comes only after a written reminder offering the municipality report, a personal-contact attempt and a debt-help referral; a refusal by the tenant blocks it',
  },
  'signal-minimum-data': {
    number: 3,
    source: 'Bgs art. 2; AVG art. 5',
    nl: 'De melding aan de gemeente bevat alleen de contactgegevens van de huurder en het bedrag van de achterstand',
    en: "The municipality signal carries only the tenant's contact details and the arrears amount",
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
  'household-assessment': {
    number: 8,
    source: 'sectorafspraken 2022 (Aedes, VNG, NVVK)',
    nl: 'Bij minderjarigen in het huishouden beoordeelt een medewerker de situatie vóór een dagvaarding of aanzegging tot ontruiming',
    en: 'A household with minors gets a human assessment before a summons or an eviction notice',
  },
  'human-decision': {
    number: 9,
    source: 'AVG art. 22',
    nl: 'Geen nadelige stap op grond van alleen een segment: eerst beslist een mens',
    en: 'No adverse step on the strength of a segment alone: a person decides first',
  },
} as const;
export type LegalRuleId = keyof typeof legalRules;

/** Advice from case law, shown as a warning: the law does not forbid it, a court may frown on it. */
export const legalAdvice = {
  'signal-to-summons': {
    source: 'rechtspraak (o.a. Rechtbank Rotterdam)',
    nl: 'Laat tussen de melding aan de gemeente en de dagvaarding minstens twee maanden (rechtbanken vragen 2 tot 6 maanden)',
    en: 'Leave at least two months between the municipality signal and the summons (courts ask for 2 to 6 months)',
  },
} as const;
export type LegalAdviceId = keyof typeof legalAdvice;

/** What must be established before a step: every fact in `needs`. */
export type Requirement = { rule: LegalRuleId; needs: Fact[] };

/** The four preconditions of rules 1 and 2 (Bgs art. 2). */
export const bailiffPreconditions: Fact[] = ['written-reminder', 'municipality-offer', 'contact-attempt', 'debt-help-referral'];

export const householdAssessment: Requirement = { rule: 'household-assessment', needs: ['household-assessed'] };

const DAY_MS = 86_400_000;

export function fourteenDayPeriodOver(letterSentAtMs: number, nowMs: number): boolean {
  return nowMs - letterSentAtMs >= FOURTEEN_DAY_PERIOD_DAYS * DAY_MS;
}

export type RuntimeViolation = { rule: LegalRuleId; missing: Fact[] };

/**
 * The run-time check, over the facts the case recorded (fact → business time). The 14-day
 * period is measured in real case time since the letter, not inferred from a wait's length.
 */
export function runtimeViolations(requirements: readonly Requirement[], recorded: Partial<Record<Fact, number>>, nowMs: number): RuntimeViolation[] {
  const have = (f: Fact) =>
    f === 'fourteen-day-period'
      ? recorded['fourteen-day-letter'] !== undefined && fourteenDayPeriodOver(recorded['fourteen-day-letter'], nowMs)
      : recorded[f] !== undefined;
  return requirements
    .map((r) => ({ rule: r.rule, missing: r.needs.filter((f) => !have(f)) }))
    .filter((v) => v.missing.length > 0);
}
