/**
 * The report formats, in one registry: the CLI takes its list of `--report` formats and its
 * `--help` line from here, and the writer its renderers. A new format is its renderer and
 * one entry.
 *
 * @module
 */
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './report.js';

/** One format: how to render a report, and a few words for `--help`. */
export interface ReportFormatSpec {
  render(report: Report): string;
  description: string;
}

/** Every format, in `--help` order. */
export const FORMATS = {
  json: { render: renderJson, description: 'the whole report (for merge and render)' },
  junit: { render: renderJunit, description: 'one test case per cell, for CI test views' },
  markdown: { render: renderMarkdown, description: 'the matrix and findings, for a PR comment' },
  html: { render: renderHtml, description: 'one self-contained page with filters' },
} as const satisfies Record<string, ReportFormatSpec>;

/** A format's name, e.g. `junit`. */
export type ReportFormat = keyof typeof FORMATS;

/** The format names, in registry order. */
export const REPORT_FORMATS = Object.keys(FORMATS) as ReportFormat[];

/**
 * The names as prose: `json, junit, markdown or html`.
 *
 * @example
 * ```ts
 * `--report FORMAT=PATH  write ${formatNames()}`;
 * ```
 */
export function formatNames(): string {
  const names = [...REPORT_FORMATS];
  const last = names.pop();
  return names.length > 0 ? `${names.join(', ')} or ${last}` : (last ?? '');
}
