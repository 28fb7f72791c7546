// The form of a task step: choose an outcome, fill in what that outcome asks (a call note,
// a visit report), and for "arrangement agreed" the tenant's proposal as an instalment plan.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { planFields } from '../../../../definition/forms.ts';
import type { TaskDetail } from '../api.ts';
import { ArrangementPlan, type PlanState } from './ArrangementPlan.tsx';
import { FieldInput, type FieldValue } from './FieldInput.tsx';
import { apiValues } from './values.ts';

const planIds = new Set(planFields.map((f) => f.id));

export function OutcomeForm({ d, disabled, onSubmit }: { d: TaskDetail; disabled: boolean; onSubmit: (outcome: string, fields: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation('inbox');
  const outcomes = d.task.outcomes;
  const [outcomeId, setOutcomeId] = useState<string>('');
  const [typed, setTyped] = useState<Record<string, FieldValue>>({});
  const [plan, setPlan] = useState<PlanState | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const outcome = outcomes.find((o) => o.id === outcomeId);
  const isArrangement = !!outcome && outcome.fields.some((f) => planIds.has(f.id));
  const ownFields = outcome ? outcome.fields.filter((f) => !isArrangement || !planIds.has(f.id)) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!outcome) {
      setProblems([t('form.chooseOutcome')]);
      return;
    }
    const { values, problems: wrong } = apiValues(ownFields, typed);
    const messages = wrong.map((p) => t(`form.problem.${p.kind}`, { label: p.field.label }));
    if (isArrangement && (!plan || !plan.ok)) messages.push(t('plan.fixFirst'));
    setProblems(messages);
    if (messages.length) return;
    setBusy(true);
    try {
      await onSubmit(outcome.id, { ...values, ...(isArrangement && plan ? plan.values : {}) });
    } catch {
      // The page shows the refusal; the form keeps what was typed.
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="st-card st-form" onSubmit={(e) => void submit(e)} data-testid="outcome-form" noValidate>
      <h2>{t(`formTitle.${d.task.kind}`, { defaultValue: t('formTitle.default') })}</h2>
      <fieldset className="st-outcomes" disabled={disabled}>
        <legend>{t('form.outcome')}</legend>
        {outcomes.map((o) => (
          <label key={o.id} className={o.id === outcomeId ? 'st-outcome chosen' : 'st-outcome'}>
            <input type="radio" name="outcome" value={o.id} checked={o.id === outcomeId} onChange={() => setOutcomeId(o.id)} />
            {o.label}
          </label>
        ))}
      </fieldset>

      {ownFields.map((f) => (
        <FieldInput key={`${outcomeId}:${f.id}`} field={f} value={typed[f.id]} onChange={(v) => setTyped((x) => ({ ...x, [f.id]: v }))} disabled={disabled} />
      ))}

      {isArrangement && outcome && <ArrangementPlan d={d} target={d.arrangementTargets[outcome.id]} onChange={setPlan} disabled={disabled} />}

      {problems.length > 0 && (
        <ul className="st-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="st-form-actions">
        <button type="submit" className="button primary" disabled={disabled || busy || !outcome || (isArrangement && !plan?.ok)}>
          {busy ? t('form.busy') : t('form.submit')}
        </button>
      </div>
    </form>
  );
}
