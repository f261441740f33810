import { defineConfig } from 'vitest/config';
import { sharedTest } from '../../vitest.shared.mjs';

export default defineConfig({
  test: {
    ...sharedTest,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // These tests start real toolchains (JVMs, Go binaries, shells); a cold start is slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: test files that each start many processes must not starve each other.
    fileParallelism: false,
  },
});
