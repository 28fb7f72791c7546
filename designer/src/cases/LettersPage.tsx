// The days' print batches for the print-and-post service: download a day's letters as one PDF
// (the first download fixes which letters the batch holds) and mark the batch handed over,
// from which moment its letters count as sent. For the roles that print (letterPrinters).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Batch } from '../../../server/letters/schemas.ts';
import { api, ApiError } from '../api/client.ts';
import { date, dateTime } from '../i18n/format.ts';
import { CardTable } from '../staff/CardTable.tsx';
import { useLoad } from '../staff/use-load.ts';

export function LettersPage() {
  const { t } = useTranslation('cases');
  const list = useLoad(() => api.get<{ batches: Batch[] }>('/api/letters/batches'), []);
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const handOver = async (b: Batch) => {
    setBusy(b.date);
    try {
      await api.post(`/api/letters/batches/${b.date}/handed-over`);
      setFlash({ kind: 'ok', text: t('letters.handedOverDone', { date: date(b.date), count: b.letters }) });
      await list.reload();
    } catch (err) {
      setFlash({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <h1>{t('letters.title')}</h1>
        <p>{t('letters.intro')}</p>
      </header>
      {flash && (
        <p className={flash.kind === 'ok' ? 'notice-inline ok' : 'form-error'} role={flash.kind === 'ok' ? 'status' : 'alert'}>
          {flash.text}
        </p>
      )}
      {list.error && <p className="form-error">{list.error.message}</p>}
      {list.value && list.value.batches.length === 0 && <p className="muted">{t('letters.none')}</p>}
      {list.value && list.value.batches.length > 0 && (
        <CardTable
          testId="print-batches"
          rowTestId="print-batch"
          rows={list.value.batches}
          rowKey={(b) => b.date}
          columns={[
            { label: t('letters.day'), cell: (b) => date(b.date) },
            { label: t('letters.count'), cell: (b) => b.letters },
            {
              label: t('letters.state'),
              cell: (b) =>
                b.handedOver
                  ? t('letters.handedOver', { when: dateTime(b.handedOverAt!), who: b.handedOverBy?.displayName ?? '—' })
                  : b.produced
                    ? t('letters.produced', { when: dateTime(b.producedAt!) })
                    : t('letters.waiting'),
            },
            {
              label: t('letters.actions'),
              cell: (b) => (
                <>
                  <a className="button" href={`/api/letters/batches/${b.date}.pdf`} download={`brieven-${b.date}.pdf`} onClick={() => setTimeout(() => void list.reload(), 1500)}>
                    {t('letters.download')}
                  </a>{' '}
                  {b.produced && !b.handedOver && (
                    <button type="button" className="button primary" disabled={busy === b.date} onClick={() => void handOver(b)}>
                      {t('letters.markHandedOver')}
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
