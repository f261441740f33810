/**
 * Folds cell results and property findings into the findings list: one entry per cause
 * per column, shown with its smallest input, written for the doc maintainer. Everything a
 * finding shows travels in the cells themselves: nothing is fetched back from the vectors
 * or the expectations after the run.
 *
 * @module
 */
import { columnKey } from '../column-key.js';
import { type CellFailure, cellFailures } from './cell-failures.js';
import type { Finding, PropertyFinding, ReportColumn, ReportResult } from './report.js';
import { type BytesShown, cutText, fullSize } from './shown-value.js';

const NO_BYTES: BytesShown = { hex: '' };

/**
 * Builds the findings list of a run.
 *
 * @param corrections The reason of each documented snippet's correction, by the snippet's
 *   implementation id, for snippets whose corrected column did not run (a run's own
 *   corrected columns say theirs).
 * @throws Never.
 * @example
 * ```ts
 * const findings = collectFindings(report.columns, report.results, report.propertyFindings, new Map());
 * ```
 */
export function collectFindings(
  columns: readonly ReportColumn[],
  results: readonly ReportResult[],
  propertyFindings: readonly PropertyFinding[],
  corrections: ReadonlyMap<string, string>,
): Finding[] {
  const columnById = new Map<string, ReportColumn>(columns.map((c) => [columnKey(c), c]));
  // A divergence of a documented snippet is shown with the reason of its correction: from a
  // corrected column of this run, else from what the caller knows of corrections.
  const reasons = new Map(corrections);
  for (const c of columns) {
    if (c.correctionOf && c.correctionReason) reasons.set(c.correctionOf, c.correctionReason);
  }
  const correctionFor = (implementation: string): { correction?: string } => {
    const reason = reasons.get(implementation);
    return reason ? { correction: reason } : {};
  };
  // Grouped by column, then cause: structured keys, never a joined string split again.
  const groups = new Map<ReportColumn | string, Map<string, CellFailure[]>>();
  for (const failure of results.flatMap(cellFailures)) {
    const column = columnById.get(columnKey(failure.result)) ?? columnKey(failure.result);
    const byCause = groups.get(column) ?? new Map<string, CellFailure[]>();
    groups.set(column, byCause);
    byCause.set(failure.cause, [...(byCause.get(failure.cause) ?? []), failure]);
  }
  const size = (f: CellFailure) => {
    const minimal = f.result.minimal;
    return minimal ? fullSize(minimal.body) + fullSize(minimal.secret) : Number.MAX_SAFE_INTEGER;
  };
  const findings: Finding[] = [];
  for (const [column, byCause] of groups) {
    for (const [cause, cells] of byCause) {
      const smallest = [...cells].sort(
        (a, b) => size(a) - size(b) || a.result.vector.localeCompare(b.result.vector),
      )[0] as CellFailure;
      const shown = smallest.result;
      const unexpected = cells.find((c) => c.outcome !== 'xfail');
      const known = typeof column === 'string' ? undefined : column;
      findings.push({
        implementation: shown.implementation,
        environment: shown.environment,
        environmentLabel: known?.environmentLabel ?? shown.environment,
        ...(known?.runtimeVersion ? { runtimeVersion: known.runtimeVersion } : {}),
        outcome: unexpected ? unexpected.outcome : 'xfail',
        cause,
        explanation: cutText(
          cells.find((c) => c.outcome === 'xfail')?.explanation ?? smallest.explanation,
        ),
        vectors: cells.map((c) => c.result.vector),
        minimal: {
          body: shown.minimal?.body ?? NO_BYTES,
          secret: shown.minimal?.secret ?? NO_BYTES,
        },
        expected: shown.expected,
        actual: shown.actual,
        expectedFailure: !unexpected,
        ...correctionFor(shown.implementation),
      });
    }
  }
  for (const found of propertyFindings) {
    const column = columnById.get(columnKey(found));
    findings.push({
      implementation: found.implementation,
      environment: found.environment,
      environmentLabel: column?.environmentLabel ?? found.environment,
      ...(column?.runtimeVersion ? { runtimeVersion: column.runtimeVersion } : {}),
      outcome: found.outcome,
      cause: found.cause ?? 'unexplained',
      explanation: cutText(found.explanation),
      vectors: ['property'],
      minimal: { body: found.body, secret: found.secret },
      expected: cutText(found.expected),
      actual: cutText(found.actual),
      expectedFailure: false,
      ...correctionFor(found.implementation),
    });
  }
  return findings.sort((a, b) =>
    `${a.implementation}/${a.environment}/${a.cause}`.localeCompare(
      `${b.implementation}/${b.environment}/${b.cause}`,
    ),
  );
}
