// What npm start and npm run start:cluster print once everything runs: where to go, and the
// demo sign-in where there is one.
import { roles } from '../definition/catalog.ts';
import { DEMO_PASSWORD, demoUsers } from '../server/db/seed.ts';
import type { Env } from '../server/env.ts';

export function printBanner(title: string, rows: string[], env: Env): void {
  const lines = ['', title, ...rows, `  Case time scale   ${env.CASE_TIME_SCALE === 1 ? 'real time' : `${env.CASE_TIME_SCALE}× (one day passes in ${(86400 / env.CASE_TIME_SCALE).toFixed(2)} s)`}`];
  if (env.seedDemo) {
    lines.push(`  Demo sign-in       password "${DEMO_PASSWORD}" for every user:`);
    for (const u of demoUsers) lines.push(`                      ${u.username.padEnd(7)} ${u.roles.map((r) => roles.labels[r].nl).join(', ')}`);
  }
  lines.push('Stop with Ctrl+C.', '');
  console.log(lines.join('\n'));
}
