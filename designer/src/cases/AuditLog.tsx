// Who did and saw what on this case, newest first; changes with before and after. Loaded
// when opened: reading the audit is itself recorded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../i18n/format.ts';
import { casesApi, type AuditRow } from './api.ts';

export function AuditLog({ caseId }: { caseId: string }) {
  const { t } = useTranslation('cases');
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    casesApi
      .audit(caseId)
      .then((r) => setRows(r.entries))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <details className="st-card" data-testid="audit-log" onToggle={(e) => (e.currentTarget.open && rows === null ? load() : undefined)}>
      <summary>
        <h2>{t('audit.title')}</h2>
      </summary>
      <p className="muted small">{t('audit.intro')}</p>
      {error && (
        <p className="st-banner error" role="alert">
          {error}
        </p>
      )}
      {rows && (
        <table className="st-table compact">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.what')}</th>
              <th>{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-action={r.action}>
                <td className="nowrap">{dateTime(r.at)}</td>
                <td>{r.actorName ?? r.actor}</td>
                <td>
                  {t(`audit.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action })}
                  {r.entity && r.action.startsWith('personal-data') ? <span className="muted small"> ({r.entity})</span> : null}
                </td>
                <td className="st-audit-change">
                  {r.before !== null && <code>{compact(r.before)}</code>}
                  {r.before !== null && r.after !== null && ' → '}
                  {r.after !== null && <code>{compact(r.after)}</code>}
                  {r.before === null && r.after === null && r.details !== null && <code className="muted">{compact(r.details)}</code>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function compact(v: unknown): string {
  const text = JSON.stringify(v);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}
