import { useTranslation } from 'react-i18next';
import { bailiffPurposes, partners } from '../../../../definition/catalog.ts';
import { HandoverStepSchema } from '../../../../definition/schema.ts';
import { CheckboxField, DurationField, EnumField } from './fields.tsx';
import { enumOptions, issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

const shape = HandoverStepSchema.shape;

export function HandoverForm({ data, onChange, issues }: FormProps<'handover'>) {
  const { t } = useTranslation('designer');
  const { purpose: _p, ...withoutPurpose } = data;
  const { response: _r, ...withoutResponse } = data;
  return (
    <>
      <EnumField
        label={t('form.partner')}
        options={enumOptions<typeof data.partner>(shape.partner)}
        labels={partners.labels}
        value={data.partner}
        onChange={(partner) => onChange(partner === 'bailiff' ? { ...data, partner, purpose: data.purpose ?? 'court-claim' } : { ...withoutPurpose, partner })}
        hint={t(`partnerHints.${data.partner}`)}
      />
      {data.partner === 'bailiff' && (
        <EnumField
          label={t('form.bailiffPurpose')}
          options={enumOptions<NonNullable<typeof data.purpose>>(shape.purpose)}
          labels={bailiffPurposes.labels}
          value={data.purpose}
          onChange={(purpose) => onChange({ ...data, purpose })}
          error={issueAt(issues, 'purpose')}
        />
      )}
      <CheckboxField
        label={t('form.awaitResponse')}
        hint={t('form.awaitResponseHint')}
        checked={data.response !== undefined}
        onChange={(on) => onChange(on ? { ...data, response: { within: 'P14D', otherwise: 'refused' } } : withoutResponse)}
      />
      {data.response && (
        <>
          <DurationField label={t('form.within')} iso={data.response.within} onChange={(within) => onChange({ ...data, response: { ...data.response!, within } }, { historyKey: 'within' })} error={issueAt(issues, 'response.within')} />
          <EnumField
            label={t('form.otherwise')}
            options={['accepted', 'refused'] as const}
            labels={(v) => t(`responses.${v}`)}
            value={data.response.otherwise}
            onChange={(otherwise) => onChange({ ...data, response: { ...data.response!, otherwise } })}
          />
        </>
      )}
    </>
  );
}
