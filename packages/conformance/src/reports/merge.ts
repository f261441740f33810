/**
 * Joins the JSON reports of `--shard i/n` runs into one report, from which every other
 * format can be rendered.
 *
 * @module
 */
import { ConformanceError } from '../errors.js';
import type { Outcome } from '../model.js';
import type { Report } from './report.js';

/**
 * Merges shard reports: columns are united (a column available in any shard is
 * available), results, property summaries and findings are concatenated.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_REPORT` when the reports come from
 * different tool versions or vector sets, or when no report is given.
 * @example
 * ```ts
 * const merged = mergeReports([readJsonReport('shard-1.json'), readJsonReport('shard-2.json')]);
 * ```
 */
export function mergeReports(reports: readonly Report[]): Report {
  const [first] = reports;
  if (!first) throw new ConformanceError('ERR_CONFORMANCE_REPORT', 'merge needs at least one report');
  const vectorKey = (r: Report) => JSON.stringify(r.vectorFiles.map((f) => [f.name, f.formatVersion, f.vectors]));
  for (const report of reports) {
    if (report.tool.version !== first.tool.version || vectorKey(report) !== vectorKey(first)) {
      throw new ConformanceError('ERR_CONFORMANCE_REPORT', 'reports to merge must come from the same tool version and vector files');
    }
  }
  const columns = new Map<string, Report['columns'][number]>();
  for (const column of reports.flatMap((r) => r.columns)) {
    const known = columns.get(column.id);
    if (!known || (!known.available && column.available)) columns.set(column.id, column);
  }
  const results = reports.flatMap((r) => r.results);
  const counts = { pass: 0, fail: 0, error: 0, unrepresentable: 0, unavailable: 0, xfail: 0, xpass: 0 } as Record<Outcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  const staleExpectations = reports.flatMap((r) => r.staleExpectations);
  const propertyFindings = reports.flatMap((r) => r.propertyFindings);
  return {
    ...first,
    startedAt: reports.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    durationMs: Math.max(...reports.map((r) => r.durationMs)),
    columns: [...columns.values()],
    results,
    properties: reports.flatMap((r) => r.properties),
    propertyFindings,
    findings: reports.flatMap((r) => r.findings),
    staleExpectations,
    summary: { ...counts, ok: reports.every((r) => r.summary.ok) },
  };
}
