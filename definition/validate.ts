// Checks a definition beyond its shape: one start, every outcome wired, every step reachable,
// no loop that spins without waiting, known templates, each step's own set-up (its kind's
// module), and the legal rules of legal.ts proven over every path. Every problem names its
// step and its rule.
import { checkAdvice } from './advice.ts';
import { StepGraph } from './graph.ts';
import { checkLegalRules } from './legal-paths.ts';
import { channels, type Label } from './catalog.ts';
import { outcomeLabel } from './describe.ts';
import type { Problem, Report } from './problems.ts';
import { shapeProblems } from './shape-problems.ts';
import { DefinitionSchema, type Definition, type Step } from './schema.ts';
import { kindOf } from './steps/index.ts';
import { notPreventive, purposeOf } from './prevention.ts';

export { adviceRules, structuralRules, type Problem, type RuleId } from './problems.ts';
export { guaranteedFacts } from './legal-paths.ts';

export type TemplateInfo = { id: string; channel: string; name?: string };
export type ValidationContext = {
  /** The template library; without it, template references are not checked. */
  templates?: TemplateInfo[];
};

export type ValidationResult =
  | { ok: true; definition: Definition; problems: Problem[] }
  | { ok: false; definition?: Definition; problems: Problem[] };

export function validateDefinition(input: unknown, ctx: ValidationContext = {}): ValidationResult {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: shapeProblems(parsed.error.issues, input) };
  const definition = parsed.data;
  const problems = checkDefinition(definition, ctx);
  return problems.some((p) => p.severity === 'error') ? { ok: false, definition, problems } : { ok: true, definition, problems };
}

type ErrorReport = (rule: Problem['rule'], text: Label, message: string, stepId?: string, field?: string) => void;

export function checkDefinition(def: Definition, ctx: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (p) => problems.push(p);
  const error: ErrorReport = (rule, text, message, stepId, field) => report({ severity: 'error', rule, text, message, ...(stepId ? { stepId } : {}), ...(field ? { field } : {}) });

  const seen = new Set<string>();
  for (const step of def.steps) {
    if (seen.has(step.id)) error('unique-ids', { nl: `De code ‘${step.id}’ staat bij meer dan één stap; geef elke stap een eigen code.`, en: `The code ‘${step.id}’ is on more than one step; give every step its own code.` }, `Step id "${step.id}" is used more than once`, step.id, 'id');
    seen.add(step.id);
  }
  const graph = new StepGraph(def);

  const opening = def.steps.filter((s) => s.kind === 'start' && (s.trigger === 'case-opened' || s.trigger === 'risk-signal'));
  const aftercare = def.steps.filter((s) => s.kind === 'start' && s.trigger === 'balance-cleared');
  if (opening.length === 0) error('start', { nl: 'Er is geen start waar zaken beginnen. Sleep een start uit het palet.', en: 'There is no start where cases open. Drag a start from the palette.' }, 'There is no start step where cases open');
  for (const extra of opening.slice(1)) error('start', { nl: 'Dit is een tweede start waar zaken beginnen; een proces heeft er precies één.', en: 'This is a second start where cases open; a process has exactly one.' }, `Step "${extra.id}" is a second start where cases open; there must be exactly one`, extra.id, 'trigger');
  for (const extra of aftercare.slice(1)) error('start', { nl: 'Dit is een tweede start voor nazorg; een proces heeft er hoogstens één.', en: 'This is a second aftercare start; a process has at most one.' }, `Step "${extra.id}" is a second aftercare start; there may be at most one`, extra.id, 'trigger');

  if (purposeOf(def) === 'prevention') {
    for (const step of def.steps) {
      const why = notPreventive(step);
      if (why) error('prevention', why, `Step "${step.id}" has no place in a prevention process: ${why.en}`, step.id);
    }
  }

  for (const step of def.steps) {
    checkWiring(step, graph, error);
    checkTemplates(step, ctx, error);
    for (const said of kindOf(step).check(step, graph)) error('step-setup', said, `Step "${step.id}": ${said.en}`, step.id);
  }

  if (opening.length > 0) {
    const reachable = graph.reachableFrom(graph.starts().map((s) => s.id));
    for (const step of def.steps) {
      if (!reachable.has(step.id))
        error('unreachable', { nl: 'Geen verbinding leidt naar deze stap, dus geen zaak komt er ooit. Verbind een uitkomst van een eerdere stap ermee, of verwijder hem.', en: 'No wire leads to this step, so no case ever gets here. Wire an outcome of an earlier step to it, or delete it.' }, `Step "${step.id}" cannot be reached from a start`, step.id);
    }
  }

  for (const cycle of graph.cycles()) {
    if (!cycle.some((id) => { const s = graph.step(id)!; return kindOf(s).blocks(s); })) {
      const names = cycle.map((id) => graph.step(id)!.name).join(' → ');
      error('loop-without-wait', { nl: `De stappen ${names} vormen een kring zonder wachttijd of medewerker; een zaak zou er eindeloos in rondgaan. Zet een wachtstap of taak in de kring.`, en: `The steps ${names} form a loop without a wait or a person; a case would go round it forever. Put a wait or a task in the loop.` }, `Steps ${cycle.map((id) => `"${id}"`).join(' → ')} form a loop without a wait or a human step; a case would spin in it`, cycle[0]);
    }
  }

  checkLegalRules(graph, report);
  checkAdvice(graph, report);
  return problems;
}

function checkWiring(step: Step, graph: StepGraph, error: ErrorReport) {
  const outcomes = graph.outcomesOf(step);
  for (const outcome of outcomes) {
    const to = step.next[outcome];
    const label = { nl: outcomeLabel(step, outcome, 'nl'), en: outcomeLabel(step, outcome, 'en') };
    if (to === undefined)
      error('unwired-outcome', { nl: `Uitkomst ‘${label.nl}’ is nog niet verbonden met een volgende stap.`, en: `Outcome ‘${label.en}’ is not connected to a next step yet.` }, `Step "${step.id}": outcome "${outcome}" is not connected to a next step`, step.id);
    else if (!graph.step(to))
      error('unknown-target', { nl: `Uitkomst ‘${label.nl}’ leidt naar een stap die er niet meer is. Verbind hem opnieuw.`, en: `Outcome ‘${label.en}’ leads to a step that is no longer there. Wire it again.` }, `Step "${step.id}": outcome "${outcome}" leads to "${to}", which does not exist`, step.id);
  }
  for (const key of Object.keys(step.next)) {
    if (!outcomes.includes(key)) error('unknown-outcome', { nl: 'Deze stap heeft een verbinding vanaf een uitkomst die hij niet meer heeft. Verwijder die verbinding.', en: 'This step has a wire from an outcome it no longer has. Remove that wire.' }, `Step "${step.id}" has no outcome "${key}" to connect`, step.id);
  }
}

function checkTemplates(step: Step, ctx: ValidationContext, error: ErrorReport) {
  if (!ctx.templates) return;
  for (const { channel, template } of kindOf(step).templates(step)) {
    const found = ctx.templates.find((t) => t.id === template);
    const named = found?.name ?? template;
    const ch = { nl: channels.labels[channel]?.nl ?? channel, en: channels.labels[channel]?.en ?? channel };
    if (!found) error('unknown-template', { nl: `Het sjabloon ‘${template}’ staat niet (meer) in de bibliotheek. Kies een ander sjabloon.`, en: `The template ‘${template}’ is not in the library (any more). Choose another template.` }, `Step "${step.id}": template "${template}" is not in the template library`, step.id, 'template');
    else if (found.channel !== channel) error('template-channel', { nl: `Het sjabloon ‘${named}’ is niet voor ${ch.nl.toLowerCase()}. Kies een sjabloon voor dit kanaal.`, en: `The template ‘${named}’ is not for ${ch.en.toLowerCase()}. Choose a template for this channel.` }, `Step "${step.id}": template "${template}" is a ${found.channel} template, not ${channel}`, step.id, 'template');
  }
}
