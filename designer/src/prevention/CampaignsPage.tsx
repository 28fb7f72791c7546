// Seasonal prevention campaigns (docs/prevention.md): once a year a Temporal Schedule opens the
// chosen prevention process for the tenancies that fell behind in a given month ("in December,
// call those who fell behind in January"). The policy owner and the collection manager set one
// up, run it now, or remove it; each campaign shows its recent runs.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { purposeOf, signalsOf } from '../../../definition/prevention.ts';
import type { Campaign, CampaignRun } from '../../../server/prevention/campaigns-repository.ts';
import { api } from '../api/client.ts';
import { fieldProblems, type FieldProblems } from '../api/field-problems.ts';
import { date, dateTime } from '../i18n/format.ts';
import { useEvery, useLoad } from '../staff/use-load.ts';
import type { Definition } from '../../../definition/schema.ts';
import '../staff/staff.css';

type Listed = Campaign & { runs: CampaignRun[] };
const months = Array.from({ length: 12 }, (_, i) => i + 1);

export function CampaignsPage() {
  const { t, i18n } = useTranslation('designer');
  const monthName = (m: number) => new Date(2026, m - 1, 1).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'long' });
  const campaigns = useLoad(() => api.get<{ campaigns: Listed[] }>('/api/prevention/campaigns'), []);
  // The processes a campaign can open: published prevention processes that start on the seasonal signal.
  const processes = useLoad(async () => {
    const list = await api.get<{ definitions: Array<{ id: string; name: string }> }>('/api/definitions');
    const bodies = await Promise.all(list.definitions.map((d) => api.get<{ body: Definition }>(`/api/definitions/${encodeURIComponent(d.id)}`).then((v) => ({ ...d, body: v.body }))));
    return bodies.filter((d) => purposeOf(d.body) === 'prevention' && signalsOf(d.body).includes('seasonal'));
  }, []);
  // A run started here shows its result when it is through.
  const [watching, setWatching] = useState(false);
  useEvery(2_000, () => {
    if (watching) void campaigns.reload();
  });
  const [form, setForm] = useState({ id: '', name: '', definitionId: '', runMonth: 12, runDay: 1, behindMonth: 1 });
  const [problems, setProblems] = useState<FieldProblems | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (action: () => Promise<string>) => {
    setProblems(null);
    setNotice(null);
    try {
      setNotice(await action());
      await campaigns.reload();
    } catch (err) {
      setProblems(fieldProblems(err));
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const { id, ...body } = form;
    void act(async () => {
      await api.put(`/api/prevention/campaigns/${encodeURIComponent(id.trim())}`, { ...body, definitionId: body.definitionId || processes.value?.[0]?.id || '' });
      return t('campaigns.saved', { name: body.name });
    });
  };
  const monthSelect = (value: number, onChange: (month: number) => void) => (
    <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {months.map((m) => (
        <option key={m} value={m}>
          {monthName(m)}
        </option>
      ))}
    </select>
  );
  const fieldError = (name: string) => problems?.fields[name] && <span className="form-error" role="alert">{problems.fields[name]}</span>;

  return (
    <section className="page st-page" data-testid="campaigns">
      <header className="st-page-header">
        <div>
          <h1>{t('campaigns.title')}</h1>
          <p>{t('campaigns.intro')}</p>
        </div>
      </header>
      {notice && <p className="notice-inline ok" role="status">{notice}</p>}
      {problems && <p className="form-error" role="alert">{problems.message}</p>}
      {campaigns.error && <p className="form-error">{campaigns.error.message}</p>}
      {campaigns.value && campaigns.value.campaigns.length === 0 && <p className="muted">{t('campaigns.none')}</p>}
      {campaigns.value?.campaigns.map((c) => (
        <article key={c.id} className="st-section" data-testid={`campaign-${c.id}`}>
          <h2>{c.name}</h2>
          <p>
            {t('campaigns.when', { day: c.runDay, month: monthName(c.runMonth), behind: monthName(c.behindMonth), process: c.definitionId })}
            {!c.active && ` · ${t('campaigns.inactive')}`}
          </p>
          {c.runs.length > 0 && (
            <ul>
              {c.runs.map((r) => (
                <li key={r.runKey}>
                  {t('campaigns.run', { day: date(r.runDate), from: date(r.behindFrom), count: r.opened })} · {r.status === 'done' ? dateTime(r.finishedAt!) : t('campaigns.running')}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  await api.post(`/api/prevention/campaigns/${encodeURIComponent(c.id)}/run`);
                  setWatching(true);
                  return t('campaigns.started', { name: c.name });
                })
              }
            >
              {t('campaigns.runNow')}
            </button>
            <button type="button" className="secondary" onClick={() => void act(async () => (await api.delete(`/api/prevention/campaigns/${encodeURIComponent(c.id)}`), t('campaigns.removed', { name: c.name })))}>
              {t('campaigns.remove')}
            </button>
          </div>
        </article>
      ))}

      <h2>{t('campaigns.newTitle')}</h2>
      {processes.value && processes.value.length === 0 && <p className="muted">{t('campaigns.noProcess')}</p>}
      <form className="st-form" onSubmit={save}>
        <label>
          {t('campaigns.code')}
          <input value={form.id} required onChange={(e) => setForm({ ...form, id: e.target.value })} />
          {fieldError('id')}
        </label>
        <label>
          {t('campaigns.name')}
          <input value={form.name} required onChange={(e) => setForm({ ...form, name: e.target.value })} />
          {fieldError('name')}
        </label>
        <label>
          {t('campaigns.process')}
          <select value={form.definitionId || processes.value?.[0]?.id || ''} onChange={(e) => setForm({ ...form, definitionId: e.target.value })}>
            {(processes.value ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {fieldError('definitionId')}
        </label>
        <label>
          {t('campaigns.runMonth')}
          {monthSelect(form.runMonth, (runMonth) => setForm({ ...form, runMonth }))}
        </label>
        <label>
          {t('campaigns.runDay')}
          <input type="number" min={1} max={28} value={form.runDay} onChange={(e) => setForm({ ...form, runDay: Number(e.target.value) })} />
          {fieldError('runDay')}
        </label>
        <label>
          {t('campaigns.behindMonth')}
          {monthSelect(form.behindMonth, (behindMonth) => setForm({ ...form, behindMonth }))}
        </label>
        <button type="submit">{t('campaigns.save')}</button>
      </form>
    </section>
  );
}
