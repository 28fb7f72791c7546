// An approval: the roles that decide in order, each a different person.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { ApprovalNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const ApprovalNode = memo(function ApprovalNode({ id, data, selected }: NodeProps<ApprovalNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="approval"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
    />
  );
});
