// The server's Temporal client, and the one helper every update call goes through.
import { readFileSync } from 'node:fs';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { AppError, fromTemporal } from './errors.ts';
import { payloadDataConverter } from './temporal-codec/encryption-codec.ts';
import type { PayloadKey } from './temporal-codec/payload-keys.ts';

/** What a client needs for a Temporal server with mutual TLS (TEMPORAL_TLS_*): the authority to check the server by, and its own certificate. */
export type TemporalClientTls = { ca: string; cert: string; key: string; serverName?: string };

/** The SDK's TLS options (client and worker connections alike); none without `tls`. */
export function temporalTls(tls: TemporalClientTls | undefined) {
  if (!tls) return {};
  const read = (variable: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`${variable}=${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); it is needed for mutual TLS to Temporal`, { cause: err });
    }
  };
  return {
    tls: {
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
      serverRootCACertificate: read('TEMPORAL_TLS_CA', tls.ca),
      clientCertPair: { crt: read('TEMPORAL_TLS_CERT', tls.cert), key: read('TEMPORAL_TLS_KEY', tls.key) },
    },
  };
}

/**
 * `payloadKeys` (PAYLOAD_KEYS): encrypt what this client sends and decrypt what it reads; the
 * workers need the same keys. `tls`: the client certificate a server with mutual TLS asks for.
 */
export async function connectTemporal(address: string, namespace: string, options: { payloadKeys?: readonly PayloadKey[]; tls?: TemporalClientTls } = {}): Promise<Client> {
  const connection = await Connection.connect({ address, ...temporalTls(options.tls) });
  const dataConverter = payloadDataConverter(options.payloadKeys);
  return new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) });
}

const UPDATE_TIMEOUT_MS = 20_000;

/** Runs an update and turns the workflow's refusal into an AppError with its status. */
export async function runUpdate<Ret, Args extends [unknown, ...unknown[]]>(handle: WorkflowHandle, update: UpdateDefinition<Ret, Args>, args: Args, what: string): Promise<Ret> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('unavailable', `${what}: the case engine did not answer within ${UPDATE_TIMEOUT_MS / 1000} s; try again (nothing was applied twice)`)),
      UPDATE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([handle.executeUpdate(update, { args }), timeout]);
  } catch (err) {
    throw fromTemporal(err, what) ?? err;
  } finally {
    clearTimeout(timer);
  }
}
