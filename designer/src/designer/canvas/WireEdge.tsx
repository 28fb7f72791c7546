// A wire from an outcome to the next step: a rounded step path, and at its middle a "+" that
// inserts a step on it. The "+" shows while the wire is hovered or selected (a keyboard user
// selects a wire with Enter, then tabs to it), so 200 wires do not fill the drawing with buttons.
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { OutcomeEdge } from '../model/types.ts';
import { useDesigner } from '../store/context.tsx';
import { AddButton } from './AddStepMenu.tsx';

/** Which wire the pointer is over; the canvas sets it, the wire under it shows its "+". */
export const useHoveredWire = create<{ id: string | null; set: (id: string | null) => void }>((set) => ({ id: null, set: (id) => set({ id }) }));

const WireEdge = memo(function WireEdge(props: EdgeProps<OutcomeEdge>) {
  const { t } = useTranslation('designer');
  const { id, selected, markerEnd, style, interactionWidth } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ ...props, borderRadius: 12 });
  const hovered = useHoveredWire((s) => s.id === id);
  const readOnly = useDesigner((s) => s.readOnly);
  const from = useDesigner((s) => s.nodes.find((n) => n.id === props.source)?.data.name ?? props.source);
  const to = useDesigner((s) => s.nodes.find((n) => n.id === props.target)?.data.name ?? props.target);
  const setHovered = useHoveredWire((s) => s.set);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {!readOnly && (
        <EdgeLabelRenderer>
          <div
            className={`wire-insert${selected || hovered ? ' shown' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onMouseEnter={() => setHovered(id)}
            onMouseLeave={() => setHovered(null)}
          >
            <AddButton className="on-wire" point={{ onWire: id }} label={t('add.onWire', { from, to })} tabIndex={selected ? 0 : -1} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes: EdgeTypes = { wire: WireEdge };
