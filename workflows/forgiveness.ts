// Kwijtschelding proposed from the case page: wherever the case stands, the caseworker who
// sees that paying is out of reach proposes an amount with the reasoning, once. The case
// leaves its step (its open task closes) and enters the definition's forgiveness approval
// with the proposal as its first level; the later levels decide as always.
import { proposableForgiveness } from '../definition/steps/approval.ts';
import { roleRefusal } from '../definition/access.ts';
import type { CaseState } from './case-state.ts';
import { ProposeForgivenessSchema } from './messages.ts';
import { parseOrRefuse, refusal, refuse, whileOpen } from './refusal.ts';

/** The checks of a proposal, shared by the validator and the handler; throws a typed refusal. */
export function checkProposal(s: CaseState, raw: unknown) {
  const input = parseOrRefuse(ProposeForgivenessSchema, raw);
  whileOpen(s);
  const d = s.data;
  const step = proposableForgiveness(s.definition.steps);
  if (!step) throw refusal('conflict', `the process "${d.definition.id}" version ${d.definition.version} has no forgiveness approval that starts with a proposal`);
  refuse(roleRefusal({ title: `${step.name}: ${step.levels[0]!.label}`, roles: [step.levels[0]!.role] }, input.actor));
  const current = d.current ? s.step(d.current.stepId) : undefined;
  const why =
    s.pendingProposal || current?.kind === 'approval'
      ? 'an approval is already under way for this case; decide it first'
      : d.phase !== 'ladder'
        ? 'the arrears are settled; there is nothing left to forgive on the ladder'
        : d.paused
          ? 'the case is paused; resume it first, then propose'
          : d.current?.run?.kind === 'arrangement'
            ? 'the case is in a payment arrangement; a forgiveness of the rest is proposed when it ends or breaks'
            : d.awaitingHandover
              ? 'the case waits for a partner’s answer to a handover; record that answer first'
              : null;
  if (why) throw refusal('conflict', `a forgiveness cannot be proposed now: ${why}`);
  if (input.amountCents > d.balanceCents) {
    const message = `amountCents ${input.amountCents} is more than the balance of ${d.balanceCents}`;
    throw refusal('invalid', message, [{ field: 'amountCents', message }]);
  }
  return { input, step };
}
