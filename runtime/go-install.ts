// Temporal's programs are built from the Go module proxy (no binary is downloaded) into a
// cache outside the repository, once, and reused from there. Shared by the Temporal CLI
// (temporal-cli.ts) and the Temporal server with its schema tool (temporal-server.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'arrears-case-engine');
}

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function goBinary(what: string): string {
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) throw new Error(`${what} must be built from source and needs Go; install Go (https://go.dev/dl).`);
  return go;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (b: Buffer) => {
      output += b.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

/**
 * `go install` of `packages` (all at one module version) into `dir`, each program renamed as
 * `programs` says (built name → cached name). Built into a staging folder first, so an
 * interrupted build leaves no half a cache behind.
 */
export async function goInstall(o: { what: string; packages: string[]; programs: Record<string, string>; dir: string; log: (line: string) => void }): Promise<void> {
  const go = goBinary(o.what);
  const staging = `${o.dir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // GOTOOLCHAIN=auto: a module that needs a newer Go than the installed one gets that
  // toolchain through the module proxy (a machine's go env may say `local`).
  const env = { ...process.env, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'auto' };
  const started = Date.now();
  let result = await run(go, ['install', ...o.packages], env);
  if (result.code !== 0 && /sum\.golang\.org|verifying .*checksum|SECURITY ERROR|checksum database/i.test(result.output)) {
    // The checksum database is out of reach here: verify nothing for this one command only.
    o.log('The Go checksum database cannot be reached; building without it for this command only.');
    result = await run(go, ['install', ...o.packages], { ...env, GONOSUMDB: '*', GONOSUMCHECK: '1', GOSUMDB: 'off' });
  }
  const missing = Object.keys(o.programs).filter((p) => !existsSync(join(staging, p)));
  if (result.code !== 0 || missing.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`Building ${o.what} failed:\n${result.output.slice(-4000)}`);
  }
  mkdirSync(o.dir, { recursive: true });
  for (const [built, cached] of Object.entries(o.programs)) renameSync(join(staging, built), join(o.dir, cached));
  rmSync(staging, { recursive: true, force: true });
  o.log(`Built ${o.what} in ${Math.round((Date.now() - started) / 1000)} s into ${o.dir}`);
}
