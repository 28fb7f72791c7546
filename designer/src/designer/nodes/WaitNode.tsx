// A wait: its duration, and the events (payment, contact) that end it early as outcomes of their own.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { WaitNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const WaitNode = memo(function WaitNode({ id, data, selected }: NodeProps<WaitNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="wait"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
      chip={data.workingDays ? <span className="step-chip">{lang === 'nl' ? 'werkdagen' : 'working days'}</span> : undefined}
    />
  );
});
