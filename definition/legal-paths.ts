// The legal rules proven over every path of a definition, at publish time. Which step kind
// establishes or requires what is its module's business (steps/); here the graph is walked:
// for every step, the facts that hold on every path to it, and for a rule that can break,
// a shortest path from a start on which it does.
import { minimumDays } from './duration.ts';
import type { StepGraph } from './graph.ts';
import { factLabels, facts, legalAdvice, legalRules, SIGNAL_TO_SUMMONS_DAYS, type Fact, type LegalRuleId, type Requirement } from './legal.ts';
import type { Step } from './schema.ts';
import { isSummonsOrEviction } from './steps/handover.ts';
import { kindOf } from './steps/index.ts';
import type { Problem, Report } from './problems.ts';
import type { Remedy } from './steps/kind.ts';

export function factsEstablished(step: Step, outcome: string, before: ReadonlySet<Fact>): Fact[] {
  return kindOf(step).establishes(step, outcome, before);
}

export function requirementsOf(step: Step): Requirement[] {
  return kindOf(step).requires(step);
}

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

const quoted = (path: string[]) => path.map((p) => `"${p}"`).join(' → ');

/** Step names as a list in words: "A", "A en B", "A, B en C". */
function namesOf(graph: StepGraph, ids: readonly string[], lang: 'nl' | 'en'): string {
  const names = ids.map((id) => `‘${graph.step(id)?.name ?? id}’`);
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${names.at(-1)}`;
}

/** The first step on a path that one of its own settings would make establish `fact`: the step to change. */
function causeOn(graph: StepGraph, path: readonly string[], fact: Fact): { step: string; remedy: Remedy } | undefined {
  for (const id of path.slice(0, -1)) {
    const step = graph.step(id)!;
    const remedy = kindOf(step).remedy(step, fact);
    if (remedy) return { step: id, remedy };
  }
  return undefined;
}

/**
 * Rules 1, 2, 4, 6 and 8: every path to a step has what the step requires. A missing fact
 * that an earlier step's setting would supply is reported once, on that step, naming every
 * later step it holds back; what no setting supplies is reported on the step that needs it.
 */
function checkRequirements(graph: StepGraph, report: Report) {
  const causes = new Map<string, Problem>();
  for (const [id, have] of guaranteedFacts(graph)) {
    const step = graph.step(id)!;
    for (const req of requirementsOf(step)) {
      const uncaused: Fact[] = [];
      for (const fact of req.needs.filter((f) => !have.has(f))) {
        const path = witnessPath(graph, id, fact);
        const cause = path && causeOn(graph, path, fact);
        if (!cause) {
          uncaused.push(fact);
          continue;
        }
        const key = `${cause.step}|${fact}`;
        const known = causes.get(key);
        if (known) {
          if (!known.affects!.includes(id)) known.affects!.push(id);
          continue;
        }
        causes.set(key, { severity: 'error', rule: req.rule, stepId: cause.step, field: cause.remedy.field, path, missing: [fact], affects: [id], text: cause.remedy.text, message: '' });
      }
      if (uncaused.length === 0) continue;
      const rule = legalRules[req.rule];
      const path = witnessPath(graph, id, uncaused[0]!);
      const labels = (lang: 'nl' | 'en') => uncaused.map((f) => factLabels[f][lang]).join('; ');
      report({
        severity: 'error',
        rule: req.rule,
        stepId: id,
        ...(path ? { path } : {}),
        missing: uncaused,
        text: { nl: `${rule.nl}. Vóór deze stap ontbreekt: ${labels('nl')}.`, en: `${rule.en}. Missing before this step: ${labels('en')}.` },
        message: `Step "${id}" breaks legal rule ${rule.number} (${rule.source}): ${rule.en}. Missing before it: ${labels('en')}.${path ? ` On the path ${quoted(path)} it is missing.` : ''}`,
      });
    }
  }
  for (const p of causes.values()) {
    const affects = p.affects!;
    const fact = p.missing![0]!;
    const rule = legalRules[p.rule as LegalRuleId];
    report({
      ...p,
      text: {
        nl: `${p.text.nl} Zolang dat ontbreekt, ${affects.length === 1 ? 'mag' : 'mogen'} ${namesOf(graph, affects, 'nl')} niet volgen.`,
        en: `${p.text.en} Until then, ${namesOf(graph, affects, 'en')} may not follow.`,
      },
      message: `Step "${p.stepId}" does not establish ${factLabels[fact].en}, which legal rule ${rule.number} (${rule.source}) requires before ${affects.map((a) => `"${a}"`).join(', ')}.${p.path ? ` On the path ${quoted(p.path)} it is missing.` : ''}`,
    });
  }
}

/** Rule 9: from a branch on segment, an adverse step is not reached without a person deciding in between. */
function checkHumanDecision(graph: StepGraph, report: Report) {
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
      const kind = kindOf(current);
      if (kind.decidedByPerson(current)) continue;
      if (kind.adverse(current)) {
        const rule = legalRules['human-decision'];
        report({
          severity: 'error',
          rule: 'human-decision',
          stepId: id,
          path,
          text: {
            nl: `Deze stap volgt op de keuze op segment ‘${step.name}’ zonder taak of goedkeuring ertussen. ${rule.nl}: zet een taak of goedkeuring voor deze stap.`,
            en: `This step follows the segment decision ‘${step.name}’ with no task or approval in between. ${rule.en}: put a task or approval before this step.`,
          },
          message: `Step "${id}" breaks legal rule ${rule.number} (${rule.source}): ${rule.en}. It follows the segment decision "${step.id}" with no task or approval in between (path ${quoted(path)}).`,
        });
        break;
      }
      for (const e of graph.out.get(id) ?? []) queue.push([...path, e.to]);
    }
  }
}

/** The least time, in days, a case can spend leaving a step by an outcome: a wait that runs out takes its length; anything else can happen at once. */
function leastDays(step: Step, outcome: string): number {
  return step.kind === 'wait' && outcome === 'elapsed' ? minimumDays(step.duration) : 0;
}

/** Advice: a path from the municipality signal to the summons shorter than two months (Dijkstra over least days). */
function checkSignalToSummons(graph: StepGraph, report: Report) {
  const summons = (s: Step) => s.kind === 'handover' && isSummonsOrEviction(s) && s.purpose === 'court-claim';
  for (const signal of graph.definition.steps) {
    if (signal.kind !== 'handover' || signal.partner !== 'municipality-signal') continue;
    const best = new Map<string, { days: number; path: string[] }>([[signal.id, { days: 0, path: [signal.id] }]]);
    const open = [signal.id];
    const done = new Set<string>();
    while (open.length) {
      open.sort((a, b) => best.get(a)!.days - best.get(b)!.days);
      const id = open.shift()!;
      if (done.has(id)) continue;
      done.add(id);
      const here = best.get(id)!;
      const step = graph.step(id)!;
      if (id !== signal.id && summons(step)) {
        if (here.days < SIGNAL_TO_SUMMONS_DAYS) {
          const advice = legalAdvice['signal-to-summons'];
          report({
            severity: 'warning',
            rule: 'signal-to-summons',
            stepId: id,
            path: here.path,
            text: {
              nl: `Deze dagvaarding kan al ${Math.round(here.days)} dagen na de melding aan de gemeente ‘${signal.name}’ komen. ${advice.nl}.`,
              en: `This summons can come ${Math.round(here.days)} days after the municipality signal ‘${signal.name}’. ${advice.en}.`,
            },
            message: `Step "${id}" can follow the municipality signal "${signal.id}" after ${Math.round(here.days)} days (path ${quoted(here.path)}). ${advice.en} (${advice.source}).`,
          });
        }
        continue;
      }
      for (const edge of graph.out.get(id) ?? []) {
        const days = here.days + leastDays(step, edge.outcome);
        const known = best.get(edge.to);
        if (!known || days < known.days) {
          best.set(edge.to, { days, path: [...here.path, edge.to] });
          open.push(edge.to);
        }
      }
    }
  }
}

export function checkLegalRules(graph: StepGraph, report: Report) {
  if (graph.starts().length === 0) return;
  checkRequirements(graph, report);
  checkHumanDecision(graph, report);
  checkSignalToSummons(graph, report);
}
