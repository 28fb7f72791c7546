// A definition version drawn exactly as the designer draws it (its read-only canvas on a store
// of its own), with an overlay of figures per step: the heat view's open cases, the analytics'
// effects. The overlay follows the canvas's viewport, so the designer's nodes stay untouched.
import { ReactFlowProvider, useViewport } from '@xyflow/react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasPositions, nodeSize } from '../../../../definition/layout-input.ts';
import type { Definition, Step } from '../../../../definition/schema.ts';
import { Canvas } from '../../designer/canvas/Canvas.tsx';
import { layoutSteps } from '../../designer/canvas/layout.ts';
import { isStepKind } from '../../designer/model/convert.ts';
import { DesignerStoreProvider, useDesigner } from '../../designer/store/context.tsx';
import { createDesignerStore } from '../../designer/store/designer-store.ts';
import '@xyflow/react/dist/style.css';
import '../../designer/designer.css';

export function ProcessMap({ body, testId, children }: { body: Definition; testId: string; children: ReactNode }) {
  const store = useMemo(() => createDesignerStore({ readOnly: true }), []);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setReady(false);
    void (async () => {
      const raw = body.steps as Array<Step & { position?: { x: number; y: number } }>;
      const positions = hasPositions(raw) ? Object.fromEntries(raw.map((s) => [s.id, s.position!])) : await layoutSteps(raw.filter((s) => isStepKind(s.kind)) as never);
      if (cancelled) return;
      store.getState().load({ ...body, steps: raw.map((s) => ({ ...s, position: positions[s.id] ?? s.position ?? { x: 0, y: 0 } })) }, { basedOnVersion: null, latestVersion: null, draftUpdatedAt: null });
      setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [body, store]);

  return (
    <DesignerStoreProvider store={store}>
      <ReactFlowProvider>
        <div className="heat-canvas" data-testid={testId} data-ready={ready ? 'true' : 'false'}>
          {ready && <Canvas readOnly />}
          {ready && children}
        </div>
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

/** Where each step's badge goes on screen: at its drawn node's top right corner (`below`: its bottom left), as the viewport moves. */
export function useStepAnchors() {
  const { x, y, zoom } = useViewport();
  const nodes = useDesigner((s) => s.nodes);
  return nodes.map((n) => {
    const size = nodeSize(n.data as Step);
    return {
      id: n.id,
      name: (n.data as { name?: string }).name ?? n.id,
      left: x + (n.position.x + size.width) * zoom,
      top: y + n.position.y * zoom,
      below: { left: x + n.position.x * zoom, top: y + (n.position.y + size.height) * zoom },
    };
  });
}

/** A step clicked on the drawing selects it in the page too. */
export function useClickedStep(selected: string | null, onSelect: (stepId: string) => void) {
  const clicked = useDesigner((s) => s.nodes.find((n) => n.selected)?.id ?? null);
  useEffect(() => {
    if (clicked && clicked !== selected) onSelect(clicked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clicked]);
}
