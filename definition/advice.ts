// Advice from the sources, as warnings: nothing forbids it, but tenants are better served otherwise.
import type { StepGraph } from './graph.ts';
import { guaranteedFacts } from './legal-paths.ts';
import type { Report } from './problems.ts';

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
        message: `Step "${step.id}" ends a broken arrangement without a message; the tenant should hear that it stopped and what happens next`,
      });
    }
  }
  if (!steps.some((s) => s.kind === 'start' && s.trigger === 'balance-cleared')) {
    report({ severity: 'warning', rule: 'aftercare', message: 'There is no aftercare path for when the arrears are paid; the sources advise a call some weeks later' });
  }
}
