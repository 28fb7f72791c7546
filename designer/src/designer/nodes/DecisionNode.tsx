// A decision: branches tried in order, each a readable condition, then "otherwise".
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeCondition } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { DecisionNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const DecisionNode = memo(function DecisionNode({ id, data, selected }: NodeProps<DecisionNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="decision"
      name={data.name}
      summary={summaryOf(data, () => data.branches.map((b) => describeCondition(b.when, lang)).join('; '))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
    />
  );
});
