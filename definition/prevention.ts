// Prevention before arrears (the sources' first chapter): a process a policy owner draws like
// the ladder, started on a risk signal instead of on arrears. What makes a definition one, and
// what it may not hold: it never escalates, so nothing in it is adverse, it charges no costs,
// involves no bailiff and sends no official municipality signal (that comes only after the
// legal steps of an arrears case). The validator (validate.ts) reports these as problems; the
// interpreter reads `purposeOf` to keep a prevention process open whatever the balance does.
import { riskSignals, type Label, type RiskSignal } from './catalog.ts';
import type { Step } from './steps/index.ts';
import { kindOf } from './steps/index.ts';

export type CasePurpose = 'arrears' | 'prevention';
export const casePurposes = ['arrears', 'prevention'] as const satisfies readonly CasePurpose[];

type StartLike = { kind: string; trigger?: string; signals?: readonly RiskSignal[] | undefined };

/** A definition whose start takes risk signals is a prevention process; every other one is an arrears ladder. */
export function purposeOf(definition: { steps: readonly StartLike[] }): CasePurpose {
  return definition.steps.some((s) => s.kind === 'start' && s.trigger === 'risk-signal') ? 'prevention' : 'arrears';
}

/** The risk signals a prevention definition starts on: those its start lists, or all of them. */
export function signalsOf(definition: { steps: readonly StartLike[] }): RiskSignal[] {
  const start = definition.steps.find((s) => s.kind === 'start' && s.trigger === 'risk-signal');
  if (!start) return [];
  return start.signals && start.signals.length > 0 ? [...start.signals] : [...riskSignals.ids];
}

/** Why a step has no place in a prevention process, in words for the policy owner; undefined when it has. */
export function notPreventive(step: Step): Label | undefined {
  if (step.kind === 'start' && step.trigger === 'balance-cleared')
    return { nl: 'Een preventieproces heeft geen nazorgstart: er is geen achterstand die betaald wordt. Verwijder deze start.', en: 'A prevention process has no aftercare start: there are no arrears to be paid. Delete this start.' };
  if (step.kind === 'collection-costs') return { nl: 'Een preventieproces rekent geen incassokosten. Verwijder deze stap.', en: 'A prevention process charges no collection costs. Delete this step.' };
  if (step.kind === 'handover' && step.partner === 'bailiff') return { nl: 'Een preventieproces schakelt nooit de deurwaarder in. Verwijder deze stap.', en: 'A prevention process never involves the bailiff. Delete this step.' };
  if (step.kind === 'handover' && step.partner === 'municipality-signal')
    return {
      nl: 'De melding aan de gemeente hoort bij een achterstandszaak, na de wettelijke stappen. Verwijs in preventie naar de gratis schuldhulp van de gemeente (een bericht of taak).',
      en: 'The municipality signal belongs to an arrears case, after the legal steps. In prevention, point to the municipality’s free debt help instead (a message or task).',
    };
  if (step.kind === 'end' && step.outcome !== 'completed' && step.outcome !== 'cancelled')
    return { nl: 'Een preventieproces eindigt als ‘Afgerond’ (of ‘Geannuleerd’).', en: 'A prevention process ends as ‘Completed’ (or ‘Cancelled’).' };
  if (kindOf(step).adverse(step)) return { nl: 'Een preventieproces escaleert nooit: deze stap is nadelig voor de huurder. Verwijder hem.', en: 'A prevention process never escalates: this step harms the tenant’s position. Delete it.' };
  return undefined;
}
