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

/** Writes every `{format, path}`; directories are created as needed. */
export function writeReports(
  report: Report,
  targets: ReadonlyArray<{ format: ReportFormat; path: string }>,
): void {
  for (const target of targets) {
    const path = resolve(target.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, RENDERERS[target.format](report));
  }
}
