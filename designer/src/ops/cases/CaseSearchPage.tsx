// Case search for ops and team leads: filter, select, act on many at once, export. The
// selection survives paging (it is a set of ids), and after a bulk action the list reloads.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { currentLanguage } from '../../i18n/index.ts';
import { opsApi, type CaseFilter } from '../api.ts';
import { euro, number } from '../../i18n/format.ts';
import { waitingOnLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';
import { TenantName } from '../../cases/TenantName.tsx';
import { BulkDialog, type BulkKind } from './BulkDialog.tsx';
import { CaseFilters } from './CaseFilters.tsx';
import { filterFrom, paramsFrom } from './filters.ts';

const PAGE = 50;

export function CaseSearchPage() {
  const { t } = useTranslation('ops');
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(params), [params]);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const key = params.toString();
  const { value, error, loading, reload } = useLoad(() => opsApi.cases(filter, { limit: PAGE, offset }), [key]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<BulkKind | null>(null);

  const apply = (f: CaseFilter) => {
    setSelected(new Set());
    setParams(paramsFrom(f));
  };
  const page = (to: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(to));
    setParams(next);
  };
  const rows = value?.cases ?? [];
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const togglePage = () =>
    setSelected((s) => {
      const n = new Set(s);
      for (const r of rows) if (allOnPage) n.delete(r.id);
      else n.add(r.id);
      return n;
    });

  return (
    <section className="page ops-page" data-testid="ops-cases">
      <div className="row spread">
        <h1>{t('cases.title')}</h1>
        <a className="button" href={opsApi.csvUrl(filter, currentLanguage())} download data-testid="csv-export">
          {t('cases.export')}
        </a>
      </div>
      <CaseFilters filter={filter} onApply={apply} />

      <div className="ops-bulkbar" role="toolbar" aria-label={t('bulk.label')}>
        <span data-testid="selection-count">{t('bulk.selected', { count: selected.size })}</span>
        <button type="button" className="button" disabled={!selected.size} onClick={() => setDialog('pause')}>
          {t('bulk.pause.button')}
        </button>
        <button type="button" className="button" disabled={!selected.size} onClick={() => setDialog('resume')}>
          {t('bulk.resume.button')}
        </button>
        <button type="button" className="button danger" disabled={!selected.size} onClick={() => setDialog('cancel')}>
          {t('bulk.cancel.button')}
        </button>
        {selected.size > 0 && (
          <button type="button" className="button subtle" onClick={() => setSelected(new Set())}>
            {t('bulk.clear')}
          </button>
        )}
      </div>

      <PageState loading={loading && !value} error={error} empty={!!value && rows.length === 0} />
      {value && rows.length > 0 && (
        <>
          <p className="muted" data-testid="case-total" data-total={value.total}>
            {t('cases.total', { count: value.total })}
          </p>
          <table className="ops-table" data-testid="case-table">
            <thead>
              <tr>
                <th className="check">
                  <input type="checkbox" checked={allOnPage} onChange={togglePage} aria-label={t('bulk.selectPage')} />
                </th>
                <th>{t('cases.col.reference')}</th>
                <th>{t('cases.col.tenant')}</th>
                <th>{t('cases.col.status')}</th>
                <th>{t('cases.col.step')}</th>
                <th>{t('cases.col.waitingOn')}</th>
                <th>{t('cases.col.version')}</th>
                <th className="num">{t('cases.col.balance')}</th>
                <th className="num">{t('cases.col.daysOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-case={c.id} data-reference={c.tenancyReference} className={selected.has(c.id) ? 'selected' : undefined}>
                  <td className="check">
                    <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} aria-label={t('bulk.select', { reference: c.tenancyReference })} />
                  </td>
                  <td className="nowrap">
                    <Link to={`/ops/cases/${c.id}`}>{c.tenancyReference}</Link>
                  </td>
                  <td>
                    <TenantName name={c.tenantName} />
                  </td>
                  <td>
                    <span className={`ops-pill ${c.status}`}>{t(`status.${c.status}`)}</span>
                  </td>
                  <td>{c.currentStepName ?? c.currentStep ?? '—'}</td>
                  <td>{waitingOnLabel(c.waitingOn, t)}</td>
                  <td className="nowrap">
                    {c.definitionId}@{c.definitionVersion}
                  </td>
                  <td className="num">{euro(c.balanceCents)}</td>
                  <td className="num">{number(c.daysOverdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row ops-paging">
            <button type="button" className="button small" disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE))}>
              {t('cases.previous')}
            </button>
            <span className="muted">{t('cases.range', { from: offset + 1, to: Math.min(offset + PAGE, value.total), total: value.total })}</span>
            <button type="button" className="button small" disabled={offset + PAGE >= value.total} onClick={() => page(offset + PAGE)}>
              {t('cases.next')}
            </button>
          </div>
        </>
      )}
      {dialog && (
        <BulkDialog
          kind={dialog}
          caseIds={[...selected]}
          onClose={() => setDialog(null)}
          onDone={() => {
            setSelected(new Set());
            reload();
          }}
        />
      )}
    </section>
  );
}
