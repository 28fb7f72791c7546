// `npm run certs -- <dir> [host…]`: the certificates for mutual TLS to Temporal
// (runtime/temporal-tls.ts) in <dir>/authority, kept and renewed on the next run, and a folder
// per kind of holder, each with only what it needs: <dir>/server (the Temporal server),
// <dir>/app (the API and the workers), <dir>/operator (the CLI and the Web UI). The
// authority's key stays in <dir>/authority. docker-compose.yml runs it as its one-shot
// `temporal-certs` service, each folder a volume of its own; start:cluster and
// `cluster:setup schema` make theirs without it. Hosts: the names the server is reached by
// (besides temporal, localhost and 127.0.0.1).
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTemporalCertificates } from './temporal-tls.ts';

const [dir, ...hosts] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npm run certs -- <dir> [host…]   (e.g. npm run certs -- /etc/arrears/tls temporal.internal)');
  process.exit(2);
}
const files = await ensureTemporalCertificates(join(dir, 'authority'), hosts, (line) => console.log(`[certs] ${line}`));
const holders = { server: files.server, app: files.app, operator: files.operator };
for (const [holder, pair] of Object.entries(holders)) {
  const to = join(dir, holder);
  mkdirSync(to, { recursive: true });
  copyFileSync(files.ca, join(to, 'ca.pem'));
  copyFileSync(pair.cert, join(to, `${holder}.pem`));
  copyFileSync(pair.key, join(to, `${holder}.key`));
  // Readable by whoever mounts the folder: in compose each holder runs as a user of its own
  // image (the Temporal images' is not root), and only that holder mounts its folder.
  chmodSync(join(to, `${holder}.key`), 0o644);
}
console.log(`[certs] ready in ${dir}: server/, app/, operator/ (each with ca.pem); the authority's key stays in authority/`);
