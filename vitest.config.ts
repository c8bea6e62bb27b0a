import { defineConfig } from 'vitest/config';

const shared = {
  // Suites decode real series and run real tools; 2-core CI needs room.
  testTimeout: 180_000,
  hookTimeout: 180_000,
};

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        // Runs on a fresh clone with only test/fixtures: the README's test command.
        test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.oracle.test.ts', 'node_modules/**'] },
      },
      {
        // External-oracle suites on ../shared/datasets; they fail loudly when the data is missing.
        test: { ...shared, name: 'oracle', include: ['test/**/*.oracle.test.ts'] },
      },
    ],
  },
});
