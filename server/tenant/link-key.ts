// The key that signs the tenants' links, and the address they start with. Production sets
// TENANT_LINK_KEY (the API and every worker share it); elsewhere a key is generated once into
// the data folder, so links in messages already sent keep working after a restart.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantLinkSettings } from './links.ts';

export function tenantLinkSettings(env: { TENANT_LINK_KEY?: string | undefined; PUBLIC_URL?: string | undefined; PORT: number; dataDir: string }): TenantLinkSettings {
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  if (env.TENANT_LINK_KEY) return { publicUrl, key: Buffer.from(env.TENANT_LINK_KEY, 'base64') };
  const file = join(env.dataDir, 'tenant-link.key');
  try {
    return { publicUrl, key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(env.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two processes starting at once do not overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { publicUrl, key: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') };
  }
  return { publicUrl, key };
}
