/**
 * The PHP SDK's test is skipped (or fails under CI) naming what is missing: the check must
 * name PHP itself when no php is on PATH, not pass or blame something else.
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

test('names the PHP CLI and its Debian package when php is not on PATH', () => {
  process.env.PATH = mkdtempSync(join(tmpdir(), 'pnm-empty-path-'));
  expect(missingPhpToolchain()).toBe('php (php-cli)');
});
