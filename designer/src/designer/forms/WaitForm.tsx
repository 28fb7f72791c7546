import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseEventTypes } from '../../../../definition/catalog.ts';
import { slugify } from '../../../../definition/ids.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { CheckboxField, DurationField, Field } from './fields.tsx';
import { issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

export function WaitForm({ data, onChange, issues }: FormProps<'wait'>) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const [custom, setCustom] = useState('');
  const known = caseEventTypes.ids as readonly string[];
  const others = data.endsOn.filter((e) => !known.includes(e));
  const toggle = (event: string, on: boolean) => onChange({ ...data, endsOn: on ? [...data.endsOn, event] : data.endsOn.filter((e) => e !== event) });
  return (
    <>
      <DurationField
        label={t('form.duration')}
        iso={data.duration}
        workingDays={data.workingDays}
        allowWorkingDays
        onChange={(duration, workingDays) => onChange({ ...data, duration, workingDays }, { historyKey: 'duration' })}
        error={issueAt(issues, 'duration')}
      />
      <fieldset className="form-group">
        <legend>{t('form.endsOn')}</legend>
        <p className="form-hint">{t('form.endsOnHint')}</p>
        {caseEventTypes.ids.map((e) => (
          <CheckboxField key={e} label={caseEventTypes.labels[e][lang]} checked={data.endsOn.includes(e)} onChange={(on) => toggle(e, on)} />
        ))}
        {others.map((e) => (
          <CheckboxField key={e} label={e} checked onChange={(on) => toggle(e, on)} />
        ))}
        <Field label={t('form.customEvent')} hint={t('form.customEventHint')}>
          {(id) => (
            <div className="row">
              <input id={id} value={custom} onChange={(e) => setCustom(e.target.value)} />
              <button
                type="button"
                className="button small"
                disabled={!slugify(custom) || data.endsOn.includes(slugify(custom))}
                onClick={() => {
                  toggle(slugify(custom), true);
                  setCustom('');
                }}
              >
                {t('form.add')}
              </button>
            </div>
          )}
        </Field>
      </fieldset>
    </>
  );
}
