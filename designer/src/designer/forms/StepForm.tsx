// The form for the selected step: what every step has (name, id, note), then its kind's form.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepKindHints, stepKindLabels } from '../../../../definition/describe.ts';
import type { StepKind } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { StepData } from '../model/types.ts';
import { StepIcon } from '../nodes/icons.tsx';
import { kindStyle, stepRegistry } from '../nodes/registry.ts';
import { useDesignerActions } from '../store/context.tsx';
import { Field, TextField } from './fields.tsx';
import { issueAt, stepIssues } from './schema-form.ts';
import type { ChangeOptions, FormProps } from './types.ts';

/** The form of the step's kind, from the registry. */
function KindForm<K extends StepKind>(props: FormProps<K>) {
  // data.kind is K; TypeScript cannot see it through StepData's distribution over kinds.
  const Form = stepRegistry[props.data.kind as K].form;
  return <Form {...props} />;
}

export function StepForm({ data }: { data: StepData }) {
  const { t } = useTranslation('designer');
  const actions = useDesignerActions();
  const lang = currentLanguage();
  const issues = stepIssues(data);
  const onChange = (next: StepData, options?: ChangeOptions) => actions.updateStep(data.id, () => next, options);
  return (
    <div className="step-form" data-step-id={data.id}>
      <header className="step-form-head" style={kindStyle(data.kind)}>
        <StepIcon kind={data.kind} size={18} />
        <div>
          <strong>{stepKindLabels[data.kind][lang]}</strong>
          <span className="muted">{stepKindHints[data.kind][lang]}</span>
        </div>
      </header>
      <TextField label={t('form.name')} name="name" value={data.name} error={issueAt(issues, 'name')} onChange={(name) => actions.nameStep(data.id, name)} />
      <StepIdField id={data.id} />
      <KindForm data={data} onChange={onChange} issues={issues} />
      <TextField
        label={t('form.note')}
        multiline
        value={data.note ?? ''}
        hint={t('form.noteHint')}
        onChange={(note) => {
          const { note: _drop, ...rest } = data;
          onChange((note ? { ...rest, note } : rest) as StepData, { historyKey: 'note' });
        }}
      />
    </div>
  );
}

function StepIdField({ id }: { id: string }) {
  const { t } = useTranslation('designer');
  const actions = useDesignerActions();
  const [text, setText] = useState(id);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(id);
    setError(null);
  }, [id]);
  const commit = () => {
    if (text === id) return;
    const result = actions.renameStep(id, text);
    setError(result === 'taken' ? t('form.stepIdTaken') : result === 'invalid' ? t('form.idFormat') : null);
  };
  return (
    <Field label={t('form.stepId')} error={error ?? undefined} hint={t('form.stepIdHint')}>
      {(fieldId) => <input id={fieldId} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />}
    </Field>
  );
}
