// The production docker-compose.yml (and deploy/systemd's units, at the end), tested without a Docker engine: parsed and interpolated
// the way `docker compose` does, then checked against what the app reads (server/env.ts), the
// services the README names, the scripts it mounts, and the search attributes the engine sets.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { clusterPaths } from '../runtime/cluster.ts';
import { TEMPORAL_SERVER_VERSION } from '../runtime/temporal-server.ts';
import { appClientTls, temporalTlsFiles } from '../runtime/temporal-tls.ts';
import { TEMPORAL_UI_VERSION } from '../runtime/temporal-ui.ts';
import { parse } from 'yaml';
import { EnvSchema, parseEnv } from '../server/env.ts';
import { searchAttributeRegistrations } from '../workflows/search-attributes.ts';

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  container_name?: string;
  healthcheck?: { test: string[] };
};

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, and $$ for a literal $. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:?-|:?\?)([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, fallback: string | undefined) => {
    if (whole === '$$') return '$';
    const value = env[name!];
    if (op === ':-') return value ? value : (fallback ?? '');
    if (op === '-') return value !== undefined ? value : (fallback ?? '');
    if (op === ':?' && !value) throw new Error(`required variable ${name} is missing a value: ${fallback}`);
    if (op === '?' && value === undefined) throw new Error(`required variable ${name} is missing a value: ${fallback}`);
    return value ?? '';
  });
}

function load(env: Record<string, string> = {}) {
  const text = interpolate(read('docker-compose.yml'), env);
  return parse(text, { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
}

const dockerfileEnv = (): Record<string, string> => {
  const line = read('Dockerfile').split('\n').find((l) => l.startsWith('ENV '))!;
  return Object.fromEntries([...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
};

/** The environment a container of the app image sees: the Dockerfile's ENV, then compose's. */
const containerEnv = (s: Service): Record<string, string> => ({
  ...dockerfileEnv(),
  ...Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)])),
});

// The compose file refuses to run without its secrets, so the checks run with them "from an .env file".
const PAYLOAD_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const TENANT_LINK_KEY = Buffer.alloc(32, 5).toString('base64');
const SECRETS = { PAYLOAD_KEYS, TENANT_LINK_KEY, POSTGRES_PASSWORD: 'owner-db-secret', APP_DB_PASSWORD: 'app-db-secret', TEMPORAL_DB_PASSWORD: 'temporal-db-secret', METRICS_TOKEN: 'a-long-enough-metrics-token' };

describe('docker-compose.yml', () => {
  const compose = load(SECRETS);
  const services = compose.services;

  test('every service the README names exists, and the one it scales is scalable', () => {
    const readme = read('README.md');
    const line = readme.split('\n').find((l) => l.startsWith('Services:'));
    expect(line, 'README.md lists the compose services on a line starting "Services:"').toBeDefined();
    const named = [...line!.matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const name of named) expect(Object.keys(services), `README names service "${name}"`).toContain(name);
    for (const m of readme.matchAll(/--scale ([a-z-]+)=/g)) {
      const scaled = services[m[1]!];
      expect(scaled, `README scales "${m[1]}"`).toBeDefined();
      // A replica with a fixed name or a host port would collide with the next one.
      expect(scaled!.container_name).toBeUndefined();
      expect(scaled!.ports ?? []).toEqual([]);
    }
  });

  test('the app and the workers get every variable the app reads, set or defaulted, and valid', () => {
    const keys = Object.keys(EnvSchema.shape) as Array<keyof typeof EnvSchema.shape>;
    for (const name of ['app', 'worker']) {
      const env = containerEnv(services[name]!);
      // Nothing set that the app does not read (a typo would silently fall back to a default).
      for (const k of Object.keys(env)) expect(keys as string[], `${name} sets ${k}, which server/env.ts does not read`).toContain(k);
      for (const k of keys) {
        const defaulted = EnvSchema.shape[k].safeParse(undefined).success;
        expect(env[k] !== undefined || defaulted, `${name}: ${k} is neither set nor defaulted`).toBe(true);
      }
      // The production entry points stop without these two.
      expect(env.DATABASE_URL, `${name}: DATABASE_URL`).toMatch(/^postgres:\/\/.+@postgres:5432\/arrears$/);
      expect(env.TEMPORAL_ADDRESS, `${name}: TEMPORAL_ADDRESS`).toBe('temporal:7233');
      const parsed = parseEnv(env);
      expect(parsed.NODE_ENV).toBe('production');
      expect(parsed.seedDemo).toBe(false);
    }
    // The same with secrets from an .env file: still a valid URL, password in place.
    const withSecrets = containerEnv(load({ ...SECRETS, POSTGRES_PASSWORD: 's3cret-Pa55', APP_DB_PASSWORD: 'app-Pa55' }).services.app!);
    expect(parseEnv(withSecrets).DATABASE_URL).toBe('postgres://arrears_app:app-Pa55@postgres:5432/arrears');
    expect(parseEnv(withSecrets).MIGRATION_DATABASE_URL).toBe('postgres://arrears:s3cret-Pa55@postgres:5432/arrears');
    // The workers work with the app's login only: the owner's password is not in their environment.
    expect(containerEnv(load(SECRETS).services.worker!).MIGRATION_DATABASE_URL).toBeUndefined();
    expect(parseEnv(withSecrets).METRICS_TOKEN).toBe('a-long-enough-metrics-token');
  });

  test('the app and the workers encrypt payloads with the same keys, the Web UI decodes through the app, and without keys production stops', () => {
    const app = parseEnv(containerEnv(services.app!));
    const worker = parseEnv(containerEnv(services.worker!));
    expect(app.PAYLOAD_KEYS?.map((k) => k.id)).toEqual(['k1']);
    expect(worker.PAYLOAD_KEYS).toEqual(app.PAYLOAD_KEYS);
    const ui = services['temporal-ui']!.environment!;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`http://localhost:${app.PORT}/api/temporal-codec`);
    expect(String(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS)).toBe('true');
    expect(new URL(String(ui.TEMPORAL_CODEC_ENDPOINT)).hostname).toBe(new URL(app.TEMPORAL_UI_URL!).hostname);
    expect(() => parseEnv({ ...containerEnv(services.app!), PAYLOAD_KEYS: '' })).toThrow(/PAYLOAD_KEYS=.*production encrypts Temporal payloads/);
  });

  test('the app serves on all interfaces, workers run the prebuilt bundle and expose their metrics', () => {
    const app = parseEnv(containerEnv(services.app!));
    expect(app.HOST).toBe('0.0.0.0');
    expect(services.app!.ports).toContain(`${app.PORT}:${app.PORT}`);
    expect(app.TEMPORAL_UI_URL).toBe('http://localhost:8080');
    const worker = parseEnv(containerEnv(services.worker!));
    expect(services.worker!.command).toEqual(['node', '--import', 'tsx', 'worker/main.ts']);
    expect(services.app!.command).toEqual(['node', '--import', 'tsx', 'server/main.ts']);
    // The bundle the Dockerfile builds (npm run build:workflows writes dist/workflow-bundle.js in /app).
    expect(read('Dockerfile')).toContain('npm run build:workflows');
    expect(read('worker/build-bundle.ts')).toContain("'dist/workflow-bundle.js'");
    expect(worker.WORKFLOW_BUNDLE).toBe('/app/dist/workflow-bundle.js');
    expect(services.worker!.expose).toContain(String(worker.WORKER_METRICS_PORT));
    expect(services.worker!.healthcheck!.test.join(' ')).toContain(`:${worker.WORKER_METRICS_PORT}/health`);
    expect(services.app!.healthcheck!.test.join(' ')).toContain('/api/health');
  });

  test('Temporal runs on the same PostgreSQL server, its schema set up by its own tool before the server starts', () => {
    for (const name of ['temporal', 'temporal-schema']) {
      const env = services[name]!.environment!;
      expect(env).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres', SQL_DATABASE: 'temporal', SQL_VISIBILITY_DATABASE: 'temporal_visibility' });
      expect(env.SQL_USER).toBe('temporal');
      expect(env.SQL_PASSWORD).toBe(services.postgres!.environment!.TEMPORAL_DB_PASSWORD);
    }
    // The containers run the releases npm run start:cluster builds, so both topologies behave alike.
    const server = TEMPORAL_SERVER_VERSION.slice(1);
    expect(services.temporal!.image).toBe(`temporalio/server:${server}`);
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${server}`);
    expect(services['temporal-setup']!.image).toBe(`temporalio/admin-tools:${server}`);
    expect(services['temporal-ui']!.image).toBe(`temporalio/ui:${TEMPORAL_UI_VERSION.slice(1)}`);
    // Binding to 0.0.0.0 without a broadcast address breaks the server's membership ring.
    expect(services.temporal!.environment!.BIND_ON_IP).toBeUndefined();
    expect(services.temporal!.depends_on!['temporal-schema']!.condition).toBe('service_completed_successfully');
    const schema = read('deploy/temporal-schema.sh');
    expect(schema).toContain('temporal-sql-tool --plugin postgres12');
    expect(schema).toContain('/etc/temporal/schema/postgresql/v12/$dir/versioned');
  });

  test('the setup job registers exactly the search attributes the engine sets', () => {
    const script = read('deploy/temporal-setup.sh');
    const listed = [...script.matchAll(/(\w+)=(Keyword|Double|Bool|Int|Text|Datetime|KeywordList)\b/g)].map((m) => [m[1], m[2]]);
    expect(listed).toEqual(searchAttributeRegistrations);
  });

  test('it does not start without its secrets, and has no default password', () => {
    for (const name of Object.keys(SECRETS)) {
      expect(() => load({ ...SECRETS, [name]: '' }), name).toThrow(new RegExp(`required variable ${name} is missing a value: set ${name}`));
    }
    expect(read('docker-compose.yml')).not.toMatch(/change-me/i);
  });

  test('Temporal has a login of its own, owner of its databases only; the Web UI is read-only and on loopback; port 7233 is not published', () => {
    const sql = services.temporal!.environment!;
    expect(sql.SQL_USER).toBe('temporal');
    expect(sql.SQL_PASSWORD).toBe(SECRETS.TEMPORAL_DB_PASSWORD);
    expect(new URL(containerEnv(services.app!).DATABASE_URL!).username).not.toBe(sql.SQL_USER);
    const init = read('deploy/postgres-init.sh');
    expect(init).toContain("CREATE ROLE temporal LOGIN PASSWORD :'pw';");
    expect(init).toMatch(/CREATE DATABASE temporal OWNER temporal;\s+CREATE DATABASE temporal_visibility OWNER temporal;/);
    expect(init).toContain('REVOKE ALL ON DATABASE arrears FROM PUBLIC;');
    expect(init).toContain("CREATE ROLE arrears_app LOGIN PASSWORD :'apppw';");
    expect(services.postgres!.environment!.APP_DB_PASSWORD).toBe(SECRETS.APP_DB_PASSWORD);
    expect(services.postgres!.environment!.TEMPORAL_DB_PASSWORD).toBe(SECRETS.TEMPORAL_DB_PASSWORD);
    const ui = services['temporal-ui']!;
    expect(String(ui.environment!.TEMPORAL_DISABLE_WRITE_ACTIONS)).toBe('true');
    expect(ui.ports).toEqual(['127.0.0.1:8080:8080']);
    for (const [name, s] of Object.entries(services)) for (const p of s.ports ?? []) expect(p, `${name} publishes ${p}`).not.toMatch(/7233/);
  });

  test('port 7233 takes mutual TLS: the server asks every client for a certificate from the deployment\'s authority, each holder mounts only its own, and production stops without it', () => {
    const certs = services['temporal-certs']!;
    expect(certs.command).toEqual(['node', '--import', 'tsx', 'runtime/temporal-certs.ts', '/tls', 'temporal']);
    expect(existsSync(new URL('runtime/temporal-certs.ts', root))).toBe(true);
    const server = services.temporal!;
    expect(server.depends_on!['temporal-certs']!.condition).toBe('service_completed_successfully');
    expect(server.environment).toMatchObject({
      TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: 'true',
      TEMPORAL_TLS_SERVER_CA_CERT: '/tls/ca.pem',
      TEMPORAL_TLS_CLIENT1_CA_CERT: '/tls/ca.pem',
      TEMPORAL_TLS_FRONTEND_CERT: '/tls/server.pem',
      TEMPORAL_TLS_FRONTEND_KEY: '/tls/server.key',
    });
    // Who mounts which folder: the authority's key only the job that signs with it.
    const mounts = (volume: string) => Object.entries(services).filter(([, s]) => (s.volumes ?? []).some((v) => v.startsWith(`${volume}:`))).map(([name]) => name).sort();
    expect(mounts('temporal-tls-authority')).toEqual(['temporal-certs']);
    expect(mounts('temporal-tls-server')).toEqual(['temporal', 'temporal-certs']);
    expect(mounts('temporal-tls-app')).toEqual(['app', 'temporal-certs', 'worker']);
    expect(mounts('temporal-tls-operator')).toEqual(['temporal-certs', 'temporal-setup', 'temporal-ui']);
    for (const name of ['app', 'worker']) {
      expect(parseEnv(containerEnv(services[name]!)).temporalTls, name).toEqual({ ca: '/tls/ca.pem', cert: '/tls/app.pem', key: '/tls/app.key', serverName: 'temporal' });
    }
    expect(services['temporal-ui']!.environment).toMatchObject({ TEMPORAL_TLS_CERT: '/tls/operator.pem', TEMPORAL_TLS_SERVER_NAME: 'temporal' });
    expect(services['temporal-setup']!.environment!.TLS_DIR).toBe('/tls');
    expect(read('deploy/temporal-setup.sh')).toContain('--tls-cert-path $TLS_DIR/operator.pem');
    const { TEMPORAL_TLS_CA: _ca, TEMPORAL_TLS_CERT: _cert, TEMPORAL_TLS_KEY: _key, ...withoutTls } = containerEnv(services.app!);
    expect(() => parseEnv(withoutTls)).toThrow(/TEMPORAL_TLS_CA=.*mutual TLS/);
    expect(() => parseEnv({ ...withoutTls, TEMPORAL_TLS_CA: '/tls/ca.pem' })).toThrow(/TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: mutual TLS to Temporal needs/);
  });

  test('start order: every dependency exists, one-shot jobs are awaited to completion, mounted files exist', () => {
    const oneShot = new Set(['temporal-schema', 'temporal-setup', 'temporal-certs']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.image ?? s.build, `${name} has an image or a build`).toBeTruthy();
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(services[dep]!.healthcheck, `${dep} needs a healthcheck for ${name}`).toBeDefined();
        if (oneShot.has(dep) && name !== 'temporal-setup') expect(condition, `${name} waits for ${dep} to finish`).toBe('service_completed_successfully');
      }
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(new URL(source.slice(2), root)), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes ?? {}), `${name} uses volume ${source}`).toContain(source);
      }
    }
    // The app migrates the database; workers start after it is healthy.
    expect(services.worker!.depends_on!.app!.condition).toBe('service_healthy');
    expect(services.app!.depends_on!['temporal-setup']!.condition).toBe('service_completed_successfully');
  });
});

// deploy/systemd: the same topology for VMs. Units are checked against the repository (the
// scripts they run, the files they read), the app's environment, and each other (every unit a
// dependency names exists); systemd-analyze, where the machine has it, verifies their syntax.
describe('deploy/systemd', () => {
  const dir = 'deploy/systemd/';
  const units = readdirSync(new URL(dir, root)).filter((f) => /\.(service|target)$/.test(f));
  /** A unit file as section → key → values (a key may repeat). */
  const unit = (name: string) => {
    const sections: Record<string, Record<string, string[]>> = {};
    let section = '';
    for (const line of read(dir + name).split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const header = /^\[(\w+)\]$/.exec(t);
      if (header) section = header[1]!;
      else {
        const [key, ...rest] = t.split('=');
        ((sections[section] ??= {})[key!] ??= []).push(rest.join('='));
      }
    }
    return sections;
  };
  const envFile = Object.fromEntries(
    read(`${dir}arrears.env.example`)
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  test('the units cover the topology: schema, server, namespace, API, workers, Web UI, one target', () => {
    expect(units.sort()).toEqual(['arrears-api.service', 'arrears-temporal-namespace.service', 'arrears-temporal-schema.service', 'arrears-temporal-ui.service', 'arrears-temporal.service', 'arrears-worker@.service', 'arrears.target']);
  });

  test('every dependency names a unit that exists; long-running services restart with a growing pause', () => {
    for (const name of units) {
      const u = unit(name);
      for (const key of ['Requires', 'After', 'Wants', 'PartOf']) {
        for (const dep of (u.Unit?.[key] ?? []).flatMap((v) => v.split(/\s+/)).filter((d) => d.startsWith('arrears'))) expect(units, `${name} ${key}=${dep}`).toContain(dep);
      }
      if (u.Service && u.Service.Type?.[0] !== 'oneshot') {
        expect(u.Service.Restart, `${name} restarts`).toEqual(['always']);
        expect(u.Service.RestartSec, `${name} restarts soon`).toEqual(['1s']);
      }
    }
    // The order is the one start:cluster takes: schema, server, namespace, API, workers.
    expect(unit('arrears-temporal.service').Unit!.After).toEqual(['arrears-temporal-schema.service']);
    expect(unit('arrears-temporal-namespace.service').Unit!.After).toEqual(['arrears-temporal.service']);
    expect(unit('arrears-api.service').Unit!.After).toEqual(['arrears-temporal-namespace.service']);
    expect(unit('arrears-worker@.service').Unit!.After).toEqual(['arrears-api.service']);
  });

  test('what they run exists here, and the server and UI read the files the schema step writes', () => {
    for (const name of units) {
      const exec = unit(name).Service?.ExecStart?.[0];
      if (!exec) continue;
      const script = /--import tsx (\S+\.ts)/.exec(exec)?.[1];
      if (script) expect(existsSync(new URL(script, root)), `${name} runs ${script}`).toBe(true);
    }
    const paths = clusterPaths(join(envFile.DATA_DIR!, 'cluster'));
    expect(unit('arrears-temporal.service').Service!.ExecStart![0]).toContain(`--config-file ${join(paths.temporalConfig, 'config.yaml')} `);
    expect(unit('arrears-temporal-ui.service').Service!.ExecStart![0]).toContain(`--root ${paths.temporalUi} `);
    expect(unit('arrears-temporal-schema.service').Service!.ExecStart![0]).toMatch(/cluster-setup\.ts schema$/);
    expect(unit('arrears-temporal-namespace.service').Service!.ExecStart![0]).toMatch(/cluster-setup\.ts namespace$/);
  });

  test('the environment file names only variables the app reads, and is valid for production', () => {
    for (const key of Object.keys(envFile)) expect(Object.keys(EnvSchema.shape), key).toContain(key);
    const parsed = parseEnv({ ...envFile, PAYLOAD_KEYS, TENANT_LINK_KEY });
    expect(parsed.NODE_ENV).toBe('production');
    // The API and the UI stay on loopback; a proxy in front of them is the way in.
    expect(envFile.HOST).toBe('127.0.0.1');
    expect(envFile.TEMPORAL_IP).toBe('127.0.0.1');
    const worker = unit('arrears-worker@.service').Service!;
    expect(worker.Environment).toEqual(['WORKER_METRICS_PORT=946%i']);
    // The API and the workers present the app's certificate, where cluster:setup schema makes it.
    expect(parsed.temporalTls).toEqual(appClientTls(temporalTlsFiles(clusterPaths(join(envFile.DATA_DIR!, 'cluster')).tls)));
  });

  test.runIf(existsSync('/usr/bin/systemd-analyze'))('systemd-analyze finds nothing wrong in their syntax', () => {
    // Verified as text: the programs they start (/usr/local/bin/temporal-server, the arrears
    // user) are the VM's, not this machine's, so only those complaints are left out; and the
    // growing restart pause (RestartSteps, RestartMaxDelaySec) is systemd 254's, which an older
    // systemd (Debian 12 has 252) ignores, restarting every second instead.
    const result = spawnSync('/usr/bin/systemd-analyze', ['verify', '--man=no', ...units.map((u) => fileURLToPath(new URL(dir + u, root)))], { encoding: 'utf8' });
    const problems = result.stderr
      .split('\n')
      .filter((l) => l.trim())
      .filter((l) => !/is not executable|No such file or directory|Failed to look up user|not found|Unit .* not found|Failed to prepare filename|Cannot add dependency job|Unknown key '(RestartSteps|RestartMaxDelaySec)'/.test(l));
    expect(problems).toEqual([]);
  });
});
