// Idempotency keys. A side effect is recorded under a key that stays the same when an
// activity is retried, when the case continues as new and when it is reset: the case id
// and the step visit (never a run id or an activity id), plus what the effect is. The
// database refuses a second row with the same key, so a retry never sends or records twice.
// Keys are stored: their format must not change for effects already recorded.
export type KeyPart = string | number;

export function idempotencyKey(...parts: [KeyPart, ...KeyPart[]]): string {
  return parts.join(':');
}
