// `npm run screenshots`: the pictures in docs/screenshots/, taken from the real system in
// headless Chromium. Documentation, not checks: the test suite does not run them. The staff
// and migration browser tests take theirs along the way when SCREENSHOTS=1.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/screenshots/*.ts', 'test/staff-*-browser.test.ts', 'test/ops-migration.test.ts'],
    exclude: ['test/screenshots/vitest.config.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
