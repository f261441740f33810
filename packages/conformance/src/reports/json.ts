/**
 * Reading and writing the JSON report.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { ConformanceError } from '../errors.js';
import { REPORT_FORMAT_VERSION, type Report } from './report.js';

/** The report as JSON text. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Reads a JSON report written by this tool (for `merge` and re-rendering).
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_REPORT` naming the file and what is wrong.
 */
export function readJsonReport(path: string): Report {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_REPORT',
      `${path}: not readable JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  const report = json as Partial<Report>;
  if (report?.formatVersion !== REPORT_FORMAT_VERSION) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_REPORT',
      `${path}: /formatVersion: expected ${REPORT_FORMAT_VERSION}`,
    );
  }
  for (const key of [
    'columns',
    'results',
    'findings',
    'properties',
    'propertyFindings',
    'vectorFiles',
  ] as const) {
    if (!Array.isArray(report[key])) {
      throw new ConformanceError('ERR_CONFORMANCE_REPORT', `${path}: /${key}: expected an array`);
    }
  }
  return report as Report;
}
