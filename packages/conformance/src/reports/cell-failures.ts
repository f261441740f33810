/**
 * Every failing level of a cell, each its own finding: the one list that the findings, the
 * expectations an update writes, and anything else that counts causes read.
 *
 * @module
 */
import { FINDING_OUTCOMES, type Outcome } from '../model.js';
import type { ReportResult } from './report.js';

/** One failing level of a cell: the cell itself, or each of its `judgements`. */
export interface CellFailure {
  result: ReportResult;
  outcome: Outcome;
  cause: string;
  /** The expectations file's words for an expected failure, else the judge's. */
  explanation: string;
}

/**
 * The failing levels of `result`: each of its `judgements` that failed, or the cell itself
 * when it failed at one level only.
 *
 * @throws Never.
 * @example
 * ```ts
 * cellFailures(result).map((f) => f.cause); // ['signature-mismatch', 'wrong-answer-kind']
 * ```
 */
export function cellFailures(result: ReportResult): CellFailure[] {
  if (result.judgements) {
    return result.judgements
      .filter((j) => FINDING_OUTCOMES.has(j.outcome))
      .map((j) => ({ result, outcome: j.outcome, cause: j.cause, explanation: j.detail }));
  }
  if (!FINDING_OUTCOMES.has(result.outcome)) return [];
  return [
    {
      result,
      outcome: result.outcome,
      cause: result.cause ?? 'unexplained',
      explanation: result.explanation ?? result.detail,
    },
  ];
}
