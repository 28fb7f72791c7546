// Where a new step goes on the drawing: never on top of another. A step dropped or added
// lands at the nearest free spot to where it was asked for; a step inserted on a wire that
// runs down the page pushes what lies below down by one row, so the ladder keeps reading
// from top to bottom. Pure geometry over node boxes (the sizes ELK and the canvas share).
import { handleFraction, NODE_HEIGHT, nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { outcomesSafe } from '../model/convert.ts';
import type { StepData, StepNode } from '../model/types.ts';

export type Point = { x: number; y: number };
type Box = Point & { width: number; height: number };

/** Room kept around a step: its outcome labels and "+" buttons hang below it. */
const MARGIN = 28;
/** One row of the ladder: a step and the space ELK leaves between layers. */
export const ROW = NODE_HEIGHT + 88;
const SEARCH_STEP = 36;
const SEARCH_RINGS = 60;

export const sizeOf = (data: StepData) => nodeSize(data as Step);

function boxOf(n: StepNode): Box {
  return { ...n.position, ...sizeOf(n.data as StepData) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + MARGIN && b.x < a.x + a.width + MARGIN && a.y < b.y + b.height + MARGIN && b.y < a.y + a.height + MARGIN;
}

/** Whether a step of `size` with its top-left corner at `at` would touch another step. */
export function isFree(nodes: readonly StepNode[], at: Point, size: { width: number; height: number }): boolean {
  const box = { ...at, ...size };
  return nodes.every((n) => !overlaps(box, boxOf(n)));
}

/** The free top-left corner nearest to `wanted`, searched ring by ring around it (below before above, the ladder grows down). */
export function freeSpot(nodes: readonly StepNode[], wanted: Point, size: { width: number; height: number }): Point {
  const at = { x: Math.round(wanted.x), y: Math.round(wanted.y) };
  if (isFree(nodes, at, size)) return at;
  for (let ring = 1; ring <= SEARCH_RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) candidates.push({ x: at.x + i * SEARCH_STEP, y: at.y + j * SEARCH_STEP });
    candidates.sort((a, b) => distance(a, at) - distance(b, at) || b.y - a.y);
    const free = candidates.find((c) => isFree(nodes, c, size));
    if (free) return free;
  }
  // A drawing so crowded that nothing near is free: below everything.
  return { x: at.x, y: Math.max(...nodes.map((n) => boxOf(n).y + boxOf(n).height)) + MARGIN * 2 };
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** Where outcome `outcome`'s handle of a step sits on the drawing. */
export function handlePoint(n: StepNode, outcome: string): Point {
  const outcomes = outcomesSafe(n.data as StepData);
  const index = Math.max(0, outcomes.indexOf(outcome));
  const { width, height } = sizeOf(n.data as StepData);
  return { x: n.position.x + width * handleFraction(index, Math.max(outcomes.length, 1)), y: n.position.y + height };
}

/** The spot for the step that follows `source`'s outcome: one row below its handle, centred on it, or the nearest free spot. */
export function spotBelow(nodes: readonly StepNode[], source: StepNode, outcome: string, size: { width: number; height: number }): Point {
  const handle = handlePoint(source, outcome);
  return freeSpot(nodes, { x: handle.x - size.width / 2, y: source.position.y + ROW }, size);
}

/** Every step whose top is at or below `y` moved down by `by`: room for a new row. */
export function pushedDown(nodes: readonly StepNode[], y: number, by: number): StepNode[] {
  return nodes.map((n) => (n.position.y >= y - 1 ? ({ ...n, position: { x: n.position.x, y: n.position.y + by } } as StepNode) : n));
}
