// The linter `npm test` runs refuses what breaks workflow code: a promise nobody awaits, and
// in workflows/ (and definition/, which the workflow bundle includes) Node built-ins and I/O
// modules. Checked on code the linter is handed as if it were a file there.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const rulesAt = async (file: string, code: string) => (await eslint.lintText(code, { filePath: `${root}${file}` }))[0]!.messages.map((m) => `${m.ruleId} ${m.line}`);

const offending = [
  "import { readFileSync } from 'node:fs';",
  "import { Pool } from 'pg';",
  "import { createActivities } from '../activities/case-activities.ts';",
  "import type { CaseActivities } from '../activities/contracts.ts';",
  'async function later() { return 1; }',
  'export function run(_a: CaseActivities) { later(); return [readFileSync, Pool, createActivities]; }',
].join('\n');

test('workflow code may not import Node built-ins, I/O modules or activity code, and may not leave a promise floating; a type import is fine', async () => {
  expect(await rulesAt('workflows/loop.ts', offending)).toEqual([
    'no-restricted-imports 1',
    'no-restricted-imports 2',
    'no-restricted-imports 3',
    '@typescript-eslint/no-floating-promises 6',
  ]);
  expect(await rulesAt('definition/legal.ts', offending)).toContain('no-restricted-imports 1');
}, 120_000);

test('outside workflow code the same imports are allowed, the floating promise is not', async () => {
  expect(await rulesAt('server/health.ts', offending)).toEqual(['@typescript-eslint/no-floating-promises 6']);
}, 120_000);
