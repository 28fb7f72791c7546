// Human words for a definition: step kinds, the fixed outcomes, decision conditions read as
// sentences, and a one-line summary per step. The designer draws nodes with these; the
// inbox, the case page and the server's messages can say the same things the same way.
import { caseEventTypes, caseOutcomes, channels, messagePurposes, partners, roles, segments, taskKinds, bailiffPurposes, type Label } from './catalog.ts';
import { formatDuration } from './duration.ts';
import { reservedWaitOutcome } from './outcomes.ts';
import type { Condition, Step, StepKind } from './schema.ts';
import { formatEuro } from './templates.ts';

export type Lang = 'nl' | 'en';

export const stepKindLabels: Record<StepKind, Label> = {
  start: { nl: 'Start', en: 'Start' },
  communicate: { nl: 'Bericht', en: 'Message' },
  wait: { nl: 'Wachten', en: 'Wait' },
  task: { nl: 'Taak', en: 'Task' },
  approval: { nl: 'Goedkeuring', en: 'Approval' },
  arrangement: { nl: 'Betalingsregeling', en: 'Payment arrangement' },
  handover: { nl: 'Overdracht', en: 'Handover' },
  decision: { nl: 'Keuze', en: 'Decision' },
  'collection-costs': { nl: 'Incassokosten', en: 'Collection costs' },
  end: { nl: 'Einde', en: 'End' },
};

export const stepKindHints: Record<StepKind, Label> = {
  start: { nl: 'Waar een zaak begint, of het nazorgpad na betaling', en: 'Where a case begins, or the aftercare path after payment' },
  communicate: { nl: 'Brief, e-mail, WhatsApp of sms uit de sjabloonbibliotheek', en: 'Letter, e-mail, WhatsApp or SMS from the template library' },
  wait: { nl: 'Wachttijd die een betaling of contact kan afbreken', en: 'A wait that a payment or contact can cut short' },
  task: { nl: 'Bellen, huisbezoek of andere taak voor een medewerker', en: 'A call, home visit or other task for a caseworker' },
  approval: { nl: 'Besluit door een of meer rollen, elk een ander persoon', en: 'A decision by one or more roles, each a different person' },
  arrangement: { nl: 'Termijnen volgen met herinneringen', en: 'Follow instalments with reminders' },
  handover: { nl: 'Schuldhulp, wijkteam, gemeente of deurwaarder', en: 'Debt help, neighbourhood team, municipality or bailiff' },
  decision: { nl: 'Kies een pad op segment, saldo of uitkomst', en: 'Pick a path by segment, balance or outcome' },
  'collection-costs': { nl: 'Incassokosten volgens de BIK-staffel', en: 'Collection costs on the BIK scale' },
  end: { nl: 'Sluit de zaak met een uitkomst', en: 'Closes the case with an outcome' },
};

const fixedOutcomes: Record<string, Label> = {
  next: { nl: 'Verder', en: 'Next' },
  sent: { nl: 'Verstuurd', en: 'Sent' },
  failed: { nl: 'Mislukt', en: 'Failed' },
  [reservedWaitOutcome]: { nl: 'Tijd verstreken', en: 'Time elapsed' },
  approved: { nl: 'Goedgekeurd', en: 'Approved' },
  rejected: { nl: 'Afgewezen', en: 'Rejected' },
  completed: { nl: 'Voldaan', en: 'Completed' },
  broken: { nl: 'Niet nagekomen', en: 'Broken' },
  accepted: { nl: 'Aangenomen', en: 'Accepted' },
  refused: { nl: 'Geweigerd', en: 'Refused' },
  otherwise: { nl: 'Anders', en: 'Otherwise' },
  charged: { nl: 'Berekend', en: 'Charged' },
};

/** The label of one outcome of a step: the task's own label, a branch label, or the fixed word. */
export function outcomeLabel(step: Step, outcome: string, lang: Lang = 'nl'): string {
  if (step.kind === 'task') {
    const o = step.outcomes.find((x) => x.id === outcome);
    if (o) return o.label;
  }
  if (step.kind === 'decision') {
    const b = step.branches.find((x) => x.id === outcome);
    if (b) return b.label;
  }
  if (step.kind === 'wait' && outcome !== reservedWaitOutcome) {
    const event = (caseEventTypes.labels as Record<string, Label>)[outcome];
    return event ? event[lang] : outcome;
  }
  return fixedOutcomes[outcome]?.[lang] ?? outcome;
}

const ops: Record<'lt' | 'lte' | 'gt' | 'gte', Label> = {
  lt: { nl: 'kleiner dan', en: 'less than' },
  lte: { nl: 'hoogstens', en: 'at most' },
  gt: { nl: 'groter dan', en: 'more than' },
  gte: { nl: 'minstens', en: 'at least' },
};
export const comparisonLabels = ops;

const list = (items: string[], lang: Lang) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'of' : 'or'} ${items[items.length - 1]}`;

/** A condition as a sentence a policy owner reads: "Segment is Nieuwe huurder of Lax payer". */
export function describeCondition(c: Condition, lang: Lang = 'nl', steps: readonly Step[] = []): string {
  switch (c.on) {
    case 'segment':
      return `${lang === 'nl' ? 'Segment is' : 'Segment is'} ${list(c.in.map((s) => segments.labels[s][lang]), lang)}`;
    case 'balance':
      return `${lang === 'nl' ? 'Openstaand bedrag is' : 'Balance is'} ${ops[c.op][lang]} ${formatEuro(c.cents)}`;
    case 'days-overdue':
      return `${lang === 'nl' ? 'Dagen achterstand is' : 'Days overdue is'} ${ops[c.op][lang]} ${c.days}`;
    case 'outcome': {
      const step = steps.find((s) => s.id === c.step);
      const name = step?.name ?? c.step;
      const outcome = step ? outcomeLabel(step, c.is, lang) : c.is;
      return lang === 'nl' ? `Uitkomst van "${name}" was "${outcome}"` : `Outcome of "${name}" was "${outcome}"`;
    }
  }
}

/** One line that says what a step does: channel and template, duration, role, partner. */
export function stepSummary(step: Step, lang: Lang = 'nl'): string {
  const within = (iso: string) => (lang === 'nl' ? `binnen ${formatDuration(iso, false, lang)}` : `within ${formatDuration(iso, false, lang)}`);
  switch (step.kind) {
    case 'start':
      return step.trigger === 'case-opened' ? (lang === 'nl' ? 'Zaak geopend' : 'Case opened') : lang === 'nl' ? 'Achterstand betaald (nazorg)' : 'Arrears paid (aftercare)';
    case 'communicate':
      return `${channels.labels[step.channel][lang]} · ${messagePurposes.labels[step.purpose][lang]}`;
    case 'wait':
      return formatDuration(step.duration, step.workingDays, lang);
    case 'task':
      return [taskKinds.labels[step.task][lang], roles.labels[step.role][lang], step.deadline ? within(step.deadline.within) : null].filter(Boolean).join(' · ');
    case 'approval':
      return step.levels.map((l) => roles.labels[l.role][lang]).join(' → ');
    case 'arrangement':
      return lang === 'nl'
        ? `max. ${step.maxInstalments} termijnen, min. ${formatEuro(step.minInstalmentCents)}`
        : `up to ${step.maxInstalments} instalments, min. ${formatEuro(step.minInstalmentCents)}`;
    case 'handover':
      return [partners.labels[step.partner][lang], step.purpose ? bailiffPurposes.labels[step.purpose][lang] : null, step.response ? within(step.response.within) : null]
        .filter(Boolean)
        .join(' · ');
    case 'decision':
      return step.branches.map((b) => b.label).join(' / ');
    case 'collection-costs':
      return lang === 'nl' ? 'BIK-staffel, eenmalig' : 'BIK scale, once';
    case 'end':
      return caseOutcomes.labels[step.outcome][lang];
  }
}
