// A payment arrangement: the limits a plan must fit and the reminders it sends.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { ArrangementNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const ArrangementNode = memo(function ArrangementNode({ id, data, selected }: NodeProps<ArrangementNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="arrangement"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
    />
  );
});
