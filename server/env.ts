// The environment, parsed once at start-up. A wrong value stops the program with a message
// that names the variable; nothing else in the code reads process.env.
import { resolve } from 'node:path';
import { z } from 'zod';
import { secondFactorRoles } from '../definition/access.ts';
import type { Role } from '../definition/catalog.ts';
import { DEFAULT_PAYMENT_APPROVAL_CENTS } from '../definition/payment-control.ts';
import { RoleSchema } from '../definition/schema.ts';
import { DEFAULT_MESSAGE_HOURS, parseMessageHours } from '../definition/message-hours.ts';
import { isIban, isPngFile } from './letters/letterhead.ts';
import { parsePayloadKeys } from './temporal-codec/payload-keys.ts';
import type { TemporalClientTls } from './temporal.ts';

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Where the embedded PostgreSQL and the Temporal dev server keep their data. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** A PostgreSQL server; without it an embedded PostgreSQL runs in DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** The owner's login, for the migrations the API runs at start; unset: DATABASE_URL's (which then must own the schema). */
  MIGRATION_DATABASE_URL: optionalUrl,
  EMBEDDED_PG_PORT: port(5488),
  /** A running Temporal cluster (host:port); without it the Temporal dev server is started. */
  TEMPORAL_ADDRESS: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional()),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** A prebuilt workflow bundle (npm run build:workflows) so a worker starts without bundling. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** The task queue cases run on; only changed to keep several installations apart on one cluster. */
  TASK_QUEUE: z.string().min(1).optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  /** Where the Temporal Web UI is, for links; defaults to the dev server's. */
  TEMPORAL_UI_URL: optionalUrl,
  /** `npm run start:cluster` and deploy/systemd: how many worker processes (start:cluster). */
  WORKERS: z.coerce.number().int().min(1).max(32).default(3),
  /** The real Temporal server's history shards; fixed once its database exists (runtime/temporal-config.ts says why 64). */
  TEMPORAL_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16_384).default(64),
  /** Temporal's persistence and visibility databases, on DATABASE_URL's server. */
  TEMPORAL_DATABASE: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _').default('temporal'),
  TEMPORAL_VISIBILITY_DATABASE: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _').default('temporal_visibility'),
  /** How long Temporal keeps a closed case's workflow history, in hours (720h: 30 days). */
  TEMPORAL_RETENTION: z
    .string()
    .regex(/^[1-9]\d*h$/, 'write it in hours, e.g. 720h')
    .default('720h')
    .transform((v) => Number(v.slice(0, -1))),
  /**
   * Mutual TLS to Temporal (runtime/temporal-tls.ts): the authority that signed the server's
   * certificate, and this process's client certificate and key (PEM files). All three, or none
   * for a server without TLS (npm start's dev server on loopback).
   */
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** The name the server's certificate is issued to, when it is not the host in TEMPORAL_ADDRESS (start:cluster's: temporal). */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** The address the Temporal server binds to and announces (not 0.0.0.0); the VM's own address when workers run elsewhere. */
  TEMPORAL_IP: z.ipv4().default('127.0.0.1'),
  PORT: port(3000),
  /** The address the web server binds to; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Business seconds per real second for new cases: 86400 makes a day pass in a second. */
  CASE_TIME_SCALE: z.coerce.number().min(1, 'must be at least 1').max(1e9).default(1),
  /** When messages may reach tenants (Amsterdam time, working days); each new case keeps the hours it started with. */
  MESSAGE_HOURS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .default('09:00-20:00')
      .transform((v, ctx) => {
        const hours = parseMessageHours(v);
        if (!hours) ctx.addIssue({ code: 'custom', message: 'write the hours as HH:MM-HH:MM, the start before the end (e.g. 09:00-20:00)' });
        return hours ?? DEFAULT_MESSAGE_HOURS;
      }),
  ),
  /** A case continues as new once its history has this many events (Temporal warns at 10,240). */
  CASE_HISTORY_LIMIT: z.coerce.number().int().min(100).max(10_000).default(2_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Huurincasso <incasso@woningcorporatie.example>'),
  WHATSAPP_API_URL: optionalUrl,
  WHATSAPP_API_TOKEN: z.string().optional(),
  SMS_API_URL: optionalUrl,
  SMS_API_TOKEN: z.string().optional(),
  /** The municipality's intake for early signals (POST {handoverId, partner, purpose, payload}); unset: the handover record is the delivery. */
  MUNICIPALITY_SIGNAL_URL: optionalUrl,
  MUNICIPALITY_SIGNAL_TOKEN: z.string().optional(),
  /** The bailiff's intake for court claims and eviction notices; unset: the handover record is the delivery. */
  BAILIFF_API_URL: optionalUrl,
  BAILIFF_API_TOKEN: z.string().optional(),
  /** Where tenants reach this system: every message's personal link starts here (server/tenant/). */
  PUBLIC_URL: z.url().optional(),
  /** Signs the tenants' personal links: base64 of at least 32 random bytes. Unset: generated once into the data folder (production refuses that). */
  TENANT_LINK_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length >= 32, 'use base64 of at least 32 random bytes (openssl rand -base64 32)')
      .optional(),
  ),
  ORG_CONTACT_NAME: z.string().default('Team Huurincasso'),
  ORG_CONTACT_PHONE: z.string().default('010 123 45 67'),
  /** The letterhead of printed letters (server/letters/): the corporation's name, the return address above the window, the account tenants pay to, and an optional logo (PNG). */
  ORG_NAME: z.string().min(1).default('Woningcorporatie Voorbeeld'),
  ORG_RETURN_ADDRESS: z.string().min(1).default('Postbus 100, 3500 AA Utrecht'),
  ORG_IBAN: z
    .string()
    .default('NL91 ABNA 0417 1643 00')
    .refine(isIban, 'write an IBAN such as NL91 ABNA 0417 1643 00 (two letters, two check digits, the account; the check digits must match)'),
  ORG_LOGO: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isPngFile, 'give the path of a PNG file that exists and can be read').optional()),
  /** Seed demo tenants and users (the default outside production). */
  SEED_DEMO: z.preprocess((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'), z.boolean().optional()),
  /** Run the worker inside the start process (npm start); production runs workers apart. */
  RUN_WORKER: z.preprocess((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'), z.boolean().default(true)),
  /** A worker process serves its own Prometheus metrics on this port (worker/main.ts); unset: none. */
  /**
   * How many cases a worker keeps in memory between their steps (Temporal's sticky cache). A case
   * not cached is replayed from its history on its next step: correct, but slower. Size it from
   * the bench's "cached cases per GB" and the worker's memory.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(1_000_000).optional()),
  WORKER_METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it is open (keep it on the internal network). */
  /** The rent ledger's daily arrears list (server/intake/): a folder the ERP drops it in, or a URL serving it (with INTAKE_TOKEN as bearer token); either makes the daily Schedule. */
  INTAKE_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  INTAKE_URL: optionalUrl,
  INTAKE_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** The process the intake opens cases in. */
  INTAKE_DEFINITION: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'INTAKE_DEFINITION is a definition id such as standard-ladder').default('standard-ladder'),
  /** Closed cases keep their personal data this many days, then lose it (server/privacy/anonymise.ts); amounts, steps and dates stay. */
  RETENTION_DAYS: z.coerce.number().int().min(30, 'at least 30 days: staff still answer questions about a case just closed').max(3650).default(730),
  /** Manual payments above this many cents wait for a second person's approval (definition/payment-control.ts). */
  PAYMENT_APPROVAL_THRESHOLD_CENTS: z.coerce.number().int().min(0).max(100_000_000).default(DEFAULT_PAYMENT_APPROVAL_CENTS),
  /** The payment provider of the tenant page (Mollie's payments API, e.g. https://api.mollie.com); unset outside production: a stand-in on loopback (nothing is really paid). */
  PAYMENT_PROVIDER_URL: optionalUrl,
  PAYMENT_PROVIDER_KEY: z.string().optional(),
  /** The municipality's free debt-help page per tenancy city, `City=https://…` separated by commas; others get the national page. */
  MUNICIPALITY_HELP_URLS: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : v),
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const byCity: Record<string, string> = {};
        for (const pair of (v ?? '').split(',').filter((p) => p.trim())) {
          const [city, url] = pair.split('=').map((x) => x.trim());
          if (!city || !url || !/^https:\/\/\S+$/.test(url)) {
            ctx.addIssue({ code: 'custom', message: `write each as City=https://… (got "${pair.trim()}")` });
            return z.NEVER;
          }
          byCity[city.toLowerCase()] = url;
        }
        return byCity;
      }),
  ),
  /**
   * Roles that must sign in with a second factor (an authenticator app's code): a comma list, or
   * `none`. Default: admin, collection manager and controller in production (definition/access.ts), none elsewhere.
   */
  SECOND_FACTOR_ROLES: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : v === 'none' ? [] : String(v).split(',').map((r) => r.trim())),
    z.array(RoleSchema).optional(),
  ),
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'use at least 16 characters').optional()),
  /**
   * Keys that encrypt Temporal payloads (server/temporal-codec/): `id:base64,id:base64`, 32 bytes
   * each, the first encrypts and every one decrypts. Unset: unencrypted (production refuses that).
   */
  PAYLOAD_KEYS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const parsed = parsePayloadKeys(v);
        if ('problem' in parsed) {
          ctx.addIssue({ code: 'custom', message: parsed.problem });
          return z.NEVER;
        }
        return parsed.keys;
      }),
  ),
});
export type Env = z.infer<typeof EnvSchema> & { dataDir: string; seedDemo: boolean; secondFactorRoles: readonly Role[]; temporalTls: TemporalClientTls | undefined };

export class EnvError extends Error {}

const SECRET = /(_TOKEN|_KEYS|_LINK_KEY|_PROVIDER_KEY)$/;

/**
 * `withoutTemporal`: for a program that never talks to Temporal (the users CLI), which then
 * does not need PAYLOAD_KEYS in production; everything else that runs in production does.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env, options: { withoutTemporal?: boolean } = {}): Env {
  const result = EnvSchema.safeParse(source);
  // A secret's value is never repeated in the message (it ends up in a terminal or a log).
  const shown = (name: string) => (SECRET.test(name) ? '(hidden)' : JSON.stringify(source[name] ?? ''));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}=${shown(String(i.path[0]))}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const tlsFiles = { TEMPORAL_TLS_CA: env.TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT: env.TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: env.TEMPORAL_TLS_KEY };
  const given = Object.entries(tlsFiles).filter(([, v]) => v);
  if (given.length > 0 && given.length < 3) {
    const missing = Object.keys(tlsFiles).filter((k) => !tlsFiles[k as keyof typeof tlsFiles]);
    throw new EnvError(`Invalid environment:\n  ${missing.join(', ')}: mutual TLS to Temporal needs TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY together (only ${given.map(([k]) => k).join(', ')} set)`);
  }
  if (env.NODE_ENV === 'production' && !env.PAYLOAD_KEYS && !options.withoutTemporal) {
    throw new EnvError(`Invalid environment:\n  PAYLOAD_KEYS=${shown('PAYLOAD_KEYS')}: production encrypts Temporal payloads; set PAYLOAD_KEYS=k1:<base64 of 32 random bytes> (openssl rand -base64 32)`);
  }
  // The metrics name routes, activities and counts of the business: not for everyone's eyes.
  if (env.NODE_ENV === 'production' && !env.TENANT_LINK_KEY && !options.withoutTemporal) {
    throw new EnvError(`Invalid environment:\n  TENANT_LINK_KEY=(hidden): production signs the tenants' personal links with one key shared by the API and every worker; set TENANT_LINK_KEY=<base64 of 32 random bytes> (openssl rand -base64 32)`);
  }
  if (env.NODE_ENV === 'production' && !env.METRICS_TOKEN && !options.withoutTemporal) {
    throw new EnvError(`Invalid environment:\n  METRICS_TOKEN=${shown('METRICS_TOKEN')}: production serves /metrics only with a token; set METRICS_TOKEN to 16 or more random characters (openssl rand -hex 24) and give it to Prometheus`);
  }
  // Whoever reaches Temporal without a client certificate could start, signal or end any case.
  const tlsComplete = Boolean(env.TEMPORAL_TLS_CA && env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY);
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):/.test(env.TEMPORAL_ADDRESS ?? '');
  if (env.NODE_ENV === 'production' && env.TEMPORAL_ADDRESS && !loopback && !tlsComplete && !options.withoutTemporal) {
    throw new EnvError(
      `Invalid environment:\n  TEMPORAL_TLS_CA=${shown('TEMPORAL_TLS_CA')}: production talks to the Temporal server at ${env.TEMPORAL_ADDRESS} over mutual TLS; set TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (npm run certs makes them; README, "Mutual TLS to Temporal")`,
    );
  }
  // Demo users share a published password: never where real tenants' data is.
  if (env.NODE_ENV === 'production' && env.SEED_DEMO) {
    throw new EnvError(`Invalid environment:\n  SEED_DEMO=${shown('SEED_DEMO')}: production never has the demo users (their password is published); create users with npm run users`);
  }
  return {
    ...env,
    temporalTls: env.TEMPORAL_TLS_CA && env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY ? { ca: env.TEMPORAL_TLS_CA, cert: env.TEMPORAL_TLS_CERT, key: env.TEMPORAL_TLS_KEY, ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverName: env.TEMPORAL_TLS_SERVER_NAME } : {}) } : undefined,
    dataDir: resolve(env.DATA_DIR),
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    secondFactorRoles: env.SECOND_FACTOR_ROLES ?? (env.NODE_ENV === 'production' ? secondFactorRoles : []),
  };
}

/** For entry points: parse or stop with the message. */
export function loadEnv(options: { withoutTemporal?: boolean } = {}): Env {
  try {
    return parseEnv(process.env, options);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
