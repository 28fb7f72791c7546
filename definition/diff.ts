// What changed between two versions of a definition: steps added, removed and changed (with
// each changed field), and connections made or broken. Positions are layout, not meaning,
// and are ignored. Pure, so the server answers /diff with the same result the designer draws.
import type { Edge } from './graph.ts';

/** Loose enough for drafts that do not parse yet; a parsed Definition fits too. */
export type DiffableStep = { id: string; kind: string; name?: string; next?: Record<string, string> };
export type DiffableDefinition = { name?: string; description?: string; steps: ReadonlyArray<DiffableStep> };

export type FieldChange = { path: string; before?: unknown; after?: unknown };
export type StepRef = { id: string; name: string; kind: string };

export type DefinitionDiff = {
  added: StepRef[];
  removed: StepRef[];
  changed: Array<StepRef & { changes: FieldChange[] }>;
  connections: { added: Edge[]; removed: Edge[] };
  /** Changes to the definition's own name and description. */
  meta: FieldChange[];
  unchanged: number;
};

type Scalar = string | number | boolean | null;

/**
 * Flattens a value into path → scalar. Arrays of objects with an `id` (task outcomes,
 * approval levels, branches) are keyed by that id, so inserting an outcome shows as one
 * added outcome, not as every later outcome changed.
 */
export function flatten(value: unknown, prefix = '', out = new Map<string, Scalar>()): Map<string, Scalar> {
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object') {
    out.set(prefix, value as Scalar);
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '[]' as Scalar);
    const keyed = value.every((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');
    value.forEach((v, i) => flatten(v, `${prefix}[${keyed ? (v as { id: string }).id : i}]`, out));
    return out;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0 && prefix) out.set(prefix, '{}' as Scalar);
  for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, ignore: (path: string) => boolean): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const [path, v] of a) {
    if (ignore(path)) continue;
    if (!b.has(path)) changes.push({ path, before: v });
    else if (b.get(path) !== v) changes.push({ path, before: v, after: b.get(path) });
  }
  for (const [path, v] of b) {
    if (ignore(path) || a.has(path)) continue;
    changes.push({ path, after: v });
  }
  return changes;
}

const ref = (s: DiffableStep): StepRef => ({ id: s.id, name: s.name ?? s.id, kind: s.kind });
const isLayout = (path: string) => path === 'position' || path.startsWith('position.');

function edgesOf(steps: ReadonlyArray<DiffableStep>): Edge[] {
  return steps.flatMap((s) => Object.entries(s.next ?? {}).map(([outcome, to]) => ({ from: s.id, outcome, to })));
}

export function diffDefinitions(before: DiffableDefinition, after: DiffableDefinition): DefinitionDiff {
  const old = new Map(before.steps.map((s) => [s.id, s]));
  const now = new Map(after.steps.map((s) => [s.id, s]));
  const diff: DefinitionDiff = { added: [], removed: [], changed: [], connections: { added: [], removed: [] }, meta: [], unchanged: 0 };
  for (const s of after.steps) if (!old.has(s.id)) diff.added.push(ref(s));
  for (const s of before.steps) if (!now.has(s.id)) diff.removed.push(ref(s));
  for (const s of after.steps) {
    const was = old.get(s.id);
    if (!was) continue;
    const changes = fieldChanges(was as Record<string, unknown>, s as Record<string, unknown>, isLayout);
    if (changes.length) diff.changed.push({ ...ref(s), changes });
    else diff.unchanged++;
  }
  const key = (e: Edge) => `${e.from}\u0000${e.outcome}\u0000${e.to}`;
  const oldEdges = new Map(edgesOf(before.steps).map((e) => [key(e), e]));
  const newEdges = new Map(edgesOf(after.steps).map((e) => [key(e), e]));
  for (const [k, e] of newEdges) if (!oldEdges.has(k)) diff.connections.added.push(e);
  for (const [k, e] of oldEdges) if (!newEdges.has(k)) diff.connections.removed.push(e);
  diff.meta = fieldChanges({ name: before.name, description: before.description }, { name: after.name, description: after.description }, () => false);
  return diff;
}

export function isEmptyDiff(d: DefinitionDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.connections.added.length && !d.connections.removed.length && !d.meta.length;
}
