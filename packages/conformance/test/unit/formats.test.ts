/** The report format registry is what the CLI accepts and documents. Nothing spawned. */
import { describe, expect, test } from 'vitest';
import { HELP, parseRunOptions } from '../../src/cli/options.js';
import { FORMATS, formatNames, REPORT_FORMATS } from '../../src/reports/formats.js';
import { paintFor } from '../../src/reports/style.js';
import { renderReport } from '../../src/reports/terminal.js';
import { cell, column, report } from './fixtures.js';

describe('report formats', () => {
  test.each(REPORT_FORMATS)('--report %s=PATH is accepted and listed in --help', (name) => {
    const options = parseRunOptions(['--report', `${name}=/tmp/out.${name}`], {});
    expect(options.reports).toEqual([{ format: name, path: `/tmp/out.${name}` }]);
    expect(HELP).toContain(`  ${name.padEnd(24)} ${FORMATS[name].description}`);
    expect(typeof FORMATS[name].render(report())).toBe('string');
  });

  test('an unknown format is refused with the registry list', () => {
    expect(() => parseRunOptions(['--report', 'pdf=x.pdf'], {})).toThrow(
      `FORMAT one of ${REPORT_FORMATS.join(', ')}`,
    );
    expect(formatNames()).toBe('json, junit, markdown or html');
    expect(HELP).toContain(`write ${formatNames()} (repeatable)`);
  });

  // Every format shows the headline: a run with a column that could not run is never OK.
  test.each(REPORT_FORMATS)('%s says INCOMPLETE with the count and the install line', (name) => {
    // JSON carries the same as data: summary.verdict and summary.incomplete.
    const incomplete = report({
      columns: [
        column('python/utf8'),
        column('ruby/utf8', { available: false, install: 'apt-get install ruby' }),
      ],
      results: [cell('python/utf8', 'v1', 'pass')],
    });
    const text = FORMATS[name].render(incomplete);
    if (name === 'json') {
      expect(JSON.parse(text).summary).toMatchObject({
        verdict: 'INCOMPLETE',
        incomplete: { unavailableColumns: 1, columns: 2, install: ['apt-get install ruby'] },
      });
      return;
    }
    expect(text).toContain('INCOMPLETE');
    expect(text).toContain('1 of 2 columns unavailable, not judged; install: apt-get install ruby');
    expect(text).not.toMatch(/\bOK\b/);
  });

  test('the terminal says INCOMPLETE too', () => {
    const incomplete = report({
      columns: [
        column('python/utf8'),
        column('ruby/utf8', { available: false, install: 'apt-get install ruby' }),
      ],
      results: [cell('python/utf8', 'v1', 'pass')],
    });
    const text = renderReport(incomplete, paintFor({ isTTY: false }));
    expect(text).toMatch(/^INCOMPLETE: 1 pass/m);
    expect(text).toContain(
      'INCOMPLETE: 1 of 2 columns unavailable, not judged; install: apt-get install ruby',
    );
  });
});
