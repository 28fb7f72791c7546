// What the definition language knows about one step kind. Every kind module fills in all of
// it (no defaults): a new kind does not compile until someone has said which outcomes it
// has, whether it blocks, what it requires and establishes under the law, and how it reads.
import type { Channel, Label } from '../catalog.ts';
import type { Fact, Requirement } from '../legal.ts';

export type Lang = 'nl' | 'en';

/** What a kind's checks may ask of the rest of the definition (graph.ts's StepGraph is one). */
export type DefinitionView = {
  step(id: string): { id: string; kind: string; name: string } | undefined;
  outcomesOf(step: { id: string; kind: string }): string[];
};

export type StepKindDefinition<S> = {
  label: Label;
  hint: Label;
  /** The outcomes this step can end with; every one must lead to a next step. */
  outcomes(step: S): string[];
  /** A label for an outcome this kind names itself (a task's own label, a branch's); else the fixed word is used. */
  outcomeLabel(step: S, outcome: string, lang: Lang): string | undefined;
  /** One line that says what the step does: channel and template, duration, role, partner. */
  summary(step: S, lang: Lang): string;
  /** The case stops here for time or a person; a loop in the graph must pass such a step. */
  blocks(step: S): boolean;
  /** A person decides how it ends (GDPR art. 22: a person decides before an adverse step). */
  decidedByPerson(step: S): boolean;
  /** Harms the tenant's position: no segment or score alone may lead to it. */
  adverse(step: S): boolean;
  /** What the law wants established before this step may run; checked at publish time over every path and again at run time. */
  requires(step: S): Requirement[];
  /** What the step establishes when it ends with `outcome`, given what was established before. */
  establishes(step: S, outcome: string, before: ReadonlySet<Fact>): Fact[];
  /** The message templates the step uses, to check against the library. */
  templates(step: S): Array<{ channel: Channel; template: string }>;
  /** Set-up problems of this step alone (or against the graph), as sentences a policy owner reads, without the step's name. */
  check(step: S, graph: DefinitionView): Label[];
  /** What to change on this step so that it establishes `fact`, where one of its settings does that (a reminder's offer to the municipality). */
  remedy(step: S, fact: Fact): Remedy | undefined;
};

/** A change to one field of a step, in words. */
export type Remedy = { text: Label; field: string };

/** Duplicate entries of a list, for "listed twice" checks. */
export function firstDuplicate<T>(items: readonly T[]): T | undefined {
  return items.find((item, i) => items.indexOf(item) !== i);
}

export const noTemplates = (): [] => [];
export const noProblems = (): Label[] => [];
export const noRemedy = (): undefined => undefined;
export const none = (): [] => [];
export const never = (): false => false;
