// What a node shows beyond the frame every step shares, for the kinds that show more: a chip
// beside the kind (channel, role, working days, the bailiff) or a summary of their own.
import { describeCondition } from '../../../../definition/describe.ts';
import { channels, messagePurposes, roles } from '../../../../definition/catalog.ts';
import i18n, { useLanguage } from '../../i18n/index.ts';
import type { StepData } from '../model/types.ts';
import { useDesigner } from '../store/context.tsx';
import { summaryOf } from './outcomes.ts';

type PartProps<K extends StepData['kind']> = { data: StepData<K> };

/** The template by its name from the library (the id until the library is loaded), and what the message is for. */
export function CommunicateSummary({ data }: PartProps<'communicate'>) {
  const lang = useLanguage();
  const templateName = useDesigner((s) => s.templates?.find((x) => x.id === data.template) as { name?: string } | undefined)?.name;
  const what = templateName ?? (data.template ? data.template : i18n.getFixedT(lang, 'designer')('node.noTemplate'));
  return <>{`${what} · ${messagePurposes.labels[data.purpose]?.[lang] ?? ''}`}</>;
}

/** The channel, and whether this reminder carries the offer to pass the tenant's details to the municipality. */
export function ChannelChip({ data }: PartProps<'communicate'>) {
  const lang = useLanguage();
  return (
    <span className={`step-chip channel-${data.channel}`}>
      {channels.labels[data.channel]?.[lang] ?? data.channel}
      {data.offersMunicipalitySignal ? ` · ${i18n.getFixedT(lang, 'designer')('node.municipalityOffer')}` : ''}
    </span>
  );
}

export function WorkingDaysChip({ data }: PartProps<'wait'>) {
  const lang = useLanguage();
  return data.workingDays ? <span className="step-chip">{lang === 'nl' ? 'werkdagen' : 'working days'}</span> : null;
}

export function RoleChip({ data }: PartProps<'task'>) {
  const lang = useLanguage();
  return <span className="step-chip">{roles.labels[data.role]?.[lang] ?? data.role}</span>;
}

export function BailiffChip({ data }: PartProps<'handover'>) {
  return data.partner === 'bailiff' ? <span className="step-chip adverse">⚖</span> : null;
}

/** The branches' conditions as sentences, tried in order. */
export function BranchesSummary({ data }: PartProps<'decision'>) {
  const lang = useLanguage();
  return <>{summaryOf(data, () => data.branches.map((b) => describeCondition(b.when, lang)).join('; '))}</>;
}
