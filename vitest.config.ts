import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Store tests share one PostgreSQL server; each test isolates itself by tenant, so files may run in parallel.
    pool: 'forks',
    // Tests that spawn the CLI run the compiled build (bin/luoshi.js → dist/): compile it once, up front.
    globalSetup: ['test/build-dist.ts'],
  },
});
