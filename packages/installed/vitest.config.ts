import { defineConfig } from 'vitest/config';
import { sharedTest } from '../../vitest.shared.mjs';

export default defineConfig({
  test: {
    ...sharedTest,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Packing five packages and an npm install from the registry take a while on two cores.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
