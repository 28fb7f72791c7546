// The designer's edits as plain functions from steps and wiring to steps and wiring: the
// store decides when they happen (and records them for undo), these decide what they do.
import type { Connection } from '@xyflow/react';
import { isBlockingStep } from '../../../../definition/outcomes.ts';
import type { Step } from '../../../../definition/schema.ts';
import { makeEdge, orphanEdges, outcomesSafe } from '../model/convert.ts';
import { uniqueId } from '../model/ids.ts';
import type { OutcomeEdge, StepData, StepNode } from '../model/types.ts';
import { freeSpot, pushedDown, ROW, sizeOf, spotBelow } from './placement.ts';

export type Graph = { nodes: StepNode[]; edges: OutcomeEdge[] };

/** Whether an outcome handle may be wired to a step: a start has no way in, a step leads on from itself only when it waits. */
export function connectionAllowed(nodes: readonly StepNode[], c: Pick<Connection, 'source' | 'target' | 'sourceHandle'>): boolean {
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target || !c.sourceHandle) return false;
  if (target.type === 'start') return false;
  if (!outcomesSafe(source.data as StepData).includes(c.sourceHandle)) return false;
  if (source.id === target.id) {
    try {
      return isBlockingStep(source.data as Step);
    } catch {
      return false;
    }
  }
  return true;
}

export const withoutSelection = (n: StepNode): StepNode => ({ ...n, selected: false, dragging: false }) as StepNode;

/** Deselects everything, so what is added next is the selection. */
export function deselectAll({ nodes, edges }: Graph): Graph {
  return {
    nodes: nodes.map((n) => (n.selected ? ({ ...n, selected: false } as StepNode) : n)),
    edges: edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  };
}

/** Wires `source`'s outcome to a step; an outcome leads to exactly one step, so a new wire replaces the old one (and `replacing`). */
export function wire(edges: readonly OutcomeEdge[], source: string, outcome: string, target: string, replacing?: string): OutcomeEdge[] {
  const edge = makeEdge(source, outcome, target);
  return [...edges.filter((e) => e.id !== edge.id && e.id !== replacing), edge];
}

/** A step's new data; renamed outcomes keep their wires, removed ones lose them. */
export function withStepData({ nodes, edges }: Graph, id: string, data: StepData, renamed: Record<string, string> = {}): Graph {
  const next = nodes.map((n) => (n.id === id ? ({ ...n, data } as StepNode) : n));
  // The wiring stays the same array unless it changes: the canvas redraws edges when it does not.
  let wires = Object.keys(renamed).length ? edges.map((e) => (e.source === id && renamed[e.sourceHandle] ? makeEdge(id, renamed[e.sourceHandle]!, e.target) : e)) : edges;
  const orphans = orphanEdges(next.filter((n) => n.id === id), wires.filter((e) => e.source === id));
  if (orphans.size) wires = wires.filter((e) => !orphans.has(e.id));
  return { nodes: next, edges: wires };
}

/** A step under a new id: its wires follow, and so do decision branches that look at its outcome. */
export function renamed({ nodes, edges }: Graph, oldId: string, id: string): Graph {
  return {
    nodes: nodes.map((n) => {
      let next = n;
      if (n.id === oldId) next = { ...n, id, data: { ...n.data, id } } as StepNode;
      if (next.type === 'decision') {
        const d = next.data;
        const looks = (b: (typeof d.branches)[number]) => b.when.on === 'outcome' && b.when.step === oldId;
        if (d.branches.some(looks)) next = { ...next, data: { ...d, branches: d.branches.map((b) => (looks(b) ? { ...b, when: { ...b.when, step: id } } : b)) } } as StepNode;
      }
      return next;
    }),
    edges: edges.map((e) => (e.source === oldId || e.target === oldId ? makeEdge(e.source === oldId ? id : e.source, e.sourceHandle, e.target === oldId ? id : e.target) : e)),
  };
}

/** Without these steps and every wire to or from them. */
export function withoutSteps({ nodes, edges }: Graph, gone: ReadonlySet<string>): Graph {
  return { nodes: nodes.filter((n) => !gone.has(n.id)), edges: edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) };
}

/** Without one step, the wires into it led on to where its outcome `via` went. */
export function bridged({ nodes, edges }: Graph, stepId: string, via: string): Graph {
  const onward = edges.find((e) => e.source === stepId && e.sourceHandle === via);
  return {
    nodes: nodes.filter((n) => n.id !== stepId),
    edges: edges
      .filter((e) => e.source !== stepId)
      .map((e) => (e.target === stepId ? (onward && onward.target !== stepId ? makeEdge(e.source, e.sourceHandle, onward.target) : null) : e))
      .filter((e): e is OutcomeEdge => e !== null),
  };
}

/** Copies of the clipboard's steps under fresh ids ("…-kopie"), a little offset, selected, wired among themselves. */
export function copiesOf(clipboard: Graph, taken: Set<string>): Graph {
  const rename = new Map<string, string>();
  for (const n of clipboard.nodes) {
    const id = uniqueId(`${n.id}-kopie`, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = clipboard.nodes.map((n) => ({ ...n, id: rename.get(n.id)!, data: { ...n.data, id: rename.get(n.id)! }, position: { x: n.position.x + 40, y: n.position.y + 40 }, selected: true }) as StepNode);
  const edges = clipboard.edges.map((e) => makeEdge(rename.get(e.source)!, e.sourceHandle, rename.get(e.target)!));
  return { nodes, edges };
}

const newNode = (data: StepData, position: { x: number; y: number }): StepNode => ({ id: data.id, type: data.kind, position, data, selected: true }) as StepNode;

/** A new step, selected, centred on `centre` or at the nearest free spot to it. */
export function placed(graph: Graph, data: StepData, centre: { x: number; y: number }): Graph {
  const size = sizeOf(data);
  const rest = deselectAll(graph);
  const at = freeSpot(rest.nodes, { x: centre.x - size.width / 2, y: centre.y - size.height / 2 }, size);
  return { nodes: [...rest.nodes, newNode(data, at)], edges: rest.edges };
}

/** A new step after `source`'s outcome, one row below its handle where that is free, wired from it. */
export function addedAfter(graph: Graph, source: string, outcome: string, data: StepData): Graph {
  const from = graph.nodes.find((n) => n.id === source);
  if (!from) return graph;
  const rest = deselectAll(graph);
  const node = newNode(data, spotBelow(rest.nodes, from, outcome, sizeOf(data)));
  return { nodes: [...rest.nodes, node], edges: wire(rest.edges, source, outcome, data.id) };
}

/**
 * A new step on the wire `edgeId`: the wire's outcome leads to it, and its first outcome to
 * where the wire went. On a wire down the page it takes the old target's place and what lies
 * at or below that row moves down one row; on a wire back up it goes to the free spot
 * nearest the wire's middle.
 */
export function insertedOnWire(graph: Graph, edgeId: string, data: StepData): Graph {
  const edge = graph.edges.find((e) => e.id === edgeId);
  const from = graph.nodes.find((n) => n.id === edge?.source);
  const to = graph.nodes.find((n) => n.id === edge?.target);
  if (!edge || !from || !to) return graph;
  const size = sizeOf(data);
  const rest = deselectAll(graph);
  let nodes = rest.nodes;
  let at: { x: number; y: number };
  if (to.position.y > from.position.y) {
    const toWidth = sizeOf(to.data as StepData).width;
    nodes = pushedDown(nodes, to.position.y, ROW);
    at = freeSpot(nodes, { x: to.position.x + toWidth / 2 - size.width / 2, y: to.position.y }, size);
  } else {
    const middle = { x: (from.position.x + to.position.x) / 2, y: (from.position.y + to.position.y) / 2 };
    at = freeSpot(nodes, { x: middle.x, y: middle.y }, size);
  }
  const onward = outcomesSafe(data)[0];
  let edges = wire(rest.edges, edge.source, edge.sourceHandle, data.id);
  if (onward) edges = wire(edges, data.id, onward, edge.target);
  return { nodes: [...nodes, newNode(data, at)], edges };
}
