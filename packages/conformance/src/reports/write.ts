/**
 * Writes a report in each requested format.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ReportFormat } from '../cli/options.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './report.js';

const RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  json: renderJson,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

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
      writeFileSync(path, RENDERERS[target.format](report));
    } catch (error) {
      failures.push(`${target.format} report ${path}: ${(error as Error).message}`);
    }
  }
  return failures;
}
