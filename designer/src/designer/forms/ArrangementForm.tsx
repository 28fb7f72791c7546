import { useTranslation } from 'react-i18next';
import { channels } from '../../../../definition/catalog.ts';
import { ArrangementStepSchema } from '../../../../definition/schema.ts';
import { CheckboxField, DurationField, EnumField, MoneyField, NumberField } from './fields.tsx';
import { enumOptions, issueAt, numberBounds } from './schema-form.ts';
import { TemplateField } from './TemplateField.tsx';
import type { FormProps } from './types.ts';

const shape = ArrangementStepSchema.shape;

export function ArrangementForm({ data, onChange, issues }: FormProps<'arrangement'>) {
  const { t } = useTranslation('designer');
  const channelOptions = enumOptions<typeof data.reminder.channel>(shape.missed.shape.channel);
  return (
    <>
      <NumberField label={t('form.maxInstalments')} value={data.maxInstalments} {...numberBounds(shape.maxInstalments)} onChange={(maxInstalments) => onChange({ ...data, maxInstalments }, { historyKey: 'max' })} error={issueAt(issues, 'maxInstalments')} />
      <MoneyField label={t('form.minInstalment')} cents={data.minInstalmentCents} min={1} onChange={(minInstalmentCents) => onChange({ ...data, minInstalmentCents }, { historyKey: 'min' })} error={issueAt(issues, 'minInstalmentCents')} />
      <EnumField label={t('form.defaultInterval')} options={enumOptions<typeof data.defaultInterval>(shape.defaultInterval)} labels={(v) => t(`intervals.${v}`)} value={data.defaultInterval} onChange={(defaultInterval) => onChange({ ...data, defaultInterval })} hint={t('form.defaultIntervalHint')} />
      <fieldset className="form-group">
        <legend>{t('form.reminder')}</legend>
        <EnumField label={t('form.channel')} options={channelOptions} labels={channels.labels} value={data.reminder.channel} onChange={(channel) => onChange({ ...data, reminder: { ...data.reminder, channel, template: channel === data.reminder.channel ? data.reminder.template : '' } })} />
        <TemplateField label={t('form.template')} channel={data.reminder.channel} value={data.reminder.template} onChange={(template) => onChange({ ...data, reminder: { ...data.reminder, template } })} error={issueAt(issues, 'reminder.template')} />
        <DurationField label={t('form.before')} iso={data.reminder.before} onChange={(before) => onChange({ ...data, reminder: { ...data.reminder, before } }, { historyKey: 'before' })} error={issueAt(issues, 'reminder.before')} />
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('form.missed')}</legend>
        <EnumField label={t('form.channel')} options={channelOptions} labels={channels.labels} value={data.missed.channel} onChange={(channel) => onChange({ ...data, missed: { ...data.missed, channel, template: channel === data.missed.channel ? data.missed.template : '' } })} />
        <TemplateField label={t('form.template')} channel={data.missed.channel} value={data.missed.template} onChange={(template) => onChange({ ...data, missed: { ...data.missed, template } })} error={issueAt(issues, 'missed.template')} />
        <DurationField label={t('form.gracePeriod')} iso={data.gracePeriod} onChange={(gracePeriod) => onChange({ ...data, gracePeriod }, { historyKey: 'grace' })} error={issueAt(issues, 'gracePeriod')} />
        <NumberField label={t('form.allowedMisses')} value={data.allowedMisses} {...numberBounds(shape.allowedMisses)} onChange={(allowedMisses) => onChange({ ...data, allowedMisses }, { historyKey: 'misses' })} hint={t('form.allowedMissesHint')} />
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('form.broken')}</legend>
        <CheckboxField
          label={t('form.brokenMessage')}
          hint={t('form.brokenHint')}
          checked={data.broken !== undefined}
          onChange={(on) => {
            const { broken: _drop, ...rest } = data;
            onChange(on ? { ...rest, broken: { channel: data.missed.channel, template: '' } } : rest);
          }}
        />
        {data.broken && (
          <>
            <EnumField label={t('form.channel')} options={channelOptions} labels={channels.labels} value={data.broken.channel} onChange={(channel) => onChange({ ...data, broken: { channel, template: channel === data.broken?.channel ? data.broken.template : '' } })} />
            <TemplateField label={t('form.template')} channel={data.broken.channel} value={data.broken.template} onChange={(template) => onChange({ ...data, broken: { channel: data.broken!.channel, template } })} error={issueAt(issues, 'broken.template')} />
          </>
        )}
      </fieldset>
    </>
  );
}
