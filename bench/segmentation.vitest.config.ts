import { defineConfig } from 'vitest/config';

/** Runs bench/segmentation.ts alone: one scenario at a time, so timings and RSS are not shared. */
export default defineConfig({
  test: {
    include: ['bench/segmentation.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
