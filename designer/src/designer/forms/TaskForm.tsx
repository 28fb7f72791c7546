import { useTranslation } from 'react-i18next';
import { roles, taskKinds, type TaskKind } from '../../../../definition/catalog.ts';
import { TaskStepSchema } from '../../../../definition/schema.ts';
import { usualTaskOutcomes, type TaskOutcome } from '../../../../definition/steps/task.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { StepData } from '../model/types.ts';
import { DeadlineEditor } from './DeadlineEditor.tsx';
import { EnumField, TextField } from './fields.tsx';
import { OutcomesEditor } from './OutcomesEditor.tsx';
import { enumOptions, issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

const sameOutcomes = (a: readonly TaskOutcome[], b: readonly TaskOutcome[]) =>
  a.length === b.length && a.every((o, i) => o.id === b[i]!.id && o.label === b[i]!.label && o.meaning === b[i]!.meaning && !o.fields.length && !!o.arrangement === !!b[i]!.arrangement);

/** The outcomes are still those the kind brought: nobody changed them. */
const untouched = (data: StepData<'task'>) => sameOutcomes(data.outcomes, usualTaskOutcomes[data.task]);

/** A new kind brings its usual outcomes, unless the policy owner already made the outcomes their own. */
function withKind(data: StepData<'task'>, task: TaskKind): StepData<'task'> {
  return untouched(data) ? { ...data, task, outcomes: usualTaskOutcomes[task] } : { ...data, task };
}

export function TaskForm({ data, onChange, issues }: FormProps<'task'>) {
  const { t } = useTranslation('designer');
  return (
    <>
      <EnumField label={t('form.taskKind')} name="task" options={enumOptions<typeof data.task>(TaskStepSchema.shape.task)} labels={taskKinds.labels} value={data.task} onChange={(task) => onChange(withKind(data, task))} />
      {!untouched(data) && (
        <button type="button" className="button small subtle" onClick={() => onChange({ ...data, outcomes: usualTaskOutcomes[data.task] })}>
          {t('form.usualOutcomes', { kind: taskKinds.labels[data.task][currentLanguage()].toLowerCase() })}
        </button>
      )}
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
