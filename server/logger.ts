// The one way a process makes its pino logger: every logged value and message passes through
// redact(), so an error that quotes an address (a database error naming a row, a provider's
// refusal, the SDK's "Activity failed" with its error) never reaches the log as it was.
// Call sites still log ids, not data; this is the net under them.
import { pino, stdSerializers, type DestinationStream, type Level, type Logger } from 'pino';
import { redact } from './redact.ts';

const MAX_DEPTH = 6;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  // Errors serialized here, with their own fields (pg's `detail` quotes the offending row), then redacted.
  if (value instanceof Error) return redactValue(stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

export function createLogger(level: Level | 'silent', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      formatters: { log: (object) => redactValue(object, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination as DestinationStream,
  );
}
