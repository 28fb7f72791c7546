// A start: where cases open, or (trigger balance-cleared) the aftercare path after payment.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { StartNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const StartNode = memo(function StartNode({ id, data, selected }: NodeProps<StartNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="start"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
    />
  );
});
