// Checks a definition beyond its shape: one start, every outcome wired, every step reachable,
// no loop that spins without waiting, known templates, each step's own set-up (its kind's
// module), and the legal rules of legal.ts proven over every path. Every problem names its
// step and its rule.
import { checkAdvice } from './advice.ts';
import { StepGraph } from './graph.ts';
import { checkLegalRules } from './legal-paths.ts';
import type { Problem, Report } from './problems.ts';
import { DefinitionSchema, type Definition, type Step } from './schema.ts';
import { kindOf } from './steps/index.ts';

export { adviceRules, structuralRules, type Problem, type RuleId } from './problems.ts';
export { guaranteedFacts } from './legal-paths.ts';

export type TemplateInfo = { id: string; channel: string };
export type ValidationContext = {
  /** The template library; without it, template references are not checked. */
  templates?: TemplateInfo[];
};

export type ValidationResult =
  | { ok: true; definition: Definition; problems: Problem[] }
  | { ok: false; definition?: Definition; problems: Problem[] };

export function validateDefinition(input: unknown, ctx: ValidationContext = {}): ValidationResult {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const steps = isRecord(input) && Array.isArray(input.steps) ? input.steps : [];
    const problems = parsed.error.issues.map((issue): Problem => {
      const [head, index, ...rest] = issue.path;
      const raw = head === 'steps' && typeof index === 'number' ? steps[index] : undefined;
      const stepId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
      const where = head === 'steps' && typeof index === 'number' ? rest.join('.') : issue.path.join('.');
      const prefix = stepId ? `Step "${stepId}"` : head === 'steps' && typeof index === 'number' ? `Step ${index + 1}` : 'Definition';
      return { severity: 'error', rule: 'shape', stepId, message: `${prefix}${where ? `, ${where}` : ''}: ${issue.message}` };
    });
    return { ok: false, problems };
  }
  const definition = parsed.data;
  const problems = checkDefinition(definition, ctx);
  return problems.some((p) => p.severity === 'error') ? { ok: false, definition, problems } : { ok: true, definition, problems };
}

export function checkDefinition(def: Definition, ctx: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (p) => problems.push(p);
  const error = (rule: Problem['rule'], message: string, stepId?: string) => report({ severity: 'error', rule, message, ...(stepId ? { stepId } : {}) });

  const seen = new Set<string>();
  for (const step of def.steps) {
    if (seen.has(step.id)) error('unique-ids', `Step id "${step.id}" is used more than once`, step.id);
    seen.add(step.id);
  }
  const graph = new StepGraph(def);

  const opening = def.steps.filter((s) => s.kind === 'start' && s.trigger === 'case-opened');
  const aftercare = def.steps.filter((s) => s.kind === 'start' && s.trigger === 'balance-cleared');
  if (opening.length === 0) error('start', 'There is no start step where cases open');
  for (const extra of opening.slice(1)) error('start', `Step "${extra.id}" is a second start where cases open; there must be exactly one`, extra.id);
  for (const extra of aftercare.slice(1)) error('start', `Step "${extra.id}" is a second aftercare start; there may be at most one`, extra.id);

  for (const step of def.steps) {
    checkWiring(step, graph, error);
    checkTemplates(step, ctx, error);
    for (const message of kindOf(step).check(step, graph)) error('step-setup', `Step "${step.id}": ${message}`, step.id);
  }

  if (opening.length > 0) {
    const reachable = graph.reachableFrom(graph.starts().map((s) => s.id));
    for (const step of def.steps) {
      if (!reachable.has(step.id)) error('unreachable', `Step "${step.id}" cannot be reached from a start`, step.id);
    }
  }

  for (const cycle of graph.cycles()) {
    if (!cycle.some((id) => { const s = graph.step(id)!; return kindOf(s).blocks(s); })) {
      error('loop-without-wait', `Steps ${cycle.map((id) => `"${id}"`).join(' → ')} form a loop without a wait or a human step; a case would spin in it`, cycle[0]);
    }
  }

  checkLegalRules(graph, report);
  checkAdvice(graph, report);
  return problems;
}

type ErrorReport = (rule: Problem['rule'], message: string, stepId?: string) => void;

function checkWiring(step: Step, graph: StepGraph, error: ErrorReport) {
  const outcomes = graph.outcomesOf(step);
  for (const outcome of outcomes) {
    const to = step.next[outcome];
    if (to === undefined) error('unwired-outcome', `Step "${step.id}": outcome "${outcome}" is not connected to a next step`, step.id);
    else if (!graph.step(to)) error('unknown-target', `Step "${step.id}": outcome "${outcome}" leads to "${to}", which does not exist`, step.id);
  }
  for (const key of Object.keys(step.next)) {
    if (!outcomes.includes(key)) error('unknown-outcome', `Step "${step.id}" has no outcome "${key}" to connect`, step.id);
  }
}

function checkTemplates(step: Step, ctx: ValidationContext, error: ErrorReport) {
  if (!ctx.templates) return;
  for (const { channel, template } of kindOf(step).templates(step)) {
    const found = ctx.templates.find((t) => t.id === template);
    if (!found) error('unknown-template', `Step "${step.id}": template "${template}" is not in the template library`, step.id);
    else if (found.channel !== channel) error('template-channel', `Step "${step.id}": template "${template}" is a ${found.channel} template, not ${channel}`, step.id);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
