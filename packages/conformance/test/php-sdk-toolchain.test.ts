/**
 * The PHP SDK's test is skipped (or fails under CI) naming what is missing: the check must
 * name the commands and their Debian packages when they are not on PATH, and find nothing
 * missing where they are.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { missingPhpToolchain } from './php-sdk-toolchain.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

test('names php and composer with their Debian packages when neither is on PATH', () => {
  process.env.PATH = mkdtempSync(join(tmpdir(), 'pnm-empty-path-'));
  expect(missingPhpToolchain()).toBe(
    'php, composer not on PATH (apt-get install php-cli composer)',
  );
});
