// Checks a definition beyond its shape: one start, every outcome wired, every step reachable,
// no loop that spins without waiting, known roles and templates, and the legal rules of
// legal.ts proven over every path. Every problem names its step and its rule.
import { writtenChannels } from './catalog.ts';
import { StepGraph } from './graph.ts';
import {
  facts,
  factLabels,
  factsEstablished,
  isAdverseStep,
  legalRules,
  requirementsOf,
  type Fact,
  type LegalRuleId,
} from './legal.ts';
import { isBlockingStep, isHumanStep, outcomesOf, reservedWaitOutcome } from './outcomes.ts';
import { DefinitionSchema, type Definition, type Step } from './schema.ts';

export const structuralRules = {
  shape: 'Every field has a valid value',
  'unique-ids': 'Step ids are unique',
  start: 'Exactly one start where cases open; at most one aftercare start',
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
} as const;

export type RuleId = keyof typeof structuralRules | LegalRuleId | keyof typeof adviceRules;

export type Problem = {
  severity: 'error' | 'warning';
  rule: RuleId;
  /** The step the problem concerns, when there is one. */
  stepId?: string;
  /** For legal rules: a path from the start that breaks the rule. */
  path?: string[];
  /** For legal rules: what must have happened before the step and is not guaranteed to. */
  missing?: Fact[];
  message: string;
};

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
  const error = (rule: RuleId, message: string, stepId?: string, path?: string[], missing?: Fact[]) =>
    problems.push({ severity: 'error', rule, message, ...(stepId ? { stepId } : {}), ...(path ? { path } : {}), ...(missing ? { missing } : {}) });
  const warn = (rule: RuleId, message: string, stepId?: string) => problems.push({ severity: 'warning', rule, message, ...(stepId ? { stepId } : {}) });

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
    const outcomes = outcomesOf(step);
    for (const outcome of outcomes) {
      const to = step.next[outcome];
      if (to === undefined) error('unwired-outcome', `Step "${step.id}": outcome "${outcome}" is not connected to a next step`, step.id);
      else if (!graph.step(to)) error('unknown-target', `Step "${step.id}": outcome "${outcome}" leads to "${to}", which does not exist`, step.id);
    }
    for (const key of Object.keys(step.next)) {
      if (!outcomes.includes(key)) error('unknown-outcome', `Step "${step.id}" has no outcome "${key}" to connect`, step.id);
    }
    checkStepSetup(step, graph, ctx, error);
  }

  if (opening.length > 0) {
    const reachable = graph.reachableFrom(graph.starts().map((s) => s.id));
    for (const step of def.steps) {
      if (!reachable.has(step.id)) error('unreachable', `Step "${step.id}" cannot be reached from a start`, step.id);
    }
  }

  for (const cycle of graph.cycles()) {
    if (!cycle.some((id) => isBlockingStep(graph.step(id)!))) {
      error('loop-without-wait', `Steps ${cycle.map((id) => `"${id}"`).join(' → ')} form a loop without a wait or a human step; a case would spin in it`, cycle[0]);
    }
  }

  checkLegalRules(graph, error);
  checkAdvice(def, graph, warn);
  return problems;
}

type Report = (rule: RuleId, message: string, stepId?: string, path?: string[], missing?: Fact[]) => void;

function checkStepSetup(step: Step, graph: StepGraph, ctx: ValidationContext, error: Report) {
  const setup = (message: string) => error('step-setup', `Step "${step.id}": ${message}`, step.id);
  const template = (channel: string, id: string) => {
    if (!ctx.templates) return;
    const found = ctx.templates.find((t) => t.id === id);
    if (!found) error('unknown-template', `Step "${step.id}": template "${id}" is not in the template library`, step.id);
    else if (found.channel !== channel) error('template-channel', `Step "${step.id}": template "${id}" is a ${found.channel} template, not ${channel}`, step.id);
  };
  switch (step.kind) {
    case 'communicate':
      template(step.channel, step.template);
      if (step.offersMunicipalitySignal && !(step.purpose === 'reminder' && (writtenChannels as readonly string[]).includes(step.channel)))
        setup('only a written reminder (letter or e-mail) can carry the offer to the municipality');
      break;
    case 'wait': {
      const dup = step.endsOn.find((e, i) => step.endsOn.indexOf(e) !== i);
      if (dup) setup(`the wait ends on "${dup}" twice`);
      if (step.endsOn.includes(reservedWaitOutcome)) setup(`"${reservedWaitOutcome}" is the wait's own outcome when its time runs out`);
      break;
    }
    case 'task': {
      const ids = step.outcomes.map((o) => o.id);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) setup(`outcome "${dup}" is listed twice`);
      for (const outcome of step.outcomes) {
        const fieldIds = outcome.fields.map((f) => f.id);
        const dupField = fieldIds.find((f, i) => fieldIds.indexOf(f) !== i);
        if (dupField) setup(`outcome "${outcome.id}" has field "${dupField}" twice`);
        for (const field of outcome.fields) {
          if (field.type === 'choice' && !field.options?.length) setup(`field "${field.id}" is a choice without options`);
        }
        if ((outcome.meaning === 'judgment-granted' || outcome.meaning === 'judgment-denied') && step.task !== 'court-judgment')
          setup(`outcome "${outcome.id}" records a judgment, which only a court-judgment task can do`);
        if (outcome.arrangement) {
          const to = graph.step(step.next[outcome.id] ?? '');
          if (to && to.kind !== 'arrangement') setup(`outcome "${outcome.id}" records an instalment plan, so it must lead to a payment-arrangement step`);
        }
      }
      for (const action of step.deadline?.onExpiry ?? []) {
        if (action.action === 'outcome' && !ids.includes(action.outcome)) setup(`the deadline picks outcome "${action.outcome}", which the task does not have`);
      }
      break;
    }
    case 'approval': {
      const ids = step.levels.map((l) => l.id);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) setup(`approval level "${dup}" is listed twice`);
      step.levels.forEach((level, i) => {
        if (level.proposes && i > 0) setup(`level "${level.id}" proposes, but only the first level can make the proposal`);
      });
      if (step.subject === 'forgiveness' && !step.levels[0]?.proposes) setup('a forgiveness approval starts with a level that proposes the amount');
      break;
    }
    case 'arrangement':
      template(step.reminder.channel, step.reminder.template);
      template(step.missed.channel, step.missed.template);
      break;
    case 'handover':
      if (step.partner === 'bailiff' && !step.purpose) setup('a bailiff handover says what is handed over (court claim or eviction notice)');
      if (step.partner !== 'bailiff' && step.purpose) setup('only a bailiff handover has a purpose');
      break;
    case 'decision':
      for (const branch of step.branches) {
        if (branch.id === 'otherwise') setup('"otherwise" is the decision\'s own fallback outcome');
        const c = branch.when;
        if (c.on === 'outcome') {
          const target = graph.step(c.step);
          if (!target) setup(`branch "${branch.id}" looks at step "${c.step}", which does not exist`);
          else if (!outcomesOf(target).includes(c.is)) setup(`branch "${branch.id}" looks for outcome "${c.is}", which step "${c.step}" does not have`);
        }
      }
      {
        const ids = step.branches.map((b) => b.id);
        const dup = ids.find((id, i) => ids.indexOf(id) !== i);
        if (dup) setup(`branch "${dup}" is listed twice`);
      }
      break;
    default:
      break;
  }
}

// --- Legal rules over every path ---------------------------------------------------------

const ALL: ReadonlySet<Fact> = new Set<Fact>(facts);

/**
 * For every reachable step, the facts that hold on every path from a start to it: a must-
 * analysis that starts from "everything" and intersects along edges until nothing changes.
 */
export function guaranteedFacts(graph: StepGraph): Map<string, Set<Fact>> {
  const starts = new Set(graph.starts().map((s) => s.id));
  const reachable = graph.reachableFrom([...starts]);
  const entry = new Map<string, Set<Fact>>();
  for (const id of reachable) entry.set(id, new Set(starts.has(id) ? [] : ALL));
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of reachable) {
      const step = graph.step(id)!;
      const before = entry.get(id)!;
      for (const edge of graph.out.get(id) ?? []) {
        if (starts.has(edge.to)) continue;
        const after = new Set(before);
        for (const f of factsEstablished(step, edge.outcome, before)) after.add(f);
        const target = entry.get(edge.to)!;
        for (const f of [...target]) {
          if (!after.has(f)) {
            target.delete(f);
            changed = true;
          }
        }
      }
    }
  }
  return entry;
}

/** A shortest path from a start to `target` on which `fact` is never established. */
function witnessPath(graph: StepGraph, target: string, fact: Fact): string[] | undefined {
  type State = { id: string; facts: Set<Fact>; path: string[] };
  const key = (s: State) => `${s.id}|${[...s.facts].sort().join(',')}`;
  const queue: State[] = graph.starts().map((s) => ({ id: s.id, facts: new Set<Fact>(), path: [s.id] }));
  const seen = new Set(queue.map(key));
  let budget = 50_000;
  while (queue.length && budget-- > 0) {
    const state = queue.shift()!;
    if (state.id === target) return state.path;
    const step = graph.step(state.id)!;
    for (const edge of graph.out.get(state.id) ?? []) {
      const established = factsEstablished(step, edge.outcome, state.facts);
      if (established.includes(fact)) continue;
      const next: State = { id: edge.to, facts: new Set([...state.facts, ...established]), path: [...state.path, edge.to] };
      const k = key(next);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(next);
    }
  }
  return undefined;
}

function checkLegalRules(graph: StepGraph, error: Report) {
  if (graph.starts().length === 0) return;
  const guaranteed = guaranteedFacts(graph);
  for (const [id, have] of guaranteed) {
    const step = graph.step(id)!;
    for (const req of requirementsOf(step)) {
      const missing = req.needs.filter((f) => !have.has(f));
      if (missing.length === 0) continue;
      const rule = legalRules[req.rule];
      const path = witnessPath(graph, id, missing[0]!);
      const via = path ? ` On the path ${path.map((p) => `"${p}"`).join(' → ')} it is missing.` : '';
      error(
        req.rule,
        `Step "${id}" breaks legal rule ${rule.number} (${rule.source}): ${rule.en}. Missing before it: ${missing.map((f) => factLabels[f].en).join('; ')}.${via}`,
        id,
        path,
        missing,
      );
    }
  }
  // Rule 9: from a branch on segment, an adverse step must not be reached without a person deciding in between.
  for (const step of graph.definition.steps) {
    if (step.kind !== 'decision' || !step.branches.some((b) => b.when.on === 'segment')) continue;
    const queue: string[][] = (graph.out.get(step.id) ?? []).map((e) => [step.id, e.to]);
    const seen = new Set<string>();
    while (queue.length) {
      const path = queue.shift()!;
      const id = path[path.length - 1]!;
      if (seen.has(id)) continue;
      seen.add(id);
      const current = graph.step(id)!;
      if (isHumanStep(current)) continue;
      if (isAdverseStep(current)) {
        const rule = legalRules['human-decision'];
        error(
          'human-decision',
          `Step "${id}" breaks legal rule ${rule.number} (${rule.source}): ${rule.en}. It follows the segment decision "${step.id}" with no task or approval in between (path ${path.map((p) => `"${p}"`).join(' → ')}).`,
          id,
          path,
        );
        break;
      }
      for (const e of graph.out.get(id) ?? []) queue.push([...path, e.to]);
    }
  }
}

// --- Advice from the sources (warnings) ----------------------------------------------------

function checkAdvice(def: Definition, graph: StepGraph, warn: (rule: RuleId, message: string, stepId?: string) => void) {
  for (const step of def.steps) {
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
        warn('channel-change', `Step "${next.id}" sends a letter right after the letter of "${step.id}"; the sources advise another channel (WhatsApp, a call) when a letter gets no response`, next.id);
        continue;
      }
      if (next.kind === 'wait' || next.kind === 'decision') for (const e of graph.out.get(id) ?? []) stack.push(e.to);
    }
  }
  const guaranteed = guaranteedFacts(graph);
  for (const step of def.steps) {
    if (step.kind === 'communicate' && step.purpose === 'fourteen-day-letter' && guaranteed.has(step.id) && !guaranteed.get(step.id)!.has('contact-attempt')) {
      warn('contact-before-fourteen-day-letter', `Step "${step.id}" sends the 14-day letter on a path without any personal contact before it; the sources advise calling or visiting first`, step.id);
    }
  }
  if (!def.steps.some((s) => s.kind === 'start' && s.trigger === 'balance-cleared')) {
    warn('aftercare', 'There is no aftercare path for when the arrears are paid; the sources advise a call some weeks later');
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
