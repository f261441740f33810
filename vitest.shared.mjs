// The settings every package's vitest config starts from: the shared setup file that makes a
// test without an assertion fail (scripts/vitest-setup.mjs).
import { fileURLToPath } from 'node:url';

/** @type {{ setupFiles: string[] }} */
export const sharedTest = {
  setupFiles: [fileURLToPath(new URL('./scripts/vitest-setup.mjs', import.meta.url))],
};
