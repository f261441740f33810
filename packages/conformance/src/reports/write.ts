/**
 * Writes a report in each requested format.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATS, type ReportFormat } from './formats.js';
import type { Report } from './report.js';

/**
 * Writes every `{format, path}`, each on its own: one that fails does not stop the
 * others. A missing directory is created when its parent exists (the paths were checked
 * by `checkReportTargets` before the run). Returns what could not be written, one line
 * each; never throws.
 *
 * @example
 * ```ts
 * const failures = writeReports(report, [{ format: 'json', path: 'report.json' }]);
 * ```
 */
export function writeReports(
  report: Report,
  targets: ReadonlyArray<{ format: ReportFormat; path: string }>,
): string[] {
  const failures: string[] = [];
  for (const target of targets) {
    const path = resolve(target.path);
    try {
      mkdirSync(dirname(path));
    } catch {}
    try {
      writeFileSync(path, FORMATS[target.format].render(report));
    } catch (error) {
      failures.push(`${target.format} report ${path}: ${(error as Error).message}`);
    }
  }
  return failures;
}
