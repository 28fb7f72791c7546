// The message templates: a list per channel and the editor for one.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { channels, type Channel } from '../../../../definition/catalog.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { designerApi, type StoredTemplate } from '../api.ts';
import { TemplateEditor } from './TemplateEditor.tsx';
import '../designer.css';

export const NEW = 'nieuw';

export function TemplateLibraryPage() {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const { templateId } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [templates, setTemplates] = useState<StoredTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Shown here, not in the editor: saving a new template navigates to it, which remounts the editor.
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setSaved((s) => (s === templateId ? s : null)), [templateId]);
  const reload = useCallback(
    () =>
      designerApi
        .templates()
        .then((r) => setTemplates(r.templates))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e))),
    [],
  );
  useEffect(() => void reload(), [reload]);
  const channelFilter = params.get('channel') as Channel | null;
  const selected = templates?.find((x) => x.id === templateId);

  return (
    <section className="page templates-page">
      <div className="row spread">
        <h1>{t('templates.title')}</h1>
        <Link className="button" to="/designer">
          ← {t('templates.back')}
        </Link>
      </div>
      <p className="muted">{t('templates.intro')}</p>
      {error && <p className="form-error">{error}</p>}
      <div className="templates-layout">
        <nav className="template-list" aria-label={t('templates.title')}>
          <Link className="button small primary" to={`/designer/templates/${NEW}${channelFilter ? `?channel=${channelFilter}` : ''}`}>
            {t('templates.new')}
          </Link>
          {channels.ids
            .filter((c) => !channelFilter || c === channelFilter)
            .map((c) => (
              <div key={c}>
                <h3>{channels.labels[c][lang]}</h3>
                <ul>
                  {(templates ?? [])
                    .filter((x) => x.channel === c)
                    .map((x) => (
                      <li key={x.id}>
                        <Link className={x.id === templateId ? 'active' : ''} to={`/designer/templates/${encodeURIComponent(x.id)}`}>
                          {x.name}
                        </Link>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
        </nav>
        <div className="template-main">
          {saved && saved === templateId && (
            <p className="notice-inline ok" role="status">
              {t('templates.saved')}
            </p>
          )}
          {templateId === NEW ? (
            <TemplateEditor
              key={NEW}
              initial={null}
              defaultChannel={channelFilter ?? 'letter'}
              onSaved={(x) =>
                void reload().then(() => {
                  setSaved(x.id);
                  void navigate(`/designer/templates/${encodeURIComponent(x.id)}`);
                })
              }
              onDeleted={() => undefined}
            />
          ) : selected ? (
            <TemplateEditor
              key={selected.id + selected.updatedAt}
              initial={selected}
              defaultChannel={selected.channel}
              onSaved={(x) => void reload().then(() => setSaved(x.id))}
              onDeleted={() => void reload().then(() => navigate('/designer/templates'))}
            />
          ) : templateId && templates ? (
            <p className="form-error">{t('templates.notFound', { id: templateId })}</p>
          ) : (
            <p className="muted">{t('templates.pick')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
