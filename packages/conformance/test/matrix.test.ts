import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import type { Report } from '../src/reports/report.js';
import { cli } from './helpers.js';

// The real thing: what `npm run conformance` runs, with every toolchain required, against
// the checked-in expectations. It fails on a new divergence, a stale expectation, or a
// column whose toolchain is missing.
test('the full matrix matches the expectations file, every toolchain present', {
  timeout: 30 * 60_000,
}, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'pnm-matrix-')), 'report.json');
  const result = await execa(
    process.execPath,
    [cli, '--require-all', '--quiet', '--report', `json=${out}`],
    {
      reject: false,
      env: { NO_COLOR: '1' },
    },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  const unexpected = report.findings.filter((f) => !f.expectedFailure);
  expect(unexpected.map((f) => `${f.implementation}/${f.environment}: ${f.cause}`)).toEqual([]);
  expect(report.staleExpectations).toEqual([]);
  expect(report.columns.filter((c) => !c.available).map((c) => c.id)).toEqual([]);
  expect(result.exitCode, result.stdout.slice(-3000)).toBe(0);
  // The documented findings stay visible in the matrix: the suite is not green by hiding them.
  expect(report.summary.xfail).toBeGreaterThan(0);
});
