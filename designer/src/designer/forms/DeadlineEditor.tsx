// A human step's deadline: after `within`, the first action; after each further `within`,
// the next (remind, hand to another role, or decide an outcome).
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../../definition/catalog.ts';
import type { Deadline, Escalation } from '../../../../definition/schema.ts';
import { CheckboxField, DurationField, EnumField, ListControls, move } from './fields.tsx';

export function DeadlineEditor({ value, onChange, outcomes, error }: { value: Deadline | undefined; onChange: (d: Deadline | undefined) => void; outcomes?: Array<{ id: string; label: string }>; error?: string | undefined }) {
  const { t } = useTranslation('designer');
  const actions = ['remind', 'escalate', ...(outcomes?.length ? ['outcome'] : [])] as Array<Escalation['action']>;
  const setAction = (i: number, action: Escalation) => value && onChange({ ...value, onExpiry: value.onExpiry.map((a, j) => (j === i ? action : a)) });
  return (
    <fieldset className="form-group">
      <legend>{t('form.deadline')}</legend>
      <CheckboxField
        label={t('form.hasDeadline')}
        checked={value !== undefined}
        onChange={(on) => onChange(on ? { within: 'P2D', onExpiry: [{ action: 'remind' }] } : undefined)}
      />
      {value && (
        <>
          <DurationField label={t('form.within')} iso={value.within} onChange={(within) => onChange({ ...value, within })} error={error} />
          <ol className="form-list">
            {value.onExpiry.map((a, i) => (
              <li key={i}>
                <div className="row">
                  <EnumField
                    label={t('form.thenStep', { n: i + 1 })}
                    options={actions}
                    labels={(v) => t(`escalation.${v}`)}
                    value={a.action}
                    onChange={(action) =>
                      setAction(i, action === 'escalate' ? { action, role: 'team-lead' } : action === 'outcome' ? { action, outcome: outcomes?.[0]?.id ?? '' } : { action: 'remind' })
                    }
                  />
                  {a.action === 'escalate' && (
                    <EnumField label={t('form.toRole')} options={roles.ids} labels={roles.labels} value={a.role} onChange={(role: Role) => setAction(i, { action: 'escalate', role })} />
                  )}
                  {a.action === 'outcome' && (
                    <EnumField
                      label={t('form.outcome')}
                      options={(outcomes ?? []).map((o) => o.id)}
                      labels={(id) => outcomes?.find((o) => o.id === id)?.label ?? id}
                      value={a.outcome}
                      onChange={(outcome) => setAction(i, { action: 'outcome', outcome })}
                    />
                  )}
                  <ListControls
                    index={i}
                    count={value.onExpiry.length}
                    minCount={1}
                    label={t('form.action')}
                    onMove={(from, to) => onChange({ ...value, onExpiry: move(value.onExpiry, from, to) })}
                    onRemove={() => onChange({ ...value, onExpiry: value.onExpiry.filter((_, j) => j !== i) })}
                  />
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="button small" onClick={() => onChange({ ...value, onExpiry: [...value.onExpiry, { action: 'remind' }] })}>
            {t('form.addAction')}
          </button>
        </>
      )}
    </fieldset>
  );
}
