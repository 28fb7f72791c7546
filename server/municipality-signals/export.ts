// The signals for the municipality's upload point, as batch files (docs/municipality-signal.md).
//
// Why batches rather than "everything since a date": the operator uploads a file by hand to a
// portal, and the municipality contacts every tenant in it. A signal sent twice means a second
// call to a tenant under stress; a signal missed means no help offered and a court later asking
// why (Bgs art. 2). So "export" takes every waiting signal into a new batch, once, under a lock;
// the same batch downloads again as often as needed (an upload that failed, a lost file) and
// always holds the same signals. A date filter would leave both mistakes to the operator.
import { MunicipalitySignalSchema } from '../../definition/handover-payloads.ts';
import { auditListRead } from '../audit/log.ts';
import { audit } from '../audit/repository.ts';
import { inTransaction, type Db } from '../db/pool.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { CaseScope } from '../teams/scope.ts';
import { batchExists, countWaiting, listBatches, lockBatches, makeBatch, outsideScope, signalsOfBatch } from './repository.ts';
import { SIGNAL_FORMAT, signalCells, signalColumns, type SignalBatch } from './schemas.ts';

export type SignalDeps = { pool: Db };
export type Reader = { id: string; scope: CaseScope };

export async function batches(deps: SignalDeps, reader: Reader): Promise<{ waiting: number; batches: SignalBatch[] }> {
  const [waiting, list] = await Promise.all([countWaiting(deps.pool, reader.scope), listBatches(deps.pool, reader.scope)]);
  return { waiting, batches: list };
}

/** Every signal waiting (of the reader's areas) into a new batch; 409 when none waits. */
export async function createBatch(deps: SignalDeps, reader: Reader): Promise<SignalBatch> {
  const made = await inTransaction(deps.pool, async (q) => {
    await lockBatches(q);
    const batch = await makeBatch(q, reader.scope, reader.id);
    if (!batch) throw conflict('no municipality signals are waiting to be exported');
    await audit(q, { actor: reader.id, action: 'municipality-signals.batch', entity: 'municipality-signal-batch', entityId: String(batch.id), after: { signals: batch.caseIds.length } });
    return batch;
  });
  return (await listBatches(deps.pool, reader.scope)).find((b) => b.id === made.id)!;
}

export type ExportFile = { body: string; contentType: string; filename: string };

/** A batch as CSV or JSON; recorded as a read of the personal data of every case in it. */
export async function exportBatch(deps: SignalDeps, id: number, format: 'csv' | 'json', reader: Reader): Promise<ExportFile> {
  if (!(await batchExists(deps.pool, id))) throw notFound(`no municipality signal batch ${id}`);
  const rows = await signalsOfBatch(deps.pool, id);
  if ((await outsideScope(deps.pool, reader.scope, rows.map((r) => r.caseId))) > 0) {
    throw forbidden(`batch ${id} holds signals for addresses outside the areas of your teams; it is for staff who see every area`);
  }
  // Erased after the batch was made: the tenant's data is gone and must not come back in a re-download.
  const signals = rows.filter((r) => !r.anonymised).map((r) => ({ reference: r.id, caseId: r.caseId, payload: MunicipalitySignalSchema.parse(r.payload) }));
  await auditListRead(deps.pool, reader.id, 'municipality-signal-batch', signals.map((s) => s.caseId), { batchId: id, format });
  const filename = `signalen-gemeente-${id}.${format}`;
  if (format === 'json') {
    const body = JSON.stringify({ format: SIGNAL_FORMAT, batch: id, signals: signals.map((s) => ({ reference: s.reference, ...s.payload })) }, null, 2);
    return { body, contentType: 'application/json; charset=utf-8', filename };
  }
  const lines = [signalColumns.map(cell), ...signals.map((s) => signalCells(s.reference, s.payload).map(cell))].map((l) => l.join(','));
  return { body: `${lines.join('\r\n')}\r\n`, contentType: 'text/csv; charset=utf-8', filename };
}

// RFC 4180. Unlike the ops export (server/ops/csv.ts), no cell is changed to defuse spreadsheet
// formulas: the upload point reads the values as they are, and a phone number "+316…" with a
// quote put before it would be wrong data at the municipality.
function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
