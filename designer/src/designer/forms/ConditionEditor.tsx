// A decision branch's condition, built from choices and read back as a sentence
// ("Openstaand bedrag is minstens € 1.000,00").
import { useTranslation } from 'react-i18next';
import { comparisonLabels, describeCondition, outcomeLabel } from '../../../../definition/describe.ts';
import { segments } from '../../../../definition/catalog.ts';
import { outcomesOf } from '../../../../definition/outcomes.ts';
import type { Condition, Step } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { CheckboxField, EnumField, MoneyField, NumberField } from './fields.tsx';

type Op = 'lt' | 'lte' | 'gt' | 'gte';
const ops: Op[] = ['lt', 'lte', 'gt', 'gte'];
const kinds: Condition['on'][] = ['segment', 'balance', 'days-overdue', 'outcome', 'minors'];

export function ConditionEditor({ value, onChange, steps, selfId }: { value: Condition; onChange: (c: Condition) => void; steps: Step[]; selfId: string }) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const others = steps.filter((s) => s.id !== selfId && s.kind !== 'end');
  const withOutcomes = (s: Step) => {
    try {
      return outcomesOf(s);
    } catch {
      return [];
    }
  };
  return (
    <div className="condition">
      <EnumField
        label={t('form.conditionOn')}
        options={kinds}
        labels={(v) => t(`conditions.${v}`)}
        value={value.on}
        onChange={(on) => {
          if (on === value.on) return;
          if (on === 'segment') onChange({ on, in: ['structural-problems'] });
          else if (on === 'balance') onChange({ on, op: 'gte', cents: 100_000 });
          else if (on === 'days-overdue') onChange({ on, op: 'gt', days: 30 });
          else if (on === 'minors') onChange({ on, present: true });
          else {
            const first = others.find((s) => withOutcomes(s).length > 0);
            onChange({ on, step: first?.id ?? '', is: first ? withOutcomes(first)[0]! : '' });
          }
        }}
      />
      {value.on === 'segment' && (
        <fieldset className="form-group compact">
          <legend>{t('form.segmentIs')}</legend>
          {segments.ids.map((s) => (
            <CheckboxField
              key={s}
              label={segments.labels[s][lang]}
              checked={value.in.includes(s)}
              onChange={(on) => onChange({ ...value, in: on ? [...value.in, s] : value.in.filter((x) => x !== s) })}
            />
          ))}
        </fieldset>
      )}
      {(value.on === 'balance' || value.on === 'days-overdue') && (
        <EnumField label={t('form.comparison')} options={ops} labels={comparisonLabels} value={value.op} onChange={(op) => onChange({ ...value, op })} />
      )}
      {value.on === 'balance' && <MoneyField label={t('form.amount')} cents={value.cents} min={0} onChange={(cents) => onChange({ ...value, cents })} />}
      {value.on === 'days-overdue' && <NumberField label={t('form.days')} value={value.days} min={0} onChange={(days) => onChange({ ...value, days })} />}
      {value.on === 'minors' && (
        <EnumField
          label={t('form.household')}
          options={['present', 'absent']}
          labels={(v) => t(`conditions.minors-${v}`)}
          value={value.present ? 'present' : 'absent'}
          onChange={(v) => onChange({ on: 'minors', present: v === 'present' })}
        />
      )}
      {value.on === 'outcome' && (
        <>
          <EnumField
            label={t('form.ofStep')}
            options={others.map((s) => s.id)}
            labels={(id) => others.find((s) => s.id === id)?.name ?? id}
            value={value.step}
            placeholder={t('form.chooseStep')}
            onChange={(step) => onChange({ on: 'outcome', step, is: withOutcomes(others.find((s) => s.id === step)!)[0] ?? '' })}
          />
          {others.find((s) => s.id === value.step) && (
            <EnumField
              label={t('form.was')}
              options={withOutcomes(others.find((s) => s.id === value.step)!)}
              labels={(o) => outcomeLabel(others.find((s) => s.id === value.step)!, o, lang)}
              value={value.is}
              onChange={(is) => onChange({ ...value, is })}
            />
          )}
        </>
      )}
      <p className="condition-sentence">
        {t('form.when')} {describeCondition(value, lang, steps)}
      </p>
    </div>
  );
}
