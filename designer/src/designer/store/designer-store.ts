// The designer's state and the only ways to change it. Every edit goes through an action
// here, so undo/redo, the dirty flag and the live check see all of them; nodes carry plain
// step data (no callbacks), so what is drawn is exactly what is saved.
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { isBlockingStep } from '../../../../definition/outcomes.ts';
import type { Step, StepKind } from '../../../../definition/schema.ts';
import { validateDefinition, type Problem, type TemplateInfo } from '../../../../definition/validate.ts';
import { fromDefinition, makeEdge, orphanEdges, outcomesSafe, toDefinition, type DefinitionBody, type DefinitionMeta, type LooseDefinition } from '../model/convert.ts';
import { createStepData } from '../nodes/registry.ts';
import { slugify, uniqueId } from '../model/ids.ts';
import { edgeId, type OutcomeEdge, type StepData, type StepNode } from '../model/types.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import { createStore, type StoreApi } from './create-store.ts';

export type DiffStatus = 'added' | 'changed' | 'removed';

export type Highlight =
  | { mode: 'none' }
  /** The path a legal problem names, from the start to the step that breaks the rule. */
  | { mode: 'path'; steps: ReadonlySet<string>; edges: ReadonlySet<string> }
  | { mode: 'dry-run'; visited: ReadonlySet<string>; current: string | null; edges: ReadonlySet<string> }
  | { mode: 'diff'; status: ReadonlyMap<string, DiffStatus>; edges: ReadonlyMap<string, 'added' | 'removed'> };

type Snapshot = { meta: DefinitionMeta; nodes: StepNode[]; edges: OutcomeEdge[] };

export type ServerInfo = {
  /** The published version the draft started from (null for a new definition). */
  basedOnVersion: number | null;
  latestVersion: number | null;
  /** The saved draft's updatedAt, sent back on save to detect a concurrent save; null: no draft yet. */
  draftUpdatedAt: string | null;
};

export type DesignerState = {
  meta: DefinitionMeta;
  nodes: StepNode[];
  edges: OutcomeEdge[];
  readOnly: boolean;
  /** Counts edits that change meaning; the live check runs when it moves. */
  revision: number;
  /** Counts edits of the drawing only (moved steps). */
  layoutRevision: number;
  saved: { revision: number; layoutRevision: number };
  past: Snapshot[];
  future: Snapshot[];
  historyKey: { key: string; at: number } | null;
  dragging: boolean;
  /** The template library; null until loaded (then template references are checked). */
  templates: TemplateInfo[] | null;
  problems: Problem[];
  problemsByStep: ReadonlyMap<string, Problem[]>;
  checkedRevision: number;
  highlight: Highlight;
  clipboard: { nodes: StepNode[]; edges: OutcomeEdge[] } | null;
  /** A request to bring a step into view; the canvas answers it. */
  focus: { stepId: string; seq: number } | null;
  server: ServerInfo;
};

export type DesignerActions = {
  load(def: LooseDefinition, server: ServerInfo): { skipped: string[] };
  /** Replaces the content (an import), keeping history so it can be undone. */
  replaceContent(def: LooseDefinition): void;
  setTemplates(templates: TemplateInfo[]): void;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  onEdgesChange(changes: EdgeChange<OutcomeEdge>[]): void;
  connect(connection: Connection): void;
  reconnect(old: OutcomeEdge, connection: Connection): void;
  addStep(kind: StepKind, position: { x: number; y: number }): string;
  updateStep(id: string, update: (data: StepData) => StepData, options?: { historyKey?: string; renamedOutcomes?: Record<string, string> }): void;
  renameStep(oldId: string, newId: string): string | null;
  deleteSelection(): void;
  deleteSteps(ids: string[]): void;
  bridgeAndDelete(stepId: string, viaOutcome: string): void;
  undo(): void;
  redo(): void;
  copySelection(): number;
  paste(): number;
  applyPositions(positions: Record<string, { x: number; y: number }>, options?: { history?: boolean }): void;
  setMeta(patch: Partial<Omit<DefinitionMeta, 'id'>>, historyKey?: string): void;
  selectStep(id: string | null, options?: { focus?: boolean }): void;
  /** Brings a step into view without selecting it. */
  focusStep(id: string): void;
  setHighlight(highlight: Highlight): void;
  markSaved(server: Partial<ServerInfo>): void;
  validateNow(): void;
};

export type DesignerStore = StoreApi<DesignerState & DesignerActions>;

const HISTORY_LIMIT = 100;
/** Typing in one field within this time is one undo step. */
const COALESCE_MS = 1200;
const VALIDATE_DELAY_MS = 60;

const emptyServer: ServerInfo = { basedOnVersion: null, latestVersion: null, draftUpdatedAt: null };

export function definitionOf(s: Pick<DesignerState, 'meta' | 'nodes' | 'edges'>): DefinitionBody {
  return toDefinition(s.meta, s.nodes, s.edges);
}

export function isDirty(s: Pick<DesignerState, 'revision' | 'layoutRevision' | 'saved'>): boolean {
  return s.revision !== s.saved.revision || s.layoutRevision !== s.saved.layoutRevision;
}

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

function problemsIndex(problems: Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) if (p.stepId) map.set(p.stepId, [...(map.get(p.stepId) ?? []), p]);
  return map;
}

const strip = (n: StepNode): StepNode => ({ ...n, selected: false, dragging: false }) as StepNode;

export function createDesignerStore(options: { readOnly?: boolean } = {}): DesignerStore {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let focusSeq = 0;

  return createStore<DesignerState & DesignerActions>((set, get) => {
    const snapshot = (): Snapshot => {
      const s = get();
      return { meta: s.meta, nodes: s.nodes, edges: s.edges };
    };

    /** Records the state before an edit; consecutive edits with the same key within a moment are one step. */
    const remember = (key?: string) => {
      const s = get();
      const now = Date.now();
      if (key && s.historyKey && s.historyKey.key === key && now - s.historyKey.at < COALESCE_MS) {
        set({ historyKey: { key, at: now } });
        return;
      }
      set({ past: [...s.past, snapshot()].slice(-HISTORY_LIMIT), future: [], historyKey: key ? { key, at: now } : null });
    };

    const scheduleValidation = () => {
      clearTimeout(validateTimer);
      validateTimer = setTimeout(() => get().validateNow(), VALIDATE_DELAY_MS);
    };

    const changed = (patch: Partial<DesignerState>) => {
      set({ ...patch, revision: get().revision + 1 });
      scheduleValidation();
    };

    const ids = () => new Set(get().nodes.map((n) => n.id));

    return {
      meta: { id: '', name: '' },
      nodes: [],
      edges: [],
      readOnly: options.readOnly ?? false,
      revision: 0,
      layoutRevision: 0,
      saved: { revision: 0, layoutRevision: 0 },
      past: [],
      future: [],
      historyKey: null,
      dragging: false,
      templates: null,
      problems: [],
      problemsByStep: new Map(),
      checkedRevision: -1,
      highlight: { mode: 'none' },
      clipboard: null,
      focus: null,
      server: emptyServer,

      load(def, server) {
        const { meta, nodes, edges, skipped } = fromDefinition(def);
        const s = get();
        set({
          meta,
          nodes,
          edges,
          revision: s.revision + 1,
          layoutRevision: s.layoutRevision,
          saved: { revision: s.revision + 1, layoutRevision: s.layoutRevision },
          past: [],
          future: [],
          historyKey: null,
          highlight: { mode: 'none' },
          server,
        });
        get().validateNow();
        return { skipped };
      },

      replaceContent(def) {
        remember();
        const { nodes, edges } = fromDefinition({ ...def, id: get().meta.id });
        changed({ nodes, edges, meta: { ...get().meta, name: def.name, ...(def.description !== undefined ? { description: def.description } : {}) }, highlight: { mode: 'none' } });
      },

      setTemplates(templates) {
        set({ templates });
        get().validateNow();
      },

      onNodesChange(changes) {
        const s = get();
        // Deleting goes through deleteSelection (one undo step for steps and their wiring).
        const allowed = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
        if (allowed.length === 0) return;
        if (s.readOnly) {
          const harmless = allowed.filter((c) => c.type === 'select' || c.type === 'dimensions');
          if (harmless.length) set({ nodes: applyNodeChanges(harmless, s.nodes) });
          return;
        }
        const moves = allowed.filter((c) => c.type === 'position');
        const startsDrag = moves.some((c) => c.type === 'position' && c.dragging) && !s.dragging;
        const endsDrag = s.dragging && moves.some((c) => c.type === 'position' && c.dragging === false);
        if (startsDrag) remember();
        const nodes = applyNodeChanges(allowed, s.nodes);
        const moved = moves.some((c) => c.type === 'position' && c.position);
        set({
          nodes,
          ...(startsDrag ? { dragging: true } : endsDrag ? { dragging: false } : {}),
          ...(moved ? { layoutRevision: s.layoutRevision + 1 } : {}),
        });
      },

      onEdgesChange(changes) {
        const selects = changes.filter((c) => c.type === 'select');
        if (selects.length) set({ edges: applyEdgeChanges(selects, get().edges) });
      },

      connect(c) {
        const s = get();
        if (s.readOnly || !c.sourceHandle || !connectionAllowed(s.nodes, c)) return;
        remember();
        const edge = makeEdge(c.source, c.sourceHandle, c.target);
        // An outcome leads to exactly one step: a new wire replaces the old one.
        changed({ edges: [...s.edges.filter((e) => e.id !== edge.id), edge] });
      },

      reconnect(old, c) {
        const s = get();
        if (s.readOnly || !c.sourceHandle || !connectionAllowed(s.nodes, c)) return;
        remember();
        const edge = makeEdge(c.source, c.sourceHandle, c.target);
        changed({ edges: [...s.edges.filter((e) => e.id !== old.id && e.id !== edge.id), edge] });
      },

      addStep(kind, position) {
        const s = get();
        const hasOpeningStart = s.nodes.some((n) => n.type === 'start' && (n.data as StepData<'start'>).trigger !== 'balance-cleared');
        const probe = createStepData(kind, 'x', { hasOpeningStart });
        const id = uniqueId(probe.name, ids());
        const data = createStepData(kind, id, { hasOpeningStart });
        const size = nodeSize(data as Step);
        remember();
        const node = {
          id,
          type: kind,
          position: { x: Math.round(position.x - size.width / 2), y: Math.round(position.y - size.height / 2) },
          data,
          selected: true,
        } as StepNode;
        changed({ nodes: [...s.nodes.map((n) => (n.selected ? ({ ...n, selected: false } as StepNode) : n)), node], edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) });
        return id;
      },

      updateStep(id, update, opts = {}) {
        const s = get();
        if (s.readOnly) return;
        const node = s.nodes.find((n) => n.id === id);
        if (!node) return;
        remember(opts.historyKey ? `${id}:${opts.historyKey}` : undefined);
        const data = update(node.data as StepData);
        const nodes = s.nodes.map((n) => (n.id === id ? ({ ...n, data } as StepNode) : n));
        let edges = s.edges;
        const renamed = opts.renamedOutcomes ?? {};
        if (Object.keys(renamed).length) {
          edges = edges.map((e) => (e.source === id && renamed[e.sourceHandle] ? makeEdge(id, renamed[e.sourceHandle]!, e.target) : e));
        }
        // An outcome that no longer exists cannot stay wired.
        const orphans = orphanEdges(nodes.filter((n) => n.id === id), edges.filter((e) => e.source === id));
        if (orphans.size) edges = edges.filter((e) => !orphans.has(e.id));
        changed({ nodes, edges });
      },

      renameStep(oldId, newId) {
        const s = get();
        const id = newId.trim();
        if (id === oldId) return null;
        if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || id.length > 64) return 'invalid';
        if (s.nodes.some((n) => n.id === id)) return 'taken';
        remember();
        const nodes = s.nodes.map((n) => {
          let next = n;
          if (n.id === oldId) next = { ...n, id, data: { ...n.data, id } } as StepNode;
          // Decision branches that look at this step's outcome follow the new id.
          if (next.type === 'decision') {
            const d = next.data as StepData<'decision'>;
            if (d.branches.some((b) => b.when.on === 'outcome' && b.when.step === oldId))
              next = { ...next, data: { ...d, branches: d.branches.map((b) => (b.when.on === 'outcome' && b.when.step === oldId ? { ...b, when: { ...b.when, step: id } } : b)) } } as StepNode;
          }
          return next;
        });
        const edges = s.edges.map((e) => (e.source === oldId || e.target === oldId ? makeEdge(e.source === oldId ? id : e.source, e.sourceHandle, e.target === oldId ? id : e.target) : e));
        changed({ nodes, edges });
        return null;
      },

      deleteSelection() {
        const s = get();
        if (s.readOnly) return;
        const nodeIds = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        if (!nodeIds.size && !edgeIds.size) return;
        remember();
        changed({
          nodes: s.nodes.filter((n) => !nodeIds.has(n.id)),
          edges: s.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
        });
      },

      deleteSteps(list) {
        const s = get();
        if (s.readOnly || list.length === 0) return;
        const gone = new Set(list);
        remember();
        changed({ nodes: s.nodes.filter((n) => !gone.has(n.id)), edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) });
      },

      bridgeAndDelete(stepId, viaOutcome) {
        const s = get();
        if (s.readOnly) return;
        const via = s.edges.find((e) => e.source === stepId && e.sourceHandle === viaOutcome);
        remember();
        const edges = s.edges
          .filter((e) => e.source !== stepId)
          .map((e) => (e.target === stepId ? (via && via.target !== stepId ? makeEdge(e.source, e.sourceHandle, via.target) : null) : e))
          .filter((e): e is OutcomeEdge => e !== null);
        changed({ nodes: s.nodes.filter((n) => n.id !== stepId), edges });
      },

      undo() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev || s.readOnly) return;
        set({ past: s.past.slice(0, -1), future: [snapshot(), ...s.future], historyKey: null, layoutRevision: s.layoutRevision + 1 });
        changed({ meta: prev.meta, nodes: prev.nodes, edges: prev.edges });
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next || s.readOnly) return;
        set({ past: [...s.past, snapshot()], future: s.future.slice(1), historyKey: null, layoutRevision: s.layoutRevision + 1 });
        changed({ meta: next.meta, nodes: next.nodes, edges: next.edges });
      },

      copySelection() {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected).map(strip);
        if (!nodes.length) return 0;
        const inside = new Set(nodes.map((n) => n.id));
        set({ clipboard: { nodes, edges: s.edges.filter((e) => inside.has(e.source) && inside.has(e.target)) } });
        return nodes.length;
      },

      paste() {
        const s = get();
        if (!s.clipboard || s.readOnly) return 0;
        const taken = ids();
        const rename = new Map<string, string>();
        for (const n of s.clipboard.nodes) {
          const id = uniqueId(`${n.id}-kopie`, taken);
          taken.add(id);
          rename.set(n.id, id);
        }
        const nodes = s.clipboard.nodes.map(
          (n) =>
            ({
              ...n,
              id: rename.get(n.id)!,
              data: { ...n.data, id: rename.get(n.id)! },
              position: { x: n.position.x + 40, y: n.position.y + 40 },
              selected: true,
            }) as StepNode,
        );
        const edges = s.clipboard.edges.map((e) => makeEdge(rename.get(e.source)!, e.sourceHandle, rename.get(e.target)!));
        remember();
        changed({ nodes: [...s.nodes.map((n) => (n.selected ? ({ ...n, selected: false } as StepNode) : n)), ...nodes], edges: [...s.edges, ...edges] });
        // Pasting again lands the next copy a little further on.
        set({ clipboard: { nodes: nodes.map(strip), edges } });
        return nodes.length;
      },

      applyPositions(positions, opts = {}) {
        const s = get();
        if (opts.history !== false) remember();
        set({
          nodes: s.nodes.map((n) => (positions[n.id] ? ({ ...n, position: positions[n.id]! } as StepNode) : n)),
          layoutRevision: s.layoutRevision + (opts.history === false ? 0 : 1),
        });
      },

      setMeta(patch, historyKey) {
        if (get().readOnly) return;
        remember(historyKey ? `meta:${historyKey}` : undefined);
        changed({ meta: { ...get().meta, ...patch } });
      },

      selectStep(id, opts = {}) {
        const s = get();
        set({
          nodes: s.nodes.map((n) => ((n.id === id) !== !!n.selected ? ({ ...n, selected: n.id === id } as StepNode) : n)),
          edges: s.edges.some((e) => e.selected) ? s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) : s.edges,
          ...(id && opts.focus ? { focus: { stepId: id, seq: ++focusSeq } } : {}),
        });
      },

      focusStep(id) {
        set({ focus: { stepId: id, seq: ++focusSeq } });
      },

      setHighlight(highlight) {
        set({ highlight });
      },

      markSaved(server) {
        const s = get();
        set({ saved: { revision: s.revision, layoutRevision: s.layoutRevision }, server: { ...s.server, ...server } });
      },

      validateNow() {
        clearTimeout(validateTimer);
        const s = get();
        // A read-only drawing (a version, a diff) is not being edited; its problems would only distract.
        if (s.readOnly) return;
        const result = validateDefinition(definitionOf(s), s.templates ? { templates: s.templates } : {});
        set({ problems: result.problems, problemsByStep: problemsIndex(result.problems), checkedRevision: s.revision });
      },
    };
  });
}

export { edgeId, slugify };
