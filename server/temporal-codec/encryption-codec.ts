// A payload codec that encrypts every payload with AES-256-GCM before it leaves the process
// (client or worker), so Temporal's histories hold ciphertext: workflow inputs, activity
// arguments and results, signal, update and query payloads, memos. Codecs run outside the
// workflow sandbox, on the client and in the worker, so Node's crypto is fine here; the
// workflow bundle never sees this file.
//
// An encrypted payload is marked as Temporal's samples mark theirs: metadata `encoding` is
// `binary/encrypted` and `encryption-key-id` names the key; its data is IV (12 bytes) +
// ciphertext + GCM tag (16 bytes) of the whole original Payload message (metadata and data),
// with the key id as additional authenticated data. Payloads without that encoding (histories
// from before encryption was configured, the committed replay histories) pass through as they are.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Logger } from 'pino';
import type { PayloadKey } from './payload-keys.ts';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = proto.temporal.api.common.v1.Payload;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  /** `keys` in PAYLOAD_KEYS order: the first encrypts, every one decrypts. */
  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('an encryption codec needs at least one key');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0]!.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = Buffer.from(this.currentKeyId, 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(keyId);
    const plain = ProtoPayload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'), [KEY_ID_METADATA]: keyId }, data: sealed };
  }

  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new ValueError(`an encrypted payload without ${KEY_ID_METADATA}`);
    const key = this.keys.get(keyId);
    if (!key) throw new ValueError(`a payload encrypted with key "${keyId}", which PAYLOAD_KEYS does not hold (it has ${[...this.keys.keys()].join(', ')}); add that key behind the current one`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`an encrypted payload (key "${keyId}") too short to be one`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`a payload does not decrypt with key "${keyId}": it was altered, or that id names a different key than the one it was encrypted with`);
    }
    return ProtoPayload.decode(plain);
  }
}

/** The data converter for the client and every worker: encryption when keys are configured, Temporal's default otherwise. */
export function payloadDataConverter(keys: readonly PayloadKey[] | undefined): DataConverter | undefined {
  return keys?.length ? { payloadCodecs: [new EncryptionCodec(keys)] } : undefined;
}

/** What a process says at start-up about its payloads: encrypted with which key, or (a warning) not at all. */
export function announcePayloadEncryption(log: Pick<Logger, 'info' | 'warn'>, keys: readonly PayloadKey[] | undefined): void {
  if (keys?.length) {
    const older = keys.slice(1).map((k) => k.id);
    log.info({ currentKey: keys[0]!.id, olderKeys: older }, 'Temporal payloads are encrypted (AES-256-GCM) with the current key; payloads under the older keys still decode');
    return;
  }
  log.warn(
    'PAYLOAD_KEYS is not set: Temporal payloads (workflow inputs, activity results, update arguments) are stored unencrypted. Fine for development; production refuses to start without it.',
  );
}
