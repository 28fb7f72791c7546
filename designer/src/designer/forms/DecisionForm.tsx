// Branches tried in order; the first whose condition holds is taken, otherwise "Anders".
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../definition/schema.ts';
import { idAfterRelabel, uniqueId } from '../model/ids.ts';
import { useDesigner } from '../store/context.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { ListControls, move, TextField } from './fields.tsx';
import { issueAt } from './schema-form.ts';
import type { FormProps } from './types.ts';

export function DecisionForm({ data, onChange, issues }: FormProps<'decision'>) {
  const { t } = useTranslation('designer');
  const nodes = useDesigner((s) => s.nodes);
  const steps = nodes.map((n) => n.data as Step);
  const taken = (except: number) => new Set(['otherwise', ...data.branches.filter((_, j) => j !== except).map((b) => b.id)]);
  return (
    <fieldset className="form-group">
      <legend>{t('form.branches')}</legend>
      <p className="form-hint">{t('form.branchesHint')}</p>
      <ol className="form-list">
        {data.branches.map((b, i) => (
          <li key={i}>
            <div className="row spread">
              <strong>{t('form.branchN', { n: i + 1 })}</strong>
              <ListControls
                index={i}
                count={data.branches.length}
                minCount={1}
                label={b.label}
                onMove={(from, to) => onChange({ ...data, branches: move(data.branches, from, to) })}
                onRemove={() => onChange({ ...data, branches: data.branches.filter((_, j) => j !== i) })}
              />
            </div>
            <TextField
              label={t('form.branchLabel')}
              value={b.label}
              error={issueAt(issues, `branches.${i}.label`)}
              onChange={(label) => {
                const id = idAfterRelabel(b, label, taken(i));
                onChange({ ...data, branches: data.branches.map((x, j) => (j === i ? { ...x, label, id } : x)) }, { historyKey: `branch-${i}`, ...(id !== b.id ? { renamedOutcomes: { [b.id]: id } } : {}) });
              }}
            />
            <ConditionEditor value={b.when} steps={steps} selfId={data.id} onChange={(when) => onChange({ ...data, branches: data.branches.map((x, j) => (j === i ? { ...x, when } : x)) })} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        onClick={() => {
          const label = t('form.newBranch');
          onChange({ ...data, branches: [...data.branches, { id: uniqueId(label, taken(-1)), label, when: { on: 'days-overdue', op: 'gt', days: 60 } }] });
        }}
      >
        {t('form.addBranch')}
      </button>
      <p className="form-hint">{t('form.otherwiseHint')}</p>
    </fieldset>
  );
}
