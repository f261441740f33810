/**
 * The report size budget (issue 18): a report over it is not written, and says so; the
 * other formats of the same run are written as usual.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPORT_BUDGET_BYTES } from '../../src/reports/report-budget.js';
import { writeReports } from '../../src/reports/write.js';
import { report } from './fixtures.js';

describe('writeReports', () => {
  test('a report over the budget is not written and says so; one within it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-budget-'));
    const html = join(dir, 'report.html');
    const markdown = join(dir, 'summary.md');
    const sample = report();
    // Writing nothing fails nothing.
    expect(writeReports(sample, [])).toEqual([]);
    const failures = writeReports(
      sample,
      [
        { format: 'html', path: html },
        { format: 'markdown', path: markdown },
      ],
      5_000,
    );
    expect(existsSync(html)).toBe(false);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      new RegExp(
        `^html report ${html}: \\d+ bytes, over the report budget of 5000 bytes: not written`,
      ),
    );
    expect(readFileSync(markdown, 'utf8').length).toBeLessThan(5_000);
  });

  test('the default budget is 128 MiB', () => {
    expect(REPORT_BUDGET_BYTES).toBe(128 * 1024 * 1024);
  });
});
