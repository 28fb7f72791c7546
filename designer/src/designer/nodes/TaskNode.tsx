// A human task: what kind, for which role, within what deadline; one handle per outcome.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepSummary } from '../../../../definition/describe.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import { roles } from '../../../../definition/catalog.ts';
import type { Step } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { TaskNodeType } from '../model/types.ts';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes, summaryOf } from './outcomes.ts';

export const TaskNode = memo(function TaskNode({ id, data, selected }: NodeProps<TaskNodeType>) {
  const lang = useLanguage();
  return (
    <NodeFrame
      id={id}
      kind="task"
      name={data.name}
      summary={summaryOf(data, (s: Step) => stepSummary(s, lang))}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
      chip={<span className="step-chip">{roles.labels[data.role]?.[lang] ?? data.role}</span>}
    />
  );
});
