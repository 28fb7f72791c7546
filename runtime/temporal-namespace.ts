// The namespace and the search attributes the engine sets (workflows/search-attributes.ts) on
// a real Temporal cluster, what deploy/temporal-setup.sh does with the CLI, over the client's
// own connection. Safe to run again: only what is missing is added.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import { temporalTls, type TemporalClientTls } from '../server/temporal.ts';
import { searchAttributeRegistrations } from '../workflows/search-attributes.ts';

const { IndexedValueType } = proto.temporal.api.enums.v1;
const GRPC_ALREADY_EXISTS = 6;

const types: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function registerNamespace(o: { address: string; namespace: string; retentionHours: number; log: (line: string) => void; timeoutMs?: number; tls?: TemporalClientTls }): Promise<void> {
  const connection = await Connection.connect({ address: o.address, ...temporalTls(o.tls) });
  try {
    const { workflowService, operatorService } = connection;
    try {
      await workflowService.registerNamespace({ namespace: o.namespace, workflowExecutionRetentionPeriod: msToTs(`${o.retentionHours}h`) });
      o.log(`registered the namespace ${o.namespace} (retention ${o.retentionHours} h)`);
    } catch (err) {
      if (!(isGrpcServiceError(err) && err.code === GRPC_ALREADY_EXISTS)) throw err;
    }
    // A new namespace reaches the services' caches within their refresh interval (seconds):
    // until then it is "not found". So is a search attribute added a moment ago.
    const known = await waitFor(o.timeoutMs, async () => (await operatorService.listSearchAttributes({ namespace: o.namespace })).customAttributes ?? {});
    const missing = searchAttributeRegistrations.filter(([name]) => !(name in known));
    if (missing.length > 0) {
      await operatorService.addSearchAttributes({ namespace: o.namespace, searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, types[type]!])) });
      o.log(`registered the search attributes ${missing.map(([name]) => name).join(', ')}`);
    }
    // Ready when a list query naming every attribute is accepted: what the API and ops ask.
    const query = searchAttributeRegistrations.map(([name]) => `${name} IS NULL`).join(' AND ');
    await waitFor(o.timeoutMs, () => workflowService.countWorkflowExecutions({ namespace: o.namespace, query }));
  } finally {
    await connection.close();
  }
}

async function waitFor<T>(timeoutMs = 60_000, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
