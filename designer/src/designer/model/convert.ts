// Between a definition (what is saved, published and run) and the canvas model (nodes and
// edges). Loading is forgiving, so a draft saved half-finished opens again as it was;
// saving writes every node back as a step with its position and its wiring.
import { outcomesOf } from '../../../../definition/outcomes.ts';
import { StepSchema, stepKinds, type Step, type StepKind } from '../../../../definition/schema.ts';
import { edgeId, TARGET_HANDLE, type OutcomeEdge, type StepData, type StepNode } from './types.ts';

export type DefinitionMeta = { id: string; name: string; description?: string };

/** A definition as stored: a parsed one, or a draft whose steps may be unfinished. */
export type LooseDefinition = { id: string; name: string; description?: string; steps: ReadonlyArray<Record<string, unknown>> };

/** The definition object the server validates, saves and publishes. */
export type DefinitionBody = DefinitionMeta & { steps: Array<Record<string, unknown>> };

export function isStepKind(kind: unknown): kind is StepKind {
  return typeof kind === 'string' && (stepKinds as string[]).includes(kind);
}

function outcomesSafe(data: StepData): string[] {
  try {
    return outcomesOf(data as Step);
  } catch {
    return [];
  }
}

export function makeEdge(source: string, outcome: string, target: string): OutcomeEdge {
  return { id: edgeId(source, outcome), source, sourceHandle: outcome, target, targetHandle: TARGET_HANDLE };
}

export function fromDefinition(def: LooseDefinition): { meta: DefinitionMeta; nodes: StepNode[]; edges: OutcomeEdge[]; skipped: string[] } {
  const nodes: StepNode[] = [];
  const edges: OutcomeEdge[] = [];
  const skipped: string[] = [];
  const ids = new Set<string>();
  for (const raw of def.steps) {
    if (!isStepKind(raw.kind) || typeof raw.id !== 'string' || ids.has(raw.id)) {
      skipped.push(String(raw.id ?? '?'));
      continue;
    }
    ids.add(raw.id);
    // Parsing fills the schema's defaults; an unfinished step is kept as it is.
    const parsed = StepSchema.safeParse(raw);
    const step = (parsed.success ? parsed.data : raw) as Record<string, unknown>;
    const { next, position, ...data } = step as { next?: Record<string, string>; position?: { x: number; y: number } } & Record<string, unknown>;
    nodes.push({ id: raw.id, type: raw.kind, position: position ?? { x: 0, y: 0 }, data: data as StepData } as StepNode);
    for (const [outcome, to] of Object.entries(next ?? {})) edges.push(makeEdge(raw.id, outcome, to));
  }
  // Wiring to steps that are not there is dropped: the live check then reports the outcome as unwired.
  const known = edges.filter((e) => ids.has(e.target));
  const meta: DefinitionMeta = { id: def.id, name: def.name, ...(def.description ? { description: def.description } : {}) };
  return { meta, nodes, edges: known, skipped };
}

export function toDefinition(meta: DefinitionMeta, nodes: readonly StepNode[], edges: readonly OutcomeEdge[]): DefinitionBody {
  const next = new Map<string, Record<string, string>>();
  for (const e of edges) {
    const record = next.get(e.source) ?? {};
    record[e.sourceHandle] = e.target;
    next.set(e.source, record);
  }
  return {
    ...meta,
    steps: nodes.map((n) => ({
      ...(n.data as Record<string, unknown>),
      id: n.id,
      kind: n.type,
      next: next.get(n.id) ?? {},
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
  };
}

/** Edges whose outcome the step no longer has (an outcome removed in the side panel). */
export function orphanEdges(nodes: readonly StepNode[], edges: readonly OutcomeEdge[]): Set<string> {
  const outcomes = new Map(nodes.map((n) => [n.id, new Set(outcomesSafe(n.data as StepData))]));
  return new Set(edges.filter((e) => !outcomes.get(e.source)?.has(e.sourceHandle)).map((e) => e.id));
}

export { outcomesSafe };
