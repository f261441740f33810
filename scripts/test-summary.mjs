#!/usr/bin/env node
// Sums every vitest JSON report (packages/*/vitest-report*.json) into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findReports(root) {
  const packages = join(root, 'packages');
  return readdirSync(packages).flatMap((name) => {
    const dir = join(packages, name);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => /^vitest-report.*\.json$/.test(file))
      .map((file) => join(dir, file));
  });
}

export function summarize(root) {
  let passed = 0;
  let failed = 0;
  // Skipped tests (a missing subject outside CI, with its reason) are said, never counted
  // as passed.
  let skipped = 0;
  for (const file of findReports(root)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that crashed before its tests ran counts as a failure, not as silence.
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0)
      failed += report.numFailedTestSuites;
  }
  return { passed, failed, skipped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const { passed, failed, skipped } = summarize(root);
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
}
