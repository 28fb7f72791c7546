// Collection costs on the BIK scale, charged once, only after the 14-day letter's period.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { CostsNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const CostsNode = memo(function CostsNode({ id, data, selected }: NodeProps<CostsNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="collection-costs"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
    />
  );
});
