// Renders the OpenAPI document the server generates from its zod schemas: operations by
// tag, who may call them, parameters, the request body's fields with their rules, and the
// answers. Filterable by text.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { roleLabel } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';
import { SchemaView, type JsonSchema } from './SchemaView.tsx';

type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema };
type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  'x-roles'?: string[] | 'any' | 'public';
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
};
type Document = { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> };

export function ApiDocsPage() {
  const { t } = useTranslation('apidocs');
  const doc = useLoad(() => api.get<Document>('/api/openapi.json'), []);
  const [filter, setFilter] = useState('');
  if (doc.error) return <p className="st-banner error">{doc.error.message}</p>;
  if (!doc.value) return <div className="page-state">{t('loading')}</div>;
  const ops = Object.entries(doc.value.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const f = filter.trim().toLowerCase();
  const shown = f ? ops.filter((o) => `${o.method} ${o.path} ${o.op.summary ?? ''}`.toLowerCase().includes(f)) : ops;
  const tags = [...new Set(shown.map((o) => o.op.tags?.[0] ?? ''))];

  return (
    <section className="page st-page" data-testid="api-docs">
      <header className="st-page-header">
        <div>
          <h1>
            {doc.value.info.title} <span className="muted small">v{doc.value.info.version}</span>
          </h1>
          {doc.value.info.description?.split('\n\n').map((p) => (
            <p key={p} className="muted">
              {p}
            </p>
          ))}
        </div>
        <a className="button" href="/api/openapi.json" download="openapi.json">
          {t('download')}
        </a>
      </header>
      <div className="st-toolbar">
        <label>
          {t('filter')}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="/api/tasks" />
        </label>
        <span className="muted">{t('count', { count: shown.length })}</span>
      </div>
      {tags.map((tag) => (
        <div key={tag}>
          <h2>{tag}</h2>
          {shown
            .filter((o) => (o.op.tags?.[0] ?? '') === tag)
            .map(({ path, method, op }) => (
              <details key={`${method} ${path}`} className="st-op" data-op={`${method.toUpperCase()} ${path}`}>
                <summary>
                  <span className={`st-method ${method}`}>{method.toUpperCase()}</span>
                  <span className="st-path">{path}</span>
                  <span className="muted">{op.summary}</span>
                </summary>
                <div className="st-op-body">
                  <p>
                    <strong>{t('who')}</strong>{' '}
                    {op['x-roles'] === 'public' ? t('public') : op['x-roles'] === 'any' ? t('anySignedIn') : (op['x-roles'] ?? []).map(roleLabel).join(', ')}
                  </p>
                  {op.description && <p className="muted">{op.description}</p>}
                  {op.parameters && op.parameters.length > 0 && (
                    <table className="st-table compact">
                      <caption>{t('parameters')}</caption>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}:${p.name}`}>
                            <td className="st-path">{p.name}</td>
                            <td className="muted">{p.in}</td>
                            <td>{p.required ? <span className="req">{t('required')}</span> : t('optional')}</td>
                            <td>
                              <SchemaView schema={p.schema} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {op.requestBody &&
                    Object.entries(op.requestBody.content).map(([type, c]) => (
                      <div key={type}>
                        <h4>
                          {t('body')} <span className="muted small">({type})</span>
                        </h4>
                        <SchemaView schema={c.schema} />
                      </div>
                    ))}
                  <h4>{t('responses')}</h4>
                  <ul className="st-list compact">
                    {Object.entries(op.responses).map(([status, r]) => (
                      <li key={status}>
                        <strong>{status}</strong> {r.description}
                        {status.startsWith('2') && r.content?.['application/json'] && (
                          <div>
                            <SchemaView schema={r.content['application/json'].schema} />
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              </details>
            ))}
        </div>
      ))}
    </section>
  );
}
