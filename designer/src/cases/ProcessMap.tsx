// A small read-only drawing of the case's process: every step of its definition version,
// laid out by ELK from the same input the designer uses (definition/layout-input.ts), with
// the steps the case went through tinted and the current step marked.
import { Background, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutGraph, nodeSize, positionsFrom } from '../../../definition/layout-input.ts';
import type { Step } from '../../../definition/schema.ts';
import { stepKindLabel } from '../i18n/format.ts';
import '@xyflow/react/dist/style.css';

type Mark = 'current' | 'visited' | 'none';
type StepData = { name: string; kind: string; mark: Mark };
type StepNode = Node<StepData, 'step'>;

const StepBox = memo(function StepBox({ data }: NodeProps<StepNode>) {
  return (
    <div className={`st-map-node ${data.mark}`} data-mark={data.mark} title={data.name}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="st-map-kind">{stepKindLabel(data.kind)}</div>
      <div className="st-map-name">{data.name}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { step: StepBox };
let elk: InstanceType<typeof ELK> | null = null;

export function ProcessMap({ steps, current, cameFrom, visited, taken }: { steps: Step[]; current: string | null; cameFrom: string | null; visited: Set<string>; taken: Set<string> }) {
  const { t } = useTranslation('cases');
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }> | null>(null);

  useEffect(() => {
    let live = true;
    elk ??= new ELK();
    elk
      .layout(layoutGraph(steps) as Parameters<InstanceType<typeof ELK>['layout']>[0])
      .then((r) => live && setPositions(positionsFrom(r)))
      .catch(() => live && setPositions({}));
    return () => {
      live = false;
    };
  }, [steps]);

  if (!positions) return <div className="st-map loading">{t('map.loading')}</div>;
  const nodes: StepNode[] = steps.map((s) => ({
    id: s.id,
    type: 'step',
    position: positions[s.id] ?? { x: 0, y: 0 },
    data: { name: s.name, kind: s.kind, mark: s.id === current ? 'current' : visited.has(s.id) ? 'visited' : 'none' },
    // Sized up front (the layout used these sizes): a node React Flow must measure first stays
    // invisible until its measurement comes back, and each reload of the case would hide it again.
    ...nodeSize(s),
    draggable: false,
    selectable: false,
  }));
  const ids = new Set(steps.map((s) => s.id));
  const edges: Edge[] = steps.flatMap((s) =>
    Object.entries(s.next ?? {})
      .filter(([, to]) => ids.has(to))
      .map(([outcome, to]) => ({
        id: `${s.id}:${outcome}`,
        source: s.id,
        target: to,
        className: taken.has(`${s.id}:${outcome}`) ? 'taken' : undefined,
        animated: s.id === current,
      })),
  );
  // A long ladder drawn whole is too small to read: the view opens on the current step, the
  // step the case came from and where it can go next (pan and zoom for the rest).
  const focus = current ? [current, ...(cameFrom ? [cameFrom] : []), ...Object.values(steps.find((s) => s.id === current)?.next ?? {})].filter((id) => positions[id]) : [];
  return (
    // Not one tab stop per step and wire (a 38-step ladder made "Betaling registreren" tab stop 104):
    // the map is a picture of where the case stands; its steps are read, not operated.
    <div className="st-map" data-testid="process-map" data-current={current ?? ''} role="region" aria-label={t('map.label')}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.1, maxZoom: 0.9, ...(focus.length ? { nodes: focus.map((id) => ({ id })) } : {}) }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        proOptions={{ hideAttribution: true }}
        minZoom={0.05}
      >
        <Background gap={24} />
      </ReactFlow>
    </div>
  );
}
