// The designer's state and the only ways to change it: a zustand store (the one React Flow
// uses inside) under zundo's temporal middleware. Every edit goes through an action here, so
// undo/redo, the dirty flag and the live check see all of them; nodes carry plain step data
// (no callbacks), so what is drawn is exactly what is saved. No React in here.
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isSlug } from '../../../../definition/ids.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { validateDefinition, type Problem } from '../../../../definition/validate.ts';
import { fromDefinition, toDefinition, type DefinitionBody } from '../model/convert.ts';
import { uniqueId } from '../model/ids.ts';
import type { StepData, StepNode } from '../model/types.ts';
import { bridged, connectionAllowed, copiesOf, deselectAll, renamed, wire, withoutSelection, withoutSteps, withStepData } from './graph-edits.ts';
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

export function createDesignerStore(options: { readOnly?: boolean } = {}): DesignerStore {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let focusSeq = 0;
  let dragSeq = 0;
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
          const s = get();
          const context = { hasOpeningStart: s.nodes.some((n) => n.type === 'start' && n.data.trigger !== 'balance-cleared') };
          const id = uniqueId(create('x', context).name, new Set(s.nodes.map((n) => n.id)));
          const data = create(id, context);
          const size = nodeSize(data as Step);
          const node = { id, type: data.kind, position: { x: Math.round(position.x - size.width / 2), y: Math.round(position.y - size.height / 2) }, data, selected: true } as StepNode;
          const rest = deselectAll(s);
          edit({ nodes: [...rest.nodes, node], edges: rest.edges });
          return id;
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
