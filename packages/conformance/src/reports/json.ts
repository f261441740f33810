/**
 * Reading and writing the JSON report, whose shape `schemas/report.json` describes.
 *
 * @module
 */
import { ConformanceError, isConformanceError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import { checkFile } from '../schemas/check-file.js';
import type { Report } from './report.js';
import { REPORT_BUDGET_BYTES } from './report-budget.js';

/**
 * The report as JSON text, valid under `schemas/report.json`.
 *
 * @throws Never.
 * @example
 * ```ts
 * writeFileSync('report.json', renderJson(report));
 * ```
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Reads a JSON report written by this tool (for `merge`, `render` and docs-patch) and
 * validates it against `schemas/report.json`.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_REPORT` naming the file and the JSON Pointer
 * at fault (`r.json: /results/3/outcome: expected one of pass, …, got "maybe"`).
 * @example
 * ```ts
 * const merged = mergeReports(['shard-1.json', 'shard-2.json'].map(readJsonReport));
 * ```
 */
export function readJsonReport(path: string): Report {
  let json: unknown;
  try {
    json = JSON.parse(readInputFile(path, 'ERR_CONFORMANCE_REPORT', REPORT_BUDGET_BYTES));
  } catch (cause) {
    if (isConformanceError(cause)) throw cause;
    throw new ConformanceError(
      'ERR_CONFORMANCE_REPORT',
      `${path}: not readable JSON: ${(cause as Error).message}`,
      { cause, file: path },
    );
  }
  return checkFile<Report>('report', json, path, 'ERR_CONFORMANCE_REPORT');
}
