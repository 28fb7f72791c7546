// The node of every step kind, made by one factory from the kind's registry entry: the shared
// frame with the kind's chip and summary. nodeTypes is built once, here, so React Flow never
// remounts nodes.
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo, type ComponentType } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import { stepKinds, type Step, type StepKind } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { StepNodeOf } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';
import { stepRegistry } from './registry.ts';

function stepNode<K extends StepKind>(kind: K): ComponentType<NodeProps<StepNodeOf<K>>> {
  const { chip: Chip, summary: Summary } = stepRegistry[kind];
  function KindNode({ id, data, selected }: NodeProps<StepNodeOf<K>>) {
    const lang = useLanguage();
    return (
      <NodeFrame
        id={id}
        kind={kind}
        name={data.name}
        summary={Summary ? <Summary data={data} /> : summaryOf(data, (s) => stepSummary(s, lang))}
        outcomes={frameOutcomes(data)}
        width={nodeSize(data as Step).width}
        selected={!!selected}
        chip={Chip && <Chip data={data} />}
      />
    );
  }
  KindNode.displayName = `StepNode(${kind})`;
  return memo(KindNode);
}

export const nodeTypes: NodeTypes = Object.fromEntries(stepKinds.map((kind) => [kind, stepNode(kind)]));
