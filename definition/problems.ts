// A problem found in a definition: which rule, which step, and for a legal rule the path that
// breaks it and what is missing on it. The designer shows these; publishing refuses errors.
import type { Label } from './catalog.ts';
import type { Fact, LegalAdviceId, LegalRuleId } from './legal.ts';

export const structuralRules = {
  shape: 'Every field has a valid value',
  'unique-ids': 'Step ids are unique',
  start: 'Exactly one start where cases open (arrears or risk signal); at most one aftercare start',
  prevention: 'A prevention process never escalates: nothing adverse, no costs, no bailiff, no municipality signal',
  'unknown-target': 'Every outcome leads to an existing step',
  'unwired-outcome': 'Every outcome is connected to a next step',
  'unknown-outcome': 'Connections only from outcomes the step has',
  unreachable: 'Every step can be reached from a start',
  'loop-without-wait': 'Every loop waits for time or a person',
  'unknown-template': 'Templates exist in the template library',
  'template-channel': 'A template matches the channel of its step',
  'step-setup': 'A step is set up consistently',
} as const;

export const adviceRules = {
  'channel-change': 'After a letter without response, change channel instead of sending another letter',
  'contact-before-fourteen-day-letter': 'Try personal contact before the 14-day letter',
  aftercare: 'Plan aftercare once the arrears are paid',
  'arrangement-broken-message': 'Tell the tenant when an arrangement stops, and what happens next',
} as const;

export type RuleId = keyof typeof structuralRules | LegalRuleId | LegalAdviceId | keyof typeof adviceRules;

export type Problem = {
  severity: 'error' | 'warning';
  rule: RuleId;
  /** The step the problem concerns, when there is one. */
  stepId?: string;
  /** For legal rules: a path from the start that breaks the rule. */
  path?: string[];
  /** For legal rules: what must have happened before the step and is not guaranteed to. */
  missing?: Fact[];
  /** For a legal problem whose cause is an earlier step: the later steps that may not run because of it. */
  affects?: string[];
  /** The field of the step to change, as its path in the step ("template", "offersMunicipalitySignal"). */
  field?: string;
  /** The problem for a policy owner: steps by their names, no codes or field paths, in Dutch and English. */
  text: Label;
  /** The same for logs and API clients, with step codes. */
  message: string;
};

export type Report = (problem: Problem) => void;
