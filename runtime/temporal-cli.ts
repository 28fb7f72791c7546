// Finds or builds the Temporal CLI (it contains the dev server and the Web UI). No binary is
// downloaded: it is built from the Go module proxy into a cache outside the repository and
// reused from there. A `temporal` on PATH takes precedence.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, goInstall, onPath } from './go-install.ts';

export { cacheDir } from './go-install.ts';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

/** The path of a usable `temporal` binary, building it once if needed. */
export async function ensureTemporalCli(log: (line: string) => void = console.log): Promise<string> {
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const dir = join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const binary = join(dir, 'temporal');
  if (existsSync(binary)) return binary;

  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} from the Go module proxy (once; cached in ${dir}). This takes several minutes...`);
  await goInstall({ what: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`, packages: [MODULE], programs: { temporal: 'temporal' }, dir, log });
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(`Built ${version} at ${binary}`);
  return binary;
}
