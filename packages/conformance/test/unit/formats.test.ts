/** The report format registry is what the CLI accepts and documents. Nothing spawned. */
import { describe, expect, test } from 'vitest';
import { HELP, parseRunOptions } from '../../src/cli/options.js';
import { FORMATS, formatNames, REPORT_FORMATS } from '../../src/reports/formats.js';
import { report } from './fixtures.js';

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
});
