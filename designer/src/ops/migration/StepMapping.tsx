// Where each wait of the old version lands in the new one. A case moves only while it waits
// and only to a wait, so only waits are mapped: the same step id when the new version has
// it, another wait by choice, or "do not move" to leave those cases on their version.
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../../definition/schema.ts';

export type MappingChoice = { kind: 'default' } | { kind: 'to'; to: string } | { kind: 'skip' };

export function StepMapping({ from, to, choices, onChange }: { from: Definition; to: Definition; choices: Record<string, MappingChoice>; onChange: (stepId: string, c: MappingChoice) => void }) {
  const { t } = useTranslation('ops');
  const fromWaits = from.steps.filter((s) => s.kind === 'wait');
  const toWaits = to.steps.filter((s) => s.kind === 'wait');
  const toIds = new Set(toWaits.map((s) => s.id));
  return (
    <div className="ops-card" data-testid="step-mapping">
      <h2>{t('migration.mapping.title')}</h2>
      <p className="muted">{t('migration.mapping.explain')}</p>
      <table className="ops-table compact">
        <thead>
          <tr>
            <th>{t('migration.mapping.old')}</th>
            <th>{t('migration.mapping.new')}</th>
          </tr>
        </thead>
        <tbody>
          {fromWaits.map((w) => {
            const c = choices[w.id] ?? { kind: 'default' };
            const value = c.kind === 'to' ? c.to : c.kind;
            const sameExists = toIds.has(w.id);
            return (
              <tr key={w.id} data-step={w.id}>
                <td>
                  {w.name} <code className="muted">{w.id}</code>
                </td>
                <td>
                  <select
                    aria-label={t('migration.mapping.for', { step: w.name })}
                    value={value}
                    onChange={(e) => {
                      const v = e.target.value;
                      onChange(w.id, v === 'default' ? { kind: 'default' } : v === 'skip' ? { kind: 'skip' } : { kind: 'to', to: v });
                    }}
                  >
                    <option value="default">{sameExists ? t('migration.mapping.same') : t('migration.mapping.missing')}</option>
                    {toWaits
                      .filter((s) => s.id !== w.id)
                      .map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name} ({s.id})
                        </option>
                      ))}
                    <option value="skip">{t('migration.mapping.skip')}</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
