/**
 * Folds cell results and property findings into the findings list: one entry per cause
 * per column, shown with its smallest input, written for the doc maintainer.
 *
 * @module
 */
import type { Vector } from '@plugnmeet-signing/vectors';
import { cellKey, columnKey } from '../column-key.js';
import { correctionOf } from '../corrections/catalog.js';
import type { Outcome } from '../model.js';
import { bytesField } from './bytes-field.js';
import type { Finding, PropertyFinding, ReportColumn, ReportResult } from './report.js';
import { cutText } from './shown-value.js';

/**
 * The outcomes a finding is made of. Only cells with one of them keep the bytes an
 * implementation sent: a passing cell's bytes would be shown nowhere.
 *
 * @example
 * ```ts
 * FINDING_OUTCOMES.has('pass'); // false
 * ```
 */
export const FINDING_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'error', 'xfail']);

/** Builds the findings list of a run. */
export function collectFindings(
  columns: readonly ReportColumn[],
  results: readonly ReportResult[],
  propertyFindings: readonly PropertyFinding[],
  vectorsById: ReadonlyMap<string, Vector>,
  explanations: ReadonlyMap<string, string>,
): Finding[] {
  const columnById = new Map<string, ReportColumn>(columns.map((c) => [columnKey(c), c]));
  // A divergence of a documented snippet is shown with the reason of its correction: from a
  // corrected column of this run, else from the corrections catalog.
  const corrections = new Map<string, string>();
  for (const c of columns) {
    if (c.correctionOf && c.correctionReason) corrections.set(c.correctionOf, c.correctionReason);
  }
  const correctionFor = (implementation: string): { correction?: string } => {
    const reason = corrections.get(implementation) ?? correctionOf(implementation)?.reason;
    return reason ? { correction: reason } : {};
  };
  const groups = new Map<string, ReportResult[]>();
  for (const result of results) {
    if (!FINDING_OUTCOMES.has(result.outcome)) continue;
    const key = cellKey(result, result.cause ?? 'unexplained');
    const group = groups.get(key);
    if (group) group.push(result);
    else groups.set(key, [result]);
  }
  const findings: Finding[] = [];
  for (const [key, cells] of groups) {
    const [columnId = '', cause = 'unexplained'] = key.split('\u0000');
    const column = columnById.get(columnId);
    const first = cells[0] as ReportResult;
    const size = (r: ReportResult) => {
      const v = vectorsById.get(r.vector);
      return v ? v.body.length + v.secret.length : Number.MAX_SAFE_INTEGER;
    };
    const smallest = [...cells].sort(
      (a, b) => size(a) - size(b) || a.vector.localeCompare(b.vector),
    )[0] as ReportResult;
    const vector = vectorsById.get(smallest.vector);
    const unexpected = cells.some((c) => c.outcome !== 'xfail');
    findings.push({
      implementation: smallest.implementation,
      environment: smallest.environment,
      environmentLabel: column?.environmentLabel ?? smallest.environment,
      ...(column?.runtimeVersion ? { runtimeVersion: column.runtimeVersion } : {}),
      outcome: unexpected ? (cells.find((c) => c.outcome !== 'xfail')?.outcome ?? 'fail') : 'xfail',
      cause,
      explanation: cutText(explanations.get(cellKey(first, cause)) ?? smallest.detail),
      vectors: cells.map((c) => c.vector),
      minimal: {
        // A call or webhook cell has no vector: what the SDK sent, or was handed, instead.
        body: vector ? bytesField(vector.body) : (smallest.sent ?? { hex: '' }),
        secret: vector ? bytesField(vector.secret) : { hex: '' },
      },
      expected: smallest.expected,
      actual: smallest.actual,
      expectedFailure: !unexpected,
      ...correctionFor(smallest.implementation),
    });
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
