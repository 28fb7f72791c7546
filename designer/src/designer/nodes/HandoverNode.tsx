// A handover to a partner: debt help, the neighbourhood team, the municipality or the bailiff.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { HandoverNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const HandoverNode = memo(function HandoverNode({ id, data, selected }: NodeProps<HandoverNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="handover"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
      chip={data.partner === 'bailiff' ? <span className="step-chip adverse">⚖</span> : undefined}
    />
  );
});
