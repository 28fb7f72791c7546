import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Two cores: the Temporal server, PostgreSQL and two test processes share them.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits for what a page or a case shows next; its default second is a race
    // with a machine whose other core is busy.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default'],
  },
});
