// An approval as an ordered list of levels: each a role and a person different from every
// other level's; the first may make the proposal (amount and reasoning).
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../definition/catalog.ts';
import { ApprovalStepSchema, type ApprovalLevel } from '../../../../definition/schema.ts';
import { uniqueId } from '../model/ids.ts';
import { DeadlineEditor } from './DeadlineEditor.tsx';
import { CheckboxField, EnumField, ListControls, move, TextField } from './fields.tsx';
import { enumOptions, issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

export function ApprovalForm({ data, onChange, issues }: FormProps<'approval'>) {
  const { t } = useTranslation('designer');
  const setLevel = (i: number, level: ApprovalLevel, key?: string) => onChange({ ...data, levels: data.levels.map((l, j) => (j === i ? level : l)) }, key ? { historyKey: `level-${i}-${key}` } : undefined);
  return (
    <>
      <EnumField
        label={t('form.subject')}
        options={enumOptions<typeof data.subject>(ApprovalStepSchema.shape.subject)}
        labels={(v) => t(`subjects.${v}`)}
        value={data.subject}
        onChange={(subject) => onChange({ ...data, subject })}
        hint={t(`subjectHints.${data.subject}`)}
      />
      <fieldset className="form-group">
        <legend>{t('form.levels')}</legend>
        <p className="form-hint">{t('form.levelsHint')}</p>
        <ol className="form-list levels">
          {data.levels.map((level, i) => (
            <li key={i}>
              <div className="row spread">
                <strong>{t('form.levelN', { n: i + 1 })}</strong>
                <ListControls
                  index={i}
                  count={data.levels.length}
                  minCount={1}
                  label={level.label}
                  onMove={(from, to) => onChange({ ...data, levels: move(data.levels, from, to).map((l, j) => (j > 0 && l.proposes ? { ...l, proposes: false } : l)) })}
                  onRemove={() => onChange({ ...data, levels: data.levels.filter((_, j) => j !== i) })}
                />
              </div>
              <TextField label={t('form.levelLabel')} value={level.label} error={issueAt(issues, `levels.${i}.label`)} onChange={(label) => setLevel(i, { ...level, label }, 'label')} />
              <EnumField label={t('form.role')} options={roles.ids} labels={roles.labels} value={level.role} onChange={(role) => setLevel(i, { ...level, role })} />
              <CheckboxField label={t('form.proposes')} hint={i === 0 ? t('form.proposesHint') : t('form.proposesFirstOnly')} disabled={i > 0} checked={level.proposes} onChange={(proposes) => setLevel(i, { ...level, proposes })} />
              <CheckboxField label={t('form.mayAdjust')} checked={level.mayAdjust} onChange={(mayAdjust) => setLevel(i, { ...level, mayAdjust })} />
              <DeadlineEditor
                value={level.deadline}
                error={issueAt(issues, `levels.${i}.deadline`)}
                onChange={(deadline) => {
                  const { deadline: _drop, ...rest } = level;
                  setLevel(i, deadline ? { ...rest, deadline } : rest);
                }}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button small"
          onClick={() => {
            const role = 'collection-manager' as const;
            const id = uniqueId(role, new Set(data.levels.map((l) => l.id)));
            onChange({ ...data, levels: [...data.levels, { id, label: t('form.newLevel'), role, proposes: false, mayAdjust: false }] });
          }}
        >
          {t('form.addLevel')}
        </button>
      </fieldset>
    </>
  );
}
