// The input for an automatic top-to-bottom drawing of a definition with ELK's layered
// algorithm, and the sizes the designer draws nodes at (ELK and the canvas must agree on
// them). Pure data: the designer runs elkjs on it in the browser, a server could too.
import { outcomesOf } from './outcomes.ts';
import type { Step } from './schema.ts';

export const NODE_MIN_WIDTH = 240;
export const NODE_HEIGHT = 92;
/** Room for one outcome handle and its label under the node. */
export const OUTCOME_SLOT = 104;

export function nodeSize(step: Pick<Step, 'kind'> & Partial<Step>): { width: number; height: number } {
  const outcomes = safeOutcomes(step);
  return { width: Math.max(NODE_MIN_WIDTH, outcomes.length * OUTCOME_SLOT), height: NODE_HEIGHT };
}

/** Where the handle of outcome `index` of `count` sits, as a fraction of the node width: the middle of its slot. */
export function handleFraction(index: number, count: number): number {
  return (index + 0.5) / count;
}

function safeOutcomes(step: Partial<Step>): string[] {
  try {
    return outcomesOf(step as Step);
  } catch {
    return [];
  }
}

// The subset of ELK's JSON graph we produce and read back.
export type ElkPort = { id: string; x: number; y: number; width: number; height: number; layoutOptions?: Record<string, string> };
export type ElkChild = { id: string; width: number; height: number; x?: number; y?: number; ports?: ElkPort[]; layoutOptions?: Record<string, string> };
export type ElkEdge = { id: string; sources: string[]; targets: string[] };
export type ElkGraph = { id: string; layoutOptions: Record<string, string>; children: ElkChild[]; edges: ElkEdge[] };

export const layoutOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.spacing.nodeNode': '44',
  'elk.spacing.edgeNode': '24',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  // Keep the order the policy owner wrote the steps in where the graph allows: the ladder
  // then reads like the written process (reminder, WhatsApp, call, visit...).
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.separateConnectedComponents': 'false',
};

const inPort = (id: string) => `${id}::in`;
const outPort = (id: string, outcome: string) => `${id}::out::${outcome}`;

export type LayoutStep = Pick<Step, 'id' | 'kind'> & Partial<Step> & { next?: Record<string, string> };

/** The ELK graph for steps: one node per step, a port per outcome where its handle is drawn. */
export function layoutGraph(steps: ReadonlyArray<LayoutStep>): ElkGraph {
  const ids = new Set(steps.map((s) => s.id));
  const children: ElkChild[] = steps.map((s) => {
    const { width, height } = nodeSize(s);
    const outcomes = safeOutcomes(s);
    return {
      id: s.id,
      width,
      height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        { id: inPort(s.id), x: width / 2, y: 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...outcomes.map((o, i) => ({
          id: outPort(s.id, o),
          x: width * handleFraction(i, outcomes.length),
          y: height,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'SOUTH' },
        })),
      ],
    };
  });
  const edges: ElkEdge[] = [];
  for (const s of steps) {
    const outcomes = safeOutcomes(s);
    for (const [outcome, to] of Object.entries(s.next ?? {})) {
      if (!ids.has(to) || !outcomes.includes(outcome)) continue;
      edges.push({ id: `${s.id}:${outcome}`, sources: [outPort(s.id, outcome)], targets: [inPort(to)] });
    }
  }
  return { id: 'root', layoutOptions, children, edges };
}

/** Top-left positions from ELK's answer, rounded to whole pixels. */
export function positionsFrom(result: { children?: Array<{ id: string; x?: number; y?: number }> }): Record<string, { x: number; y: number }> {
  const out: Record<string, { x: number; y: number }> = {};
  for (const c of result.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}

/** True when every step has a position (then the drawing is the policy owner's, not ours). */
export function hasPositions(steps: ReadonlyArray<{ position?: unknown }>): boolean {
  return steps.length > 0 && steps.every((s) => s.position !== undefined);
}
