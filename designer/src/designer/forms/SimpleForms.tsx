// The kinds with little to set: start, end, collection costs.
import { useTranslation } from 'react-i18next';
import { caseOutcomes, riskSignals } from '../../../../definition/catalog.ts';
import { collectionCostsCents } from '../../../../definition/costs.ts';
import { EndStepSchema, StartStepSchema } from '../../../../definition/schema.ts';
import { formatEuro } from '../../../../definition/templates.ts';
import { DEFAULT_INTAKE_THRESHOLD } from '../../../../definition/intake.ts';
import { CheckboxField, EnumField, MoneyField, NumberField } from './fields.tsx';
import { enumOptions } from './schema-form.ts';
import type { FormProps } from './types.ts';

export function StartForm({ data, onChange }: FormProps<'start'>) {
  const { t, i18n } = useTranslation('designer');
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  // Where cases begin: the rent ledger's daily intake opens one from this much arrears, this long unpaid.
  const intake = data.intake ?? DEFAULT_INTAKE_THRESHOLD;
  return (
    <>
      <EnumField
        label={t('form.trigger')}
        options={enumOptions<typeof data.trigger>(StartStepSchema.shape.trigger)}
        labels={(v) => t(`triggers.${v}`)}
        value={data.trigger}
        onChange={(trigger) => {
          // What belongs to the other trigger goes: a threshold only opens arrears cases, signals only prevention.
          const { intake: _intake, signals: _signals, ...rest } = data;
          onChange({ ...rest, trigger });
        }}
        hint={t(`triggerHints.${data.trigger}`)}
      />
      {data.trigger === 'case-opened' && (
        <>
          <MoneyField label={t('form.intakeMinArrears')} cents={intake.minArrearsCents} min={1} onChange={(minArrearsCents) => onChange({ ...data, intake: { ...intake, minArrearsCents } })} hint={t('form.intakeHint')} />
          <NumberField label={t('form.intakeMinDays')} value={intake.minDaysOverdue} min={0} max={365} onChange={(minDaysOverdue) => onChange({ ...data, intake: { ...intake, minDaysOverdue } })} />
        </>
      )}
      {data.trigger === 'risk-signal' && (
        <fieldset className="form-field">
          <legend>{t('form.riskSignals')}</legend>
          {riskSignals.ids.map((signal) => (
            <CheckboxField
              key={signal}
              label={riskSignals.labels[signal][lang]}
              checked={data.signals?.includes(signal) ?? false}
              onChange={(on) => {
                const signals = riskSignals.ids.filter((s) => (s === signal ? on : data.signals?.includes(s)));
                const { signals: _, ...rest } = data;
                onChange(signals.length ? { ...rest, signals } : rest);
              }}
            />
          ))}
          <span className="form-hint">{t('form.riskSignalsHint')}</span>
        </fieldset>
      )}
    </>
  );
}

export function EndForm({ data, onChange }: FormProps<'end'>) {
  const { t } = useTranslation('designer');
  return <EnumField label={t('form.caseOutcome')} options={enumOptions<typeof data.outcome>(EndStepSchema.shape.outcome)} labels={caseOutcomes.labels} value={data.outcome} onChange={(outcome) => onChange({ ...data, outcome })} />;
}

export function CostsForm(_: FormProps<'collection-costs'>) {
  const { t } = useTranslation('designer');
  return <p className="form-hint">{t('form.costsExplained', { example: formatEuro(collectionCostsCents(81_250)), principal: formatEuro(81_250) })}</p>;
}
