/**
 * `--update-expectations`: rewrites the expectations file from what a run observed,
 * keeping the human explanations already written for causes that still occur.
 *
 * @module
 */

import { cellKey, columnKey } from '../column-key.js';
import type { Expectation, ExpectationsFile } from '../expectations/file.js';
import { cellFailures } from './cell-failures.js';
import type { Report } from './report.js';

/**
 * The expectations that make `report` pass: one entry per (column, cause), listing the
 * vectors that diverge (or `*` when every vector of the column does), and `property`
 * when the search met the cause. Entries of columns that did not run are kept as they were.
 */
export function expectationsFromReport(
  report: Report,
  previous: ExpectationsFile,
): ExpectationsFile {
  const ran = new Set(report.columns.filter((c) => c.available).map(columnKey));
  const kept = previous.expectations.filter((e) => !ran.has(columnKey(e)));
  const explanationOf = (
    implementation: string,
    environment: string,
    cause: string,
    fallback: string,
  ) =>
    previous.expectations.find(
      (e) =>
        e.implementation === implementation && e.environment === environment && e.cause === cause,
    )?.explanation ?? fallback;

  const entries = new Map<string, Expectation>();
  const perColumn = new Map<string, number>();
  for (const result of report.results) {
    const key = columnKey(result);
    perColumn.set(key, (perColumn.get(key) ?? 0) + 1);
  }
  // Every failing level of a case is its own entry: a case that fails at two levels is
  // listed under both causes.
  for (const { result, cause, explanation } of report.results.flatMap(cellFailures)) {
    const key = cellKey(result, cause);
    const entry = entries.get(key) ?? {
      implementation: result.implementation,
      environment: result.environment,
      cause,
      explanation: explanationOf(
        result.implementation,
        result.environment,
        cause,
        explanation.split('\n')[0] ?? cause,
      ),
      vectors: [],
    };
    entry.vectors.push(result.vector);
    entries.set(key, entry);
  }
  for (const entry of entries.values()) {
    if (entry.vectors.length === perColumn.get(columnKey(entry))) entry.vectors = ['*'];
  }
  const propertyCauses = [
    ...report.propertyFindings.map((f) => ({ ...f, cause: f.cause ?? 'unexplained' })),
    ...report.properties.flatMap((p) =>
      p.metCauses.map((cause) => ({
        implementation: p.implementation,
        environment: p.environment,
        cause,
        explanation: cause,
      })),
    ),
  ];
  for (const found of propertyCauses) {
    const key = cellKey(found, found.cause);
    const entry = entries.get(key) ?? {
      implementation: found.implementation,
      environment: found.environment,
      cause: found.cause,
      explanation: explanationOf(
        found.implementation,
        found.environment,
        found.cause,
        found.explanation,
      ),
      vectors: [],
    };
    entry.property = true;
    entries.set(key, entry);
  }
  return { ...previous, expectations: [...kept, ...entries.values()] };
}
