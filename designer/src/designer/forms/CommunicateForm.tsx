import { useTranslation } from 'react-i18next';
import { channels, messagePurposes } from '../../../../definition/catalog.ts';
import { CommunicateStepSchema } from '../../../../definition/schema.ts';
import { CheckboxField, EnumField } from './fields.tsx';
import { enumOptions, issueAt } from './schema-form.ts';
import { TemplateField } from './TemplateField.tsx';
import type { FormProps } from './types.ts';

const shape = CommunicateStepSchema.shape;

export function CommunicateForm({ data, onChange, issues }: FormProps<'communicate'>) {
  const { t } = useTranslation('designer');
  const templates = enumOptions<typeof data.channel>(shape.channel);
  return (
    <>
      <EnumField
        label={t('form.channel')}
        name="channel"
        options={templates}
        labels={channels.labels}
        value={data.channel}
        // A template belongs to one channel: changing the channel asks for a new one.
        onChange={(channel) => onChange({ ...data, channel, template: channel === data.channel ? data.template : '' })}
        error={issueAt(issues, 'channel')}
      />
      <TemplateField label={t('form.template')} channel={data.channel} value={data.template} onChange={(template) => onChange({ ...data, template })} error={issueAt(issues, 'template')} />
      <EnumField
        label={t('form.purpose')}
        name="purpose"
        options={enumOptions<typeof data.purpose>(shape.purpose)}
        labels={messagePurposes.labels}
        value={data.purpose}
        onChange={(purpose) => onChange({ ...data, purpose })}
        hint={t('form.purposeHint')}
      />
      <CheckboxField
        label={t('form.offersMunicipalitySignal')}
        name="offersMunicipalitySignal"
        hint={t('form.offersMunicipalitySignalHint')}
        checked={data.offersMunicipalitySignal}
        onChange={(offersMunicipalitySignal) => onChange({ ...data, offersMunicipalitySignal })}
      />
    </>
  );
}
