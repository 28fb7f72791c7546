// The process drawing of one definition version, exactly as the designer draws it (its
// read-only canvas on a store of its own), with a heat badge on every step that has open
// cases. The badges sit in an overlay that follows the canvas's viewport, so the designer's
// nodes stay untouched. A click on a badge or on a step selects that step.
import { ReactFlowProvider, useViewport } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPositions, nodeSize } from '../../../../definition/layout-input.ts';
import type { Definition, Step } from '../../../../definition/schema.ts';
import { Canvas } from '../../designer/canvas/Canvas.tsx';
import { layoutSteps } from '../../designer/canvas/layout.ts';
import { isStepKind } from '../../designer/model/convert.ts';
import { DesignerStoreProvider, useDesigner } from '../../designer/store/context.tsx';
import { createDesignerStore } from '../../designer/store/designer-store.ts';
import type { Heat } from '../api.ts';
import { BlockedIcon, FailingIcon, PauseIcon, PersonIcon } from '../shared/icons.tsx';
import '@xyflow/react/dist/style.css';
import '../../designer/designer.css';

type StepHeat = Heat['steps'][number];

export function HeatCanvas({ body, steps, selected, onSelect }: { body: Definition; steps: StepHeat[]; selected: string | null; onSelect: (stepId: string) => void }) {
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
        <div className="heat-canvas" data-testid="heat-canvas" data-ready={ready ? 'true' : 'false'}>
          {ready && <Canvas readOnly />}
          {ready && <HeatBadges steps={steps} selected={selected} onSelect={onSelect} />}
        </div>
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

/** Light amber to deep red by share of the busiest step. */
function heatColour(share: number): string {
  const hue = 42 - 40 * share;
  const light = 88 - 40 * share;
  return `hsl(${hue} 90% ${light}%)`;
}

function HeatBadges({ steps, selected, onSelect }: { steps: StepHeat[]; selected: string | null; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('ops');
  const { x, y, zoom } = useViewport();
  const nodes = useDesigner((s) => s.nodes);
  const clicked = useDesigner((s) => s.nodes.find((n) => n.selected)?.id ?? null);
  const byStep = useMemo(() => new Map(steps.map((s) => [s.stepId, s])), [steps]);
  const max = Math.max(1, ...steps.map((s) => s.open));

  // A step clicked on the drawing selects it here too.
  useEffect(() => {
    if (clicked && clicked !== selected) onSelect(clicked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clicked]);

  return (
    <div className="heat-overlay" aria-label={t('heat.badgesLabel')}>
      {nodes.map((n) => {
        const h = byStep.get(n.id);
        if (!h) return null;
        const width = nodeSize(n.data as Step).width;
        const label = t('heat.badgeLabel', { step: (n.data as { name?: string }).name ?? n.id, open: h.open, person: h.waitingOnPerson, paused: h.paused, failing: h.failing, blocked: h.blocked });
        const textLight = h.open / max > 0.55;
        return (
          <button
            key={n.id}
            type="button"
            className={`heat-badge${selected === n.id ? ' selected' : ''}`}
            style={{ left: x + (n.position.x + width) * zoom, top: y + n.position.y * zoom, background: heatColour(h.open / max), color: textLight ? '#fff' : '#3b2300' }}
            onClick={() => onSelect(n.id)}
            title={label}
            aria-pressed={selected === n.id}
            data-testid={`heat-${n.id}`}
            data-open={h.open}
            data-person={h.waitingOnPerson}
            data-paused={h.paused}
            data-failing={h.failing}
            data-blocked={h.blocked}
          >
            {/* The name is the sentence; the figures and icons show it to the eye only. */}
            <span className="visually-hidden">{label}</span>
            <span className="heat-figures" aria-hidden="true">
            <span className="heat-open">{h.open}</span>
            {h.waitingOnPerson > 0 && (
              <span className="heat-chip person">
                <PersonIcon /> {h.waitingOnPerson}
              </span>
            )}
            {h.paused > 0 && (
              <span className="heat-chip paused">
                <PauseIcon /> {h.paused}
              </span>
            )}
            {h.blocked > 0 && (
              <span className="heat-chip blocked">
                <BlockedIcon /> {h.blocked}
              </span>
            )}
            {h.failing > 0 && (
              <span className="heat-chip failing">
                <FailingIcon /> {h.failing}
              </span>
            )}
            </span>
          </button>
        );
      })}
    </div>
  );
}
