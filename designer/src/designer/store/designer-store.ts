// The designer's state and the only ways to change it: a zustand store (the one React Flow
// uses inside) under zundo's temporal middleware. Every edit goes through an action here, so
// undo/redo, the dirty flag and the live check see all of them; nodes carry plain step data
// (no callbacks), so what is drawn is exactly what is saved. No React in here.
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isSlug } from '../../../../definition/ids.ts';
import { validateDefinition, type Problem } from '../../../../definition/validate.ts';
import { fromDefinition, toDefinition, type DefinitionBody } from '../model/convert.ts';
import { idAfterRelabel, uniqueId } from '../model/ids.ts';
import type { NewStep, StepData, StepNode } from '../model/types.ts';
import { addedAfter, bridged, connectionAllowed, copiesOf, deselectAll, insertedOnWire, placed, renamed, wire, withoutSelection, withoutSteps, withStepData } from './graph-edits.ts';
import { EditGroups, historyOptions } from './history.ts';
import type { Designer, DesignerDocument, DesignerState, ServerInfo } from './types.ts';

export type DesignerStore = StoreApi<Designer> & { temporal: StoreApi<TemporalState<DesignerDocument>> };

const VALIDATE_DELAY_MS = 60;

const emptyServer: ServerInfo = { basedOnVersion: null, latestVersion: null, draftUpdatedAt: null };

export function definitionOf(s: DesignerDocument): DefinitionBody {
  return toDefinition(s.meta, s.nodes, s.edges);
}

export function isDirty(s: Pick<DesignerState, 'revision' | 'layoutRevision' | 'saved'>): boolean {
  return s.revision !== s.saved.revision || s.layoutRevision !== s.saved.layoutRevision;
}

function problemsIndex(problems: Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) if (p.stepId) map.set(p.stepId, [...(map.get(p.stepId) ?? []), p]);
  return map;
}

/** The code a step gets with its new name: a new code from the name while the old one came from the old name, and only until it is published. */
function codeFollowingName(s: DesignerState, data: StepData, name: string): string {
  if (s.server.publishedSteps?.includes(data.id)) return data.id;
  const others = new Set(s.nodes.filter((n) => n.id !== data.id).map((n) => n.id));
  // A name emptied on the way to a new one (backspace, then typing) keeps the code following.
  const next = data.name.trim() ? idAfterRelabel({ id: data.id, label: data.name }, name, others) : name.trim() ? uniqueId(name, others) : data.id;
  return s.server.publishedSteps?.includes(next) ? data.id : next;
}

export function createDesignerStore(options: { readOnly?: boolean } = {}): DesignerStore {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let focusSeq = 0;
  let dragSeq = 0;
  let naming: { id: string; group: string } | null = null;
  const groups = new EditGroups();

  const store: DesignerStore = createStore<Designer>()(
    temporal((set, get) => {
      const scheduleValidation = () => {
        clearTimeout(validateTimer);
        validateTimer = setTimeout(() => get().validateNow(), VALIDATE_DELAY_MS);
      };

      /** An edit that changes meaning: one undo step (or part of the open one for `group`), then the live check. */
      const edit = (patch: Partial<DesignerState>, group?: string) => {
        groups.within(group, () => set({ ...patch, revision: get().revision + 1 }));
        scheduleValidation();
      };

      /** After undo or redo: the document is back as it was, so it counts as edited and drawn anew. */
      const travel = (step: (t: TemporalState<DesignerDocument>) => void, available: (t: TemporalState<DesignerDocument>) => boolean) => {
        const t = store.temporal.getState();
        if (get().readOnly || !available(t)) return;
        step(t);
        groups.close();
        const s = get();
        set({ revision: s.revision + 1, layoutRevision: s.layoutRevision + 1 });
        scheduleValidation();
      };

      const writable = () => !get().readOnly;

      /** A new step's data from its kind's factory, under an id made from its name and free in this drawing. */
      const newStepData = (create: NewStep): StepData => {
        const s = get();
        const context = { hasOpeningStart: s.nodes.some((n) => n.type === 'start' && n.data.trigger !== 'balance-cleared') };
        return create(uniqueId(create('x', context).name, new Set(s.nodes.map((n) => n.id))), context);
      };

      return {
        meta: { id: '', name: '' },
        nodes: [],
        edges: [],
        readOnly: options.readOnly ?? false,
        revision: 0,
        layoutRevision: 0,
        saved: { revision: 0, layoutRevision: 0 },
        dragging: false,
        templates: null,
        problems: [],
        problemsByStep: new Map(),
        checkedRevision: -1,
        highlight: { mode: 'none' },
        clipboard: null,
        focus: null,
        server: emptyServer,
        lastRename: null,

        load(def, server) {
          const { meta, nodes, edges, skipped } = fromDefinition(def);
          const s = get();
          const revision = s.revision + 1;
          set({ meta, nodes, edges, revision, saved: { revision, layoutRevision: s.layoutRevision }, highlight: { mode: 'none' }, server });
          store.temporal.getState().clear();
          groups.close();
          get().validateNow();
          return { skipped };
        },

        replaceContent(def) {
          const { meta } = get();
          const { nodes, edges } = fromDefinition({ ...def, id: meta.id });
          edit({ nodes, edges, meta: { ...meta, name: def.name, ...(def.description !== undefined ? { description: def.description } : {}) }, highlight: { mode: 'none' } });
        },

        setTemplates(templates) {
          set({ templates });
          get().validateNow();
        },

        onNodesChange(changes) {
          const s = get();
          // Deleting goes through deleteSelection (one undo step for steps and their wiring).
          const allowed = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
          const harmless = s.readOnly ? allowed.filter((c) => c.type === 'select' || c.type === 'dimensions') : allowed;
          if (harmless.length === 0) return;
          const moves = harmless.filter((c) => c.type === 'position');
          const startsDrag = !s.dragging && moves.some((c) => c.dragging);
          const endsDrag = s.dragging && moves.some((c) => c.dragging === false);
          if (startsDrag) dragSeq++;
          const moved = moves.some((c) => c.position);
          // Every move of one drag belongs to its one undo step, however long the drag takes.
          groups.within(
            s.dragging || startsDrag ? `drag:${dragSeq}` : undefined,
            () =>
              set({
                nodes: applyNodeChanges(harmless, s.nodes),
                ...(startsDrag || endsDrag ? { dragging: startsDrag } : {}),
                ...(moved ? { layoutRevision: s.layoutRevision + 1 } : {}),
              }),
            Infinity,
          );
        },

        onEdgesChange(changes) {
          const selects = changes.filter((c) => c.type === 'select');
          if (selects.length) set({ edges: applyEdgeChanges(selects, get().edges) });
        },

        connect(c) {
          const s = get();
          if (writable() && c.sourceHandle && connectionAllowed(s.nodes, c)) edit({ edges: wire(s.edges, c.source, c.sourceHandle, c.target) });
        },

        reconnect(old, c) {
          const s = get();
          if (writable() && c.sourceHandle && connectionAllowed(s.nodes, c)) edit({ edges: wire(s.edges, c.source, c.sourceHandle, c.target, old.id) });
        },

        addStep(create, position) {
          const data = newStepData(create);
          edit(placed(get(), data, position));
          return data.id;
        },

        addStepAfter(source, outcome, create) {
          if (!writable()) return null;
          const data = newStepData(create);
          edit(addedAfter(get(), source, outcome, data));
          return data.id;
        },

        insertStepOnWire(edgeId, create) {
          if (!writable()) return null;
          const data = newStepData(create);
          edit(insertedOnWire(get(), edgeId, data));
          return data.id;
        },

        updateStep(id, update, opts = {}) {
          const s = get();
          const node = s.nodes.find((n) => n.id === id);
          if (!writable() || !node) return;
          edit(withStepData(s, id, update(node.data as StepData), opts.renamedOutcomes), opts.historyKey ? `${id}:${opts.historyKey}` : undefined);
        },

        renameStep(oldId, newId) {
          const s = get();
          const id = newId.trim();
          if (id === oldId) return null;
          if (!isSlug(id)) return 'invalid';
          if (s.nodes.some((n) => n.id === id)) return 'taken';
          edit(renamed(s, oldId, id));
          return null;
        },

        nameStep(id, name) {
          const s = get();
          const node = s.nodes.find((n) => n.id === id);
          if (!writable() || !node) return;
          let graph = withStepData(s, id, { ...(node.data as StepData), name });
          const code = codeFollowingName(s, node.data as StepData, name);
          if (code !== id) graph = renamed(graph, id, code);
          // Typing one name is one undo step, though the code (the node's id) changes with every letter.
          const group = naming?.id === id ? naming.group : `name:${id}`;
          naming = { id: code, group };
          edit({ ...graph, ...(code !== id ? { lastRename: { from: id, to: code } } : {}) }, group);
        },

        deleteSelection() {
          const s = get();
          const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
          const edges = s.edges.filter((e) => !e.selected);
          if (!writable() || (!gone.size && edges.length === s.edges.length)) return;
          edit(withoutSteps({ nodes: s.nodes, edges }, gone));
        },

        deleteSteps(list) {
          if (writable() && list.length) edit(withoutSteps(get(), new Set(list)));
        },

        bridgeAndDelete(stepId, viaOutcome) {
          if (writable()) edit(bridged(get(), stepId, viaOutcome));
        },

        undo: () => travel((t) => t.undo(), (t) => t.pastStates.length > 0),
        redo: () => travel((t) => t.redo(), (t) => t.futureStates.length > 0),

        copySelection() {
          const s = get();
          const nodes = s.nodes.filter((n) => n.selected).map(withoutSelection);
          if (!nodes.length) return 0;
          const inside = new Set(nodes.map((n) => n.id));
          set({ clipboard: { nodes, edges: s.edges.filter((e) => inside.has(e.source) && inside.has(e.target)) } });
          return nodes.length;
        },

        paste() {
          const s = get();
          if (!s.clipboard || s.readOnly) return 0;
          const copies = copiesOf(s.clipboard, new Set(s.nodes.map((n) => n.id)));
          const rest = deselectAll(s);
          edit({ nodes: [...rest.nodes, ...copies.nodes], edges: [...s.edges, ...copies.edges] });
          // Pasting again lands the next copy a little further on.
          set({ clipboard: { nodes: copies.nodes.map(withoutSelection), edges: copies.edges } });
          return copies.nodes.length;
        },

        applyPositions(positions, opts = {}) {
          const s = get();
          const recorded = opts.history !== false;
          const history = store.temporal.getState();
          if (!recorded) history.pause();
          set({
            nodes: s.nodes.map((n) => (positions[n.id] ? ({ ...n, position: positions[n.id]! } as StepNode) : n)),
            layoutRevision: s.layoutRevision + (recorded ? 1 : 0),
          });
          if (!recorded) history.resume();
        },

        setMeta(patch, historyKey) {
          if (writable()) edit({ meta: { ...get().meta, ...patch } }, historyKey ? `meta:${historyKey}` : undefined);
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
    }, historyOptions(groups)),
  );
  return store;
}
