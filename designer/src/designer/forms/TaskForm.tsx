import { useTranslation } from 'react-i18next';
import { roles, taskKinds } from '../../../../definition/catalog.ts';
import { TaskStepSchema } from '../../../../definition/schema.ts';
import { DeadlineEditor } from './DeadlineEditor.tsx';
import { EnumField, TextField } from './fields.tsx';
import { OutcomesEditor } from './OutcomesEditor.tsx';
import { enumOptions, issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

export function TaskForm({ data, onChange, issues }: FormProps<'task'>) {
  const { t } = useTranslation('designer');
  return (
    <>
      <EnumField label={t('form.taskKind')} options={enumOptions<typeof data.task>(TaskStepSchema.shape.task)} labels={taskKinds.labels} value={data.task} onChange={(task) => onChange({ ...data, task })} />
      <EnumField label={t('form.role')} options={enumOptions<typeof data.role>(TaskStepSchema.shape.role)} labels={roles.labels} value={data.role} onChange={(role) => onChange({ ...data, role })} error={issueAt(issues, 'role')} />
      <TextField
        label={t('form.instructions')}
        multiline
        value={data.instructions ?? ''}
        onChange={(v) => {
          const { instructions: _drop, ...rest } = data;
          onChange(v ? { ...rest, instructions: v } : rest, { historyKey: 'instructions' });
        }}
      />
      <DeadlineEditor
        value={data.deadline}
        outcomes={data.outcomes.map((o) => ({ id: o.id, label: o.label }))}
        error={issueAt(issues, 'deadline')}
        onChange={(deadline) => {
          const { deadline: _drop, ...rest } = data;
          onChange(deadline ? { ...rest, deadline } : rest);
        }}
      />
      <OutcomesEditor outcomes={data.outcomes} issues={issues} onChange={(outcomes, options) => onChange({ ...data, outcomes }, options)} />
    </>
  );
}
