// The search form: tenant name or reference, status, process and version, step, segment,
// paused, waiting on, balance range and days overdue. Applied on submit, into the URL.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { segments } from '../../../../definition/catalog.ts';
import { nameReaders, taskRoles } from '../../../../definition/access.ts';
import { useSession } from '../../session/session.tsx';
import { opsApi, type CaseFilter } from '../api.ts';
import { roleLabel, segmentLabel } from '../shared/labels.ts';
import { useLoad } from '../use-load.ts';
import { centsToEuro, euroToCents } from './filters.ts';

export function CaseFilters({ filter, onApply }: { filter: CaseFilter; onApply: (f: CaseFilter) => void }) {
  const { t } = useTranslation('ops');
  const [draft, setDraft] = useState<CaseFilter>(filter);
  const [minEuro, setMinEuro] = useState(centsToEuro(filter.minBalanceCents));
  const [maxEuro, setMaxEuro] = useState(centsToEuro(filter.maxBalanceCents));
  const [problem, setProblem] = useState<string | null>(null);
  // Only those who work cases see, and search by, tenants' names.
  const names = useSession().hasRole(...nameReaders);
  useEffect(() => {
    setDraft(filter);
    setMinEuro(centsToEuro(filter.minBalanceCents));
    setMaxEuro(centsToEuro(filter.maxBalanceCents));
  }, [filter]);

  const definitions = useLoad(() => opsApi.definitions(), []);
  // The steps of the chosen version (or of the latest one), to pick a step by name.
  const steps = useLoad(async () => {
    if (!draft.definitionId) return [];
    const def = await opsApi.definitionVersion(draft.definitionId, draft.version ? Number(draft.version) : undefined);
    return def.body.steps.map((s) => ({ id: s.id, name: s.name }));
  }, [draft.definitionId, draft.version]);
  const versions = useLoad(() => (draft.definitionId ? opsApi.definitionVersions(draft.definitionId) : Promise.resolve(null)), [draft.definitionId]);

  const set = (k: keyof CaseFilter, v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const min = euroToCents(minEuro);
    const max = euroToCents(maxEuro);
    if (min === null || max === null) {
      setProblem(t('cases.filter.badAmount'));
      return;
    }
    setProblem(null);
    onApply({ ...draft, minBalanceCents: min || undefined, maxBalanceCents: max || undefined });
  };
  const reset = () => onApply({ status: 'open' });

  return (
    <form className="ops-filters" onSubmit={submit} aria-label={t('cases.filter.label')} data-testid="case-filters">
      <label className="wide">
        {t(names ? 'cases.filter.q' : 'cases.filter.qReference')}
        <input type="search" value={draft.q ?? ''} onChange={(e) => set('q', e.target.value)} placeholder={t(names ? 'cases.filter.qPlaceholder' : 'cases.filter.qReferencePlaceholder')} />
      </label>
      <label>
        {t('cases.filter.status')}
        <select value={draft.status ?? 'open'} onChange={(e) => set('status', e.target.value)}>
          {['open', 'active', 'paused', 'blocked', 'closed'].map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.definition')}
        <select value={draft.definitionId ?? ''} onChange={(e) => setDraft((d) => ({ ...d, definitionId: e.target.value || undefined, version: undefined, step: undefined }))}>
          <option value="">{t('cases.filter.any')}</option>
          {definitions.value?.definitions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.version')}
        <select value={draft.version ?? ''} disabled={!draft.definitionId} onChange={(e) => set('version', e.target.value)}>
          <option value="">{t('cases.filter.any')}</option>
          {versions.value?.versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              {t('cases.filter.versionOption', { version: v.version })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.step')}
        {draft.definitionId && steps.value && steps.value.length > 0 ? (
          <select value={draft.step ?? ''} onChange={(e) => set('step', e.target.value)}>
            <option value="">{t('cases.filter.any')}</option>
            {steps.value.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        ) : (
          <input value={draft.step ?? ''} onChange={(e) => set('step', e.target.value)} placeholder={t('cases.filter.stepPlaceholder')} />
        )}
      </label>
      <label>
        {t('cases.filter.segment')}
        <select value={draft.segment ?? ''} onChange={(e) => set('segment', e.target.value)}>
          <option value="">{t('cases.filter.any')}</option>
          {segments.ids.map((s) => (
            <option key={s} value={s}>
              {segmentLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.paused')}
        <select value={draft.paused ?? ''} onChange={(e) => set('paused', e.target.value)}>
          <option value="">{t('cases.filter.any')}</option>
          <option value="true">{t('cases.filter.yes')}</option>
          <option value="false">{t('cases.filter.no')}</option>
        </select>
      </label>
      <label>
        {t('cases.filter.waitingOn')}
        <select value={draft.waitingOn ?? ''} onChange={(e) => set('waitingOn', e.target.value)}>
          <option value="">{t('cases.filter.any')}</option>
          <option value="tenant">{t('waitingOn.tenant')}</option>
          <option value="person">{t('waitingOn.person')}</option>
          {/* Only the roles a case can wait on: those that work tasks. */}
          {taskRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
          <option value="engine">{t('waitingOn.engine')}</option>
          <option value="policy-hold">{t('waitingOn.policy-hold')}</option>
        </select>
      </label>
      <fieldset className="range">
        <legend>{t('cases.filter.balance')}</legend>
        <input aria-label={t('cases.filter.minBalance')} inputMode="decimal" value={minEuro} onChange={(e) => setMinEuro(e.target.value)} placeholder={t('cases.filter.from')} />
        <span>–</span>
        <input aria-label={t('cases.filter.maxBalance')} inputMode="decimal" value={maxEuro} onChange={(e) => setMaxEuro(e.target.value)} placeholder={t('cases.filter.to')} />
      </fieldset>
      <fieldset className="range">
        <legend>{t('cases.filter.daysOverdue')}</legend>
        <input aria-label={t('cases.filter.minDays')} inputMode="numeric" value={draft.minDaysOverdue ?? ''} onChange={(e) => set('minDaysOverdue', e.target.value.replace(/\D/g, ''))} placeholder={t('cases.filter.from')} />
        <span>–</span>
        <input aria-label={t('cases.filter.maxDays')} inputMode="numeric" value={draft.maxDaysOverdue ?? ''} onChange={(e) => set('maxDaysOverdue', e.target.value.replace(/\D/g, ''))} placeholder={t('cases.filter.to')} />
      </fieldset>
      <div className="ops-filter-actions">
        <button type="submit" className="button primary">
          {t('cases.filter.search')}
        </button>
        <button type="button" className="button subtle" onClick={reset}>
          {t('cases.filter.reset')}
        </button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
