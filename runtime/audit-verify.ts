// `npm run audit:verify [-- --expect-head <seq>:<hash>]`: checks the audit log's hash chain
// (server/audit/chain.ts) and prints its head to record elsewhere. Exits 1 on any break.
import { parseArgs } from 'node:util';
import { verifyAuditChain, type ChainHead } from '../server/audit/chain.ts';
import { connectCommandLine } from './command-line-db.ts';

const { values } = parseArgs({ options: { 'expect-head': { type: 'string' } } });
let expectHead: ChainHead | undefined;
if (values['expect-head']) {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(values['expect-head']);
  if (!m) {
    console.error('--expect-head is <seq>:<hash> as this command printed it, e.g. 1234:9f86d0…');
    process.exit(2);
  }
  expectHead = { seq: Number(m[1]), hash: m[2]! };
}
const { pool, stop } = await connectCommandLine();
try {
  const report = await verifyAuditChain(pool, expectHead);
  console.log(`audit log: ${report.rows} rows; head ${report.head ? `${report.head.seq}:${report.head.hash}` : '(empty)'}`);
  for (const p of report.problems) console.log(`  BROKEN at row ${p.seq}${p.id ? ` (id ${p.id})` : ''}: ${p.problem}`);
  console.log(report.problems.length === 0 ? 'the chain is intact' : `the chain is broken (${report.problems.length} place${report.problems.length === 1 ? '' : 's'} shown)`);
  process.exitCode = report.problems.length === 0 ? 0 : 1;
} finally {
  await stop();
}
