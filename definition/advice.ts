// Advice from the sources, as warnings: nothing forbids it, but tenants are better served otherwise.
import type { StepGraph } from './graph.ts';
import { guaranteedFacts } from './legal-paths.ts';
import type { Report } from './problems.ts';
import { purposeOf } from './prevention.ts';

export function checkAdvice(graph: StepGraph, report: Report) {
  const steps = graph.definition.steps;
  for (const step of steps) {
    if (step.kind !== 'communicate' || step.channel !== 'letter') continue;
    // Follow the path through waits and decisions only: another letter there means no new channel was tried.
    const stack = (graph.out.get(step.id) ?? []).filter((e) => e.outcome === 'sent').map((e) => e.to);
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const next = graph.step(id)!;
      if (next.kind === 'communicate' && next.channel === 'letter') {
        report({
          severity: 'warning',
          rule: 'channel-change',
          stepId: next.id,
          text: {
            nl: `Deze brief volgt zonder ander kanaal op de brief ‘${step.name}’. Kies liever WhatsApp, sms of bellen als een brief geen reactie geeft.`,
            en: `This letter follows the letter ‘${step.name}’ with no other channel in between. When a letter gets no response, prefer WhatsApp, SMS or a call.`,
          },
          field: 'channel',
          message: `Step "${next.id}" sends a letter right after the letter of "${step.id}"; the sources advise another channel (WhatsApp, a call) when a letter gets no response`,
        });
        continue;
      }
      if (next.kind === 'wait' || next.kind === 'decision') for (const e of graph.out.get(id) ?? []) stack.push(e.to);
    }
  }
  const guaranteed = guaranteedFacts(graph);
  for (const step of steps) {
    if (step.kind === 'communicate' && step.purpose === 'fourteen-day-letter' && guaranteed.has(step.id) && !guaranteed.get(step.id)!.has('contact-attempt')) {
      report({
        severity: 'warning',
        rule: 'contact-before-fourteen-day-letter',
        stepId: step.id,
        text: {
          nl: 'Op een pad naar deze veertiendagenbrief is nog niet gebeld of langsgegaan. Probeer eerst persoonlijk contact.',
          en: 'On a path to this 14-day letter nobody has called or visited yet. Try personal contact first.',
        },
        message: `Step "${step.id}" sends the 14-day letter on a path without any personal contact before it; the sources advise calling or visiting first`,
      });
    }
  }
  for (const step of steps) {
    if (step.kind === 'arrangement' && !step.broken) {
      report({
        severity: 'warning',
        rule: 'arrangement-broken-message',
        stepId: step.id,
        text: {
          nl: 'Als de regeling niet wordt nagekomen, krijgt de huurder geen bericht. Laat weten dat de regeling stopt en wat er nu gebeurt.',
          en: 'When the arrangement is broken the tenant gets no message. Tell them it stopped and what happens next.',
        },
        message: `Step "${step.id}" ends a broken arrangement without a message; the tenant should hear that it stopped and what happens next`,
      });
    }
  }
  // A prevention process has no arrears to be paid, so no aftercare either.
  if (purposeOf({ steps }) === 'arrears' && !steps.some((s) => s.kind === 'start' && s.trigger === 'balance-cleared')) {
    report({
      severity: 'warning',
      rule: 'aftercare',
      text: {
        nl: 'Er is geen nazorg voor als de achterstand betaald is. De bronnen raden aan een paar weken later te bellen: voeg een start ‘Achterstand betaald’ toe.',
        en: 'There is no aftercare for when the arrears are paid. The sources advise a call some weeks later: add an ‘arrears paid’ start.',
      },
      message: 'There is no aftercare path for when the arrears are paid; the sources advise a call some weeks later' });
  }
}
