// A message: the channel, the template from the library (by its name), and whether this
// reminder carries the offer to pass the tenant's details to the municipality.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { channels, messagePurposes } from '../../../../definition/catalog.ts';
import { nodeSize } from '../../../../definition/layout-input.ts';
import type { Step } from '../../../../definition/schema.ts';
import i18n, { useLanguage } from '../../i18n/index.ts';
import type { CommunicateNodeType } from '../model/types.ts';
import { useDesigner } from '../store/context.tsx';
import { NodeFrame } from './NodeFrame.tsx';
import { frameOutcomes } from './outcomes.ts';

export const CommunicateNode = memo(function CommunicateNode({ id, data, selected }: NodeProps<CommunicateNodeType>) {
  const lang = useLanguage();
  const t = i18n.getFixedT(lang, 'designer');
  const templateName = useDesigner((s) => s.templates?.find((x) => x.id === data.template) as { name?: string } | undefined)?.name;
  const channel = channels.labels[data.channel]?.[lang] ?? data.channel;
  const what = templateName ?? (data.template ? data.template : t('node.noTemplate'));
  return (
    <NodeFrame
      id={id}
      kind="communicate"
      name={data.name}
      summary={`${what} · ${messagePurposes.labels[data.purpose]?.[lang] ?? ''}`}
      outcomes={frameOutcomes(data)}
      width={nodeSize(data as Step).width}
      selected={!!selected}
      chip={
        <span className={`step-chip channel-${data.channel}`}>
          {channel}
          {data.offersMunicipalitySignal ? ` · ${t('node.municipalityOffer')}` : ''}
        </span>
      }
    />
  );
});
