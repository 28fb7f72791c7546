// One form field as the step defines it (definition/forms.ts field specs): text, long text,
// number, amount, date, yes/no or a choice. Values are kept as the user typed them; the
// form turns them into what the API takes (cents, numbers) when it is sent.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field } from '../../../../definition/schema.ts';

export type FieldValue = string | boolean | undefined;

export function FieldInput({ field, value, onChange, disabled }: { field: Field; value: FieldValue; onChange: (v: FieldValue) => void; disabled?: boolean }) {
  const { t } = useTranslation('inbox');
  const id = useId();
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.required ? <span className="st-required" aria-hidden="true"> *</span> : <span className="muted small"> ({t('form.optional')})</span>}
    </label>
  );
  const common = { id, name: field.id, disabled, required: field.required, 'data-field': field.id };
  switch (field.type) {
    case 'longtext':
      return (
        <div className="st-field">
          {label}
          <textarea {...common} rows={4} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        </div>
      );
    case 'money':
      return (
        <div className="st-field">
          {label}
          <div className="st-money">
            <span aria-hidden="true">€</span>
            <input {...common} inputMode="decimal" value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} placeholder="0,00" />
          </div>
        </div>
      );
    case 'number':
      return (
        <div className="st-field">
          {label}
          <input {...common} type="number" value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        </div>
      );
    case 'date':
      return (
        <div className="st-field">
          {label}
          <input {...common} type="date" value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        </div>
      );
    case 'yes-no':
      return (
        <fieldset className="st-field st-radios" disabled={disabled}>
          <legend>{field.label}</legend>
          {[true, false].map((v) => (
            <label key={String(v)}>
              <input type="radio" name={`${id}-yn`} checked={value === v} onChange={() => onChange(v)} /> {v ? t('form.yes') : t('form.no')}
            </label>
          ))}
        </fieldset>
      );
    case 'choice':
      return (
        <div className="st-field">
          {label}
          <select {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
            <option value="">{t('form.choose')}</option>
            {(field.options ?? []).map((o) => (
              <option key={o} value={o}>
                {t(`interval.${o}`, { defaultValue: o })}
              </option>
            ))}
          </select>
        </div>
      );
    case 'text':
    default:
      return (
        <div className="st-field">
          {label}
          <input {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />
        </div>
      );
  }
}
