/**
 * Writes a report in each requested format, each held to the report size budget.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATS, type ReportFormat } from './formats.js';
import type { Report } from './report.js';
import { REPORT_BUDGET_BYTES } from './report-budget.js';

/** The rendered report, or why it is not written (over the budget, or too large to render). */
function rendered(format: ReportFormat, report: Report, budget: number): string | Error {
  let text: string;
  try {
    text = FORMATS[format].render(report);
  } catch (error) {
    // V8 refuses strings past about 512 MiB: far over any budget.
    if (error instanceof RangeError)
      return new Error(
        `too large to render (${error.message}), over the report budget of ${budget} bytes`,
      );
    throw error;
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > budget)
    return new Error(
      `${bytes} bytes, over the report budget of ${budget} bytes: not written (narrow the run with --only, --skip or fewer vectors)`,
    );
  return text;
}

/**
 * Writes every `{format, path}`, each on its own: one that fails does not stop the
 * others. A missing directory is created when its parent exists (the paths were checked
 * by `checkReportTargets` before the run). A report over `budget` bytes is not written and
 * says so. Returns what could not be written, one line each; never throws.
 *
 * @example
 * ```ts
 * const failures = writeReports(report, [{ format: 'json', path: 'report.json' }]);
 * ```
 */
export function writeReports(
  report: Report,
  targets: ReadonlyArray<{ format: ReportFormat; path: string }>,
  budget: number = REPORT_BUDGET_BYTES,
): string[] {
  const failures: string[] = [];
  for (const target of targets) {
    const path = resolve(target.path);
    try {
      mkdirSync(dirname(path));
    } catch {}
    try {
      const text = rendered(target.format, report, budget);
      if (text instanceof Error) throw text;
      writeFileSync(path, text);
    } catch (error) {
      failures.push(`${target.format} report ${path}: ${(error as Error).message}`);
    }
  }
  return failures;
}
