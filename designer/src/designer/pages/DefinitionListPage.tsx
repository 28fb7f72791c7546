// The processes a policy owner designs: the published ones with their versions and running
// cases, new ones still in draft, and a way to start a new one (empty or from a JSON file).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../i18n/format.ts';
import { Link, useNavigate } from 'react-router';
import { validateDefinition } from '../../../../definition/validate.ts';
import { ApiError } from '../../api/client.ts';
import { designerApi, type DefinitionSummary, type DraftSummary } from '../api.ts';
import { slugify } from '../../../../definition/ids.ts';
import '../designer.css';

export function DefinitionListPage() {
  const { t } = useTranslation('designer');
  const navigate = useNavigate();
  const [data, setData] = useState<{ definitions: DefinitionSummary[]; drafts: DraftSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => {
    designerApi
      .list()
      .then(setData)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setCreateError(null);
    try {
      const r = await designerApi.create({ id, name: name.trim() });
      void navigate(`/designer/definitions/${encodeURIComponent(r.draft.id)}`);
    } catch (err) {
      setCreateError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const importNew = async (file: File) => {
    setCreateError(null);
    try {
      const parsed: unknown = JSON.parse(await file.text());
      const result = validateDefinition(parsed);
      if (!result.definition) throw new Error(t('list.importInvalid', { problems: result.problems.map((p) => p.message).join('; ') }));
      const created = await designerApi.create({ id: result.definition.id, name: result.definition.name });
      await designerApi.saveDraft(created.draft.id, { ...result.definition, steps: result.definition.steps as never }, { basedOnVersion: null, expectedUpdatedAt: created.draft.updatedAt });
      void navigate(`/designer/definitions/${encodeURIComponent(created.draft.id)}`);
    } catch (err) {
      setCreateError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="page designer-list">
      <div className="row spread">
        <h1>{t('list.title')}</h1>
        <div className="row">
          <Link to="/designer/holds" className="button">
            {t('holds:title')}
          </Link>
          <Link to="/designer/campaigns" className="button">
            {t('campaigns.title')}
          </Link>
          <Link to="/designer/templates" className="button">
            {t('list.templates')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('list.intro')}</p>
      {error && <p className="form-error">{error}</p>}
      {!data && !error && <p className="muted">{t('page.loading')}</p>}
      {data && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('list.name')}</th>
              <th>{t('list.version')}</th>
              <th>{t('list.running')}</th>
              <th>{t('list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.definitions.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/designer/definitions/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                  <div className="muted small">{d.id}</div>
                </td>
                <td>
                  {t('versions.versionN', { n: d.latestVersion })} <span className="muted small">· {dateTime(d.publishedAt)}</span>
                </td>
                <td>{d.runningCases}</td>
                <td>{d.hasDraft ? <span className="status-chip dirty">{t('list.hasDraft')}</span> : <span className="status-chip">{t('list.publishedOnly')}</span>}</td>
              </tr>
            ))}
            {data.drafts.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/designer/definitions/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                  <div className="muted small">{d.id}</div>
                </td>
                <td className="muted">{t('list.unpublished')}</td>
                <td>0</td>
                <td>
                  <span className="status-chip dirty">{t('list.draftBy', { who: d.updatedByName, when: dateTime(d.updatedAt) })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="new-definition" onSubmit={(e) => void create(e)}>
        <h2>{t('list.new')}</h2>
        <div className="row wrap">
          <label className="form-field">
            {t('list.newName')}
            <input
              value={name}
              required
              onChange={(e) => {
                setName(e.target.value);
                if (!idTouched) setId(slugify(e.target.value));
              }}
            />
          </label>
          <label className="form-field">
            {t('list.newId')}
            <input
              value={id}
              required
              pattern="[a-z0-9][a-z0-9\-]*"
              onChange={(e) => {
                setIdTouched(true);
                setId(e.target.value);
              }}
            />
          </label>
          <button type="submit" className="button primary" disabled={!name.trim() || !id}>
            {t('list.create')}
          </button>
          <label className="button">
            {t('list.importNew')}
            <input type="file" accept="application/json,.json" hidden onChange={(e) => e.target.files?.[0] && void importNew(e.target.files[0])} />
          </label>
        </div>
        {createError && (
          <p className="form-error" role="alert">
            {createError}
          </p>
        )}
      </form>
    </section>
  );
}
