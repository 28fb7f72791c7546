// Builds the web app (designer/) with Vite's programmatic API when the build is missing or
// older than its sources, so `npm start` and the browser tests always serve the current
// code. The build goes to a fresh directory that replaces dist in two renames: a server
// already serving dist, or a second process building at the same time, never sees half a build.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const designerDir = join(repo, 'designer');
const distDir = join(designerDir, 'dist');
/** Sources of the web app: the app itself and the definition language it imports. */
const sourceDirs = [designerDir, join(repo, 'definition')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (path === distDir) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or null when dist is current. */
export function webBuildNeeded(): string | null {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return 'no build yet';
  const built = statSync(index).mtimeMs;
  const newest = Math.max(...sourceDirs.map(newestMtime));
  return newest > built ? 'sources changed since the last build' : null;
}

export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  const reason = webBuildNeeded();
  if (!reason) return;
  log(`Building the web app (${reason})…`);
  const started = Date.now();
  const { build } = await import('vite');
  const staging = join(designerDir, `.dist-${process.pid}-${Date.now()}`);
  // Vite keeps an existing NODE_ENV, and vitest sets it to "test": React would be built in
  // its slow development mode. The web app is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(designerDir, 'vite.config.ts'),
      mode: 'production',
      // Warnings about bundle internals (the ELK worker's size, plugin timings) are not actionable here.
      logLevel: 'error',
      build: { outDir: staging, emptyOutDir: true },
    });
    const old = join(designerDir, `.dist-old-${process.pid}-${Date.now()}`);
    if (existsSync(distDir)) renameSync(distDir, old);
    renameSync(staging, distDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

// `npm run build:web`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (force) rmSync(join(distDir, 'index.html'), { force: true });
  await ensureWebBuild();
}
