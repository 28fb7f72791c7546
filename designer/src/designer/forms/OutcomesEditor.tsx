// A task's outcomes: each a label the worker picks, an id the wiring uses, what it means to
// the engine (contact made, no contact...), whether it records a payment plan, and the form
// fields the worker fills in with it. Renaming an id keeps its wire.
import { useTranslation } from 'react-i18next';
import { outcomeMeanings } from '../../../../definition/catalog.ts';
import { FieldSchema, type Field as FormField, type TaskOutcome } from '../../../../definition/schema.ts';
import { isSlug } from '../../../../definition/ids.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { idAfterRelabel, uniqueId } from '../model/ids.ts';
import { CheckboxField, EnumField, Field, ListControls, move, TextField } from './fields.tsx';
import { enumOptions, issueAt, type Issues } from './schema-form.ts';
import type { ChangeOptions } from './types.ts';

type Props = {
  outcomes: TaskOutcome[];
  onChange: (outcomes: TaskOutcome[], options?: ChangeOptions) => void;
  issues: Issues;
};

export function OutcomesEditor({ outcomes, onChange, issues }: Props) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const set = (i: number, o: TaskOutcome, options?: ChangeOptions) => onChange(outcomes.map((x, j) => (j === i ? o : x)), options);
  const taken = (except: number) => new Set(outcomes.filter((_, j) => j !== except).map((o) => o.id));
  return (
    <fieldset className="form-group">
      <legend>{t('form.outcomes')}</legend>
      <p className="form-hint">{t('form.outcomesHint')}</p>
      <ol className="form-list outcomes">
        {outcomes.map((o, i) => (
          <li key={i} data-testid={`outcome-${i}`}>
            <div className="row spread">
              <strong>{t('form.outcomeN', { n: i + 1 })}</strong>
              <ListControls
                index={i}
                count={outcomes.length}
                minCount={1}
                label={o.label || o.id}
                onMove={(from, to) => onChange(move(outcomes, from, to))}
                onRemove={() => onChange(outcomes.filter((_, j) => j !== i))}
              />
            </div>
            <TextField
              label={t('form.outcomeLabel')}
              value={o.label}
              error={issueAt(issues, `outcomes.${i}.label`)}
              onChange={(label) => {
                const id = idAfterRelabel(o, label, taken(i));
                set(i, { ...o, label, id }, { historyKey: `outcome-${i}-label`, ...(id !== o.id ? { renamedOutcomes: { [o.id]: id } } : {}) });
              }}
            />
            <OutcomeIdField
              value={o.id}
              taken={taken(i)}
              error={issueAt(issues, `outcomes.${i}.id`)}
              onCommit={(id) => set(i, { ...o, id }, { renamedOutcomes: { [o.id]: id } })}
            />
            <EnumField
              label={t('form.meaning')}
              options={['none', ...outcomeMeanings.ids] as const}
              labels={(v) => (v === 'none' ? t('form.noMeaning') : outcomeMeanings.labels[v as keyof typeof outcomeMeanings.labels][lang])}
              value={o.meaning ?? 'none'}
              onChange={(m) => {
                const { meaning: _drop, ...rest } = o;
                set(i, m === 'none' ? rest : { ...rest, meaning: m as NonNullable<TaskOutcome['meaning']> });
              }}
            />
            <CheckboxField label={t('form.arrangementOutcome')} hint={t('form.arrangementOutcomeHint')} checked={o.arrangement} onChange={(arrangement) => set(i, { ...o, arrangement })} />
            <FieldsEditor fields={o.fields} onChange={(fields, key) => set(i, { ...o, fields }, key ? { historyKey: `outcome-${i}-${key}` } : undefined)} issues={issues} path={`outcomes.${i}.fields`} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        onClick={() => {
          const label = t('form.newOutcome');
          onChange([...outcomes, { id: uniqueId(label, new Set(outcomes.map((o) => o.id))), label, arrangement: false, fields: [] }]);
        }}
      >
        {t('form.addOutcome')}
      </button>
    </fieldset>
  );
}

function OutcomeIdField({ value, taken, onCommit, error }: { value: string; taken: Set<string>; onCommit: (id: string) => void; error?: string | undefined }) {
  const { t } = useTranslation('designer');
  return (
    <Field label={t('form.outcomeId')} error={error} hint={t('form.outcomeIdHint')}>
      {(id) => (
        <input
          id={id}
          key={value}
          defaultValue={value}
          onBlur={(e) => commit(e.target)}
          onKeyDown={(e) => e.key === 'Enter' && commit(e.target as HTMLInputElement)}
        />
      )}
    </Field>
  );
  function commit(input: HTMLInputElement) {
    const next = input.value.trim();
    if (next === value) return;
    if (!isSlug(next) || taken.has(next)) {
      input.setCustomValidity(taken.has(next) ? t('form.outcomeIdTaken') : t('form.idFormat'));
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    onCommit(next);
  }
}

const fieldTypes = enumOptions<FormField['type']>(FieldSchema.shape.type);

function FieldsEditor({ fields, onChange, issues, path }: { fields: FormField[]; onChange: (fields: FormField[], key?: string) => void; issues: Issues; path: string }) {
  const { t } = useTranslation('designer');
  const set = (i: number, f: FormField, key?: string) => onChange(fields.map((x, j) => (j === i ? f : x)), key);
  return (
    <details className="form-details">
      <summary>{t('form.fields', { count: fields.length })}</summary>
      <ol className="form-list">
        {fields.map((f, i) => (
          <li key={i}>
            <TextField label={t('form.fieldLabel')} value={f.label} error={issueAt(issues, `${path}.${i}.label`)} onChange={(label) => set(i, { ...f, label }, `field-${i}-label`)} />
            <TextField label={t('form.fieldId')} value={f.id} error={issueAt(issues, `${path}.${i}.id`)} onChange={(id) => set(i, { ...f, id }, `field-${i}-id`)} />
            <EnumField label={t('form.fieldType')} options={fieldTypes} labels={(v) => t(`fieldTypes.${v}`)} value={f.type} onChange={(type) => set(i, { ...f, type })} />
            {f.type === 'choice' && (
              <TextField
                label={t('form.fieldOptions')}
                hint={t('form.fieldOptionsHint')}
                value={(f.options ?? []).join(', ')}
                onChange={(v) => set(i, { ...f, options: v.split(',').map((x) => x.trim()).filter(Boolean) }, `field-${i}-options`)}
              />
            )}
            <div className="row spread">
              <CheckboxField label={t('form.fieldRequired')} checked={f.required} onChange={(required) => set(i, { ...f, required })} />
              <ListControls index={i} count={fields.length} label={f.label || f.id} onMove={(a, b) => onChange(move(fields, a, b))} onRemove={() => onChange(fields.filter((_, j) => j !== i))} />
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button small" onClick={() => onChange([...fields, { id: `veld${fields.length + 1}`, label: t('form.newField'), type: 'text', required: false }])}>
        {t('form.addField')}
      </button>
    </details>
  );
}
