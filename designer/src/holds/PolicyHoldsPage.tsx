// Policy holds (beleidsstops): the holds on now and coming, with how many cases wait for each,
// and, for the policy owner and the collection manager, a form to set one and buttons to end
// one now or move its last day. Ops and the team lead read the same page. The engine applies a
// hold when a case reaches a step it stops (workflows/policy-hold.ts); this page only sets them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { policyHoldManagers, hasAnyRole } from '../../../definition/access.ts';
import { holdCoverages, holdTargets, type HoldCoverage, type HoldTarget } from '../../../definition/policy-holds.ts';
import { fieldProblems } from '../api/field-problems.ts';
import { date } from '../i18n/format.ts';
import { useUser } from '../session/session.tsx';
import { useLoad } from '../staff/use-load.ts';
import { holdsApi, type PolicyHoldView } from './api.ts';
import { holdCoverageLabel, holdTargetLabel } from './labels.ts';
import './holds.css';

export function PolicyHoldsPage() {
  const { t } = useTranslation('holds');
  const user = useUser();
  const mayManage = hasAnyRole(user.roles, policyHoldManagers);
  const holds = useLoad(() => holdsApi.list('all'), []);
  const all = holds.value?.holds ?? [];
  const current = all.filter((h) => h.phase !== 'over');
  const past = all.filter((h) => h.phase === 'over');

  return (
    <section className="page st-page holds-page" data-testid="policy-holds">
      <header className="st-page-header">
        <div>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
      </header>
      {holds.error && (
        <p className="form-error" role="alert">
          {holds.error.message}
        </p>
      )}
      <h2>{t('current')}</h2>
      {holds.value && current.length === 0 && <p className="muted">{t('noneCurrent')}</p>}
      {current.length > 0 && <HoldTable holds={current} mayManage={mayManage} onChanged={() => void holds.reload()} />}
      {mayManage && <NewHold onCreated={() => void holds.reload()} />}
      {past.length > 0 && (
        <details className="holds-past">
          <summary>{t('past', { count: past.length })}</summary>
          <HoldTable holds={past} mayManage={false} onChanged={() => undefined} />
        </details>
      )}
    </section>
  );
}

function HoldTable({ holds, mayManage, onChanged }: { holds: PolicyHoldView[]; mayManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation('holds');
  return (
    <table className="ops-table holds-table" data-testid="holds-table">
      <thead>
        <tr>
          <th>{t('col.name')}</th>
          <th>{t('col.period')}</th>
          <th>{t('col.stops')}</th>
          <th>{t('col.covers')}</th>
          <th>{t('col.phase')}</th>
          <th className="num">{t('col.held')}</th>
          {mayManage && <th>{t('col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {holds.map((h) => (
          <tr key={h.id} data-hold={h.id}>
            <td>
              <strong>{h.name}</strong>
              <div className="muted">{h.reason}</div>
            </td>
            <td>{t('period', { from: date(h.startsOn), to: date(h.endsOn) })}</td>
            <td>{h.stops.map(holdTargetLabel).join(', ')}</td>
            <td>
              {holdCoverageLabel(h.covers)}
              {h.definitionId && <div className="muted">{t('onlyProcess', { id: h.definitionId })}</div>}
            </td>
            <td>{h.endedAt ? t('endedOn', { date: date(h.endedAt), who: h.endedByName ?? '—' }) : t(`phase.${h.phase}`)}</td>
            <td className="num">{h.heldCases}</td>
            {mayManage && <td>{h.phase !== 'over' && <HoldActions hold={h} onChanged={onChanged} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** End now, or move the last day (a later one extends, an earlier one shortens). */
function HoldActions({ hold, onChanged }: { hold: PolicyHoldView; onChanged: () => void }) {
  const { t } = useTranslation('holds');
  const [endsOn, setEndsOn] = useState(hold.endsOn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      onChanged();
    } catch (err) {
      const p = fieldProblems(err);
      setError(p.fields.endsOn ?? p.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="holds-actions">
      <label>
        <span className="visually-hidden">{t('newEnd', { name: hold.name })}</span>
        <input type="date" value={endsOn} aria-label={t('newEnd', { name: hold.name })} onChange={(e) => setEndsOn(e.target.value)} />
      </label>
      <button type="button" className="button small" disabled={busy || endsOn === hold.endsOn} onClick={() => void act(() => holdsApi.change(hold.id, { endsOn }))}>
        {t('saveEnd')}
      </button>
      <button
        type="button"
        className="button small danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm(t('confirmEnd', { name: hold.name, count: hold.heldCases }))) void act(() => holdsApi.end(hold.id));
        }}
      >
        {t('endNow')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const empty = { name: '', reason: '', startsOn: '', endsOn: '', stops: ['eviction-notice'] as HoldTarget[], covers: 'minors-or-unknown' as HoldCoverage, definitionId: '' };

function NewHold({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('holds');
  const [form, setForm] = useState(empty);
  const [problems, setProblems] = useState<{ fields: Record<string, string>; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const toggle = (target: HoldTarget, on: boolean) => set('stops', on ? [...form.stops, target] : form.stops.filter((s) => s !== target));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Said here in the reader's words; the server refuses it the same way (definition/policy-holds.ts).
    if (form.startsOn && form.endsOn && form.endsOn < form.startsOn) {
      setProblems({ fields: { endsOn: t('new.endsBeforeStart') }, message: '' });
      return;
    }
    setBusy(true);
    setProblems(null);
    try {
      await holdsApi.create({ ...form, definitionId: form.definitionId.trim() || null });
      setForm(empty);
      onCreated();
    } catch (err) {
      setProblems(fieldProblems(err));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    problems?.fields[name] ? (
      <span className="form-error" id={`hold-${name}-error`}>
        {problems.fields[name]}
      </span>
    ) : null;
  const described = (name: string) => (problems?.fields[name] ? { 'aria-invalid': true, 'aria-describedby': `hold-${name}-error` } : {});

  return (
    <form className="st-card holds-form" onSubmit={(e) => void submit(e)} data-testid="new-hold">
      <h2>{t('new.title')}</h2>
      <label>
        {t('new.name')}
        <input value={form.name} onChange={(e) => set('name', e.target.value)} placeholder={t('new.namePlaceholder')} {...described('name')} />
        {fieldError('name')}
      </label>
      <label>
        {t('new.reason')}
        <textarea value={form.reason} onChange={(e) => set('reason', e.target.value)} rows={2} {...described('reason')} />
        {fieldError('reason')}
      </label>
      <div className="holds-dates">
        <label>
          {t('new.startsOn')}
          <input type="date" value={form.startsOn} onChange={(e) => set('startsOn', e.target.value)} {...described('startsOn')} />
          {fieldError('startsOn')}
        </label>
        <label>
          {t('new.endsOn')}
          <input type="date" value={form.endsOn} onChange={(e) => set('endsOn', e.target.value)} {...described('endsOn')} />
          {fieldError('endsOn')}
        </label>
      </div>
      <p className="muted">{t('new.datesHint')}</p>
      <fieldset>
        <legend>{t('new.stops')}</legend>
        {holdTargets.ids.map((id) => (
          <label key={id} className="holds-check">
            <input type="checkbox" checked={form.stops.includes(id)} onChange={(e) => toggle(id, e.target.checked)} /> {holdTargetLabel(id)}
          </label>
        ))}
        {fieldError('stops')}
      </fieldset>
      <label>
        {t('new.covers')}
        <select value={form.covers} onChange={(e) => set('covers', e.target.value as HoldCoverage)}>
          {holdCoverages.ids.map((id) => (
            <option key={id} value={id}>
              {holdCoverageLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('new.definition')}
        <input value={form.definitionId} onChange={(e) => set('definitionId', e.target.value)} placeholder={t('new.definitionPlaceholder')} {...described('definitionId')} />
        {fieldError('definitionId')}
      </label>
      {problems && Object.keys(problems.fields).length === 0 && (
        <p className="form-error" role="alert">
          {problems.message}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {t('new.submit')}
      </button>
    </form>
  );
}
