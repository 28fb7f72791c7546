// The drawing: React Flow over the designer store. Connections are checked before they are
// made (isValidConnection), a drop from the palette adds a step where it lands, and a focus
// request from elsewhere (a problem clicked, a step found) brings the step into view.
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type Connection, type Edge, type IsValidConnection } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeSize } from '../../../../definition/layout-input.ts';
import { isStepKind } from '../model/convert.ts';
import type { OutcomeEdge, StepNode } from '../model/types.ts';
import { stepRegistry } from '../nodes/registry.ts';
import { nodeTypes } from '../nodes/StepNode.tsx';
import { useDesigner, useDesignerStore } from '../store/context.tsx';
import { connectionAllowed } from '../store/graph-edits.ts';
import type { Highlight } from '../store/types.ts';
import { AddStepMenu, AddStepProvider, type AddRequest } from './AddStepMenu.tsx';
import { DRAG_TYPE } from './Palette.tsx';
import { edgeTypes, useHoveredWire } from './WireEdge.tsx';
import type { Step } from '../../../../definition/schema.ts';

function decorate(edges: OutcomeEdge[], h: Highlight): OutcomeEdge[] {
  if (h.mode === 'none') return edges;
  return edges.map((e) => {
    let className = 'edge-dim';
    if (h.mode === 'path' || h.mode === 'dry-run') className = h.edges.has(e.id) ? 'edge-lit' : 'edge-dim';
    if (h.mode === 'diff') {
      const status = h.edges.get(e.id);
      className = status ? `edge-${status}` : '';
    }
    return { ...e, className, animated: h.mode === 'dry-run' && h.edges.has(e.id) };
  });
}

/** Below this zoom node text is too small to read; a large process opens at its top instead. */
const READABLE_ZOOM = 0.7;

// Wires are drawn above steps (zIndex 1): one that crosses a step is seen to pass it, not to enter it.
const defaultEdgeOptions = { type: 'wire', zIndex: 1, interactionWidth: 12 };
const MINIMAP_KEY = 'designer.minimap';
const fitViewOptions = { padding: 0.12, maxZoom: 1 };
const minimapColour = (n: { type?: string }) => (isStepKind(n.type) ? stepRegistry[n.type].colour : '#999');

export function Canvas({ readOnly = false, canvasRef }: { readOnly?: boolean; canvasRef?: React.RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation('designer');
  const store = useDesignerStore();
  const nodes = useDesigner((s) => s.nodes);
  const edges = useDesigner((s) => s.edges);
  const highlight = useDesigner((s) => s.highlight);
  const focus = useDesigner((s) => s.focus);
  const { onNodesChange, onEdgesChange, connect, reconnect, addStep } = store.getState();
  const { screenToFlowPosition, setCenter, getZoom, getNodesBounds, setViewport, fitView } = useReactFlow<StepNode, OutcomeEdge>();
  const displayEdges = useMemo(() => decorate(edges, highlight), [edges, highlight]);
  const initialised = useNodesInitialized();
  const opened = useRef(false);
  const box = useRef<HTMLDivElement | null>(null);
  // Marks the canvas as shown (laid out and in view): tests and the benchmark wait for it.
  const [ready, setReady] = useState(() => store.getState().nodes.length === 0);
  const [adding, setAdding] = useState<AddRequest | null>(null);
  // The overview map covers part of the drawing (and once blocked a drop): shown on request, remembered.
  const [minimap, setMinimap] = useState(() => localStorage.getItem(MINIMAP_KEY) === 'shown');
  const setHoveredWire = useHoveredWire((s) => s.set);

  const centreOn = useCallback(
    (stepId: string, duration: number) => {
      const node = store.getState().nodes.find((n) => n.id === stepId);
      if (!node) return Promise.resolve(false);
      const size = nodeSize(node.data as Step);
      return setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(getZoom(), 0.85), duration });
    },
    [store, setCenter, getZoom],
  );

  // A focus request (a problem clicked, a step found) once the drawing is open; before that the opening handles it.
  useEffect(() => {
    if (focus && opened.current) void centreOn(focus.stepId, 350);
  }, [focus, centreOn]);

  // Open the drawing whole when it fits readably, else at its top (where cases start), centred.
  useEffect(() => {
    if (!initialised || opened.current) return;
    opened.current = true;
    const all = store.getState().nodes;
    const el = box.current;
    if (!all.length || !el) return;
    const bounds = getNodesBounds(all);
    const { width, height } = el.getBoundingClientRect();
    const fit = Math.min(width / (bounds.width * 1.1), height / (bounds.height * 1.1), 1);
    const pending = store.getState().focus;
    const shown = pending
      ? centreOn(pending.stepId, 0)
      : fit >= READABLE_ZOOM
        ? fitView(fitViewOptions)
        : setViewport({ x: width / 2 - (bounds.x + bounds.width / 2) * READABLE_ZOOM, y: 24 - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
    void Promise.resolve(shown).then(() =>
      requestAnimationFrame(() => {
        performance.mark('designer:ready');
        setReady(true);
      }),
    );
  }, [initialised, store, getNodesBounds, setViewport, fitView, centreOn]);

  const isValidConnection: IsValidConnection<OutcomeEdge> = useCallback(
    (c: OutcomeEdge | Connection) => connectionAllowed(store.getState().nodes, { source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null }),
    [store],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_TYPE);
      if (!isStepKind(kind) || readOnly) return;
      e.preventDefault();
      addStep(stepRegistry[kind].create, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [addStep, screenToFlowPosition, readOnly],
  );

  const added = useCallback(
    (id: string | null) => {
      setAdding(null);
      if (id) store.getState().focusStep(id);
    },
    [store],
  );

  return (
    <AddStepProvider value={setAdding}>
    <div
      className="canvas"
      ref={(el) => {
        box.current = el;
        if (canvasRef) canvasRef.current = el;
      }}
      data-testid="canvas"
      data-ready={ready ? 'true' : 'false'}
    >
      <ReactFlow<StepNode, OutcomeEdge>
        nodes={nodes}
        edges={displayEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onEdgeMouseEnter={(_, e) => setHoveredWire(e.id)}
        onEdgeMouseLeave={() => setHoveredWire(null)}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onReconnect={(old: Edge, c: Connection) => reconnect(old as OutcomeEdge, c)}
        isValidConnection={isValidConnection}
        defaultEdgeOptions={defaultEdgeOptions}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }}
        onDrop={onDrop}
        minZoom={0.08}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.label')}
      >
        <Background gap={24} size={1} color="#d5dae1" />
        {minimap && <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} ariaLabel={t('canvas.minimap')} />}
        <Controls showInteractive={false} fitViewOptions={fitViewOptions}>
          <ControlButton
            onClick={() => {
              localStorage.setItem(MINIMAP_KEY, minimap ? 'hidden' : 'shown');
              setMinimap(!minimap);
            }}
            aria-label={t(minimap ? 'canvas.hideMinimap' : 'canvas.showMinimap')}
            title={t(minimap ? 'canvas.hideMinimap' : 'canvas.showMinimap')}
            aria-pressed={minimap}
          >
            ▦
          </ControlButton>
        </Controls>
      </ReactFlow>
      {adding && <AddStepMenu request={adding} onClose={added} />}
    </div>
    </AddStepProvider>
  );
}
