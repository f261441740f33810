/**
 * One case's cell from its judgements: every level's failure is matched against the
 * expectations on its own, and the cell is a failure when any of them is news.
 *
 * @module
 */

import { applyExpectation, type ColumnExpectations } from '../expectations/match.js';
import type { LevelJudgement } from '../judges/judgement.js';
import type { Outcome } from '../model.js';

/** A failing level's judgement with the outcome its expectation gave it (`fail`, `error`, `xfail`). */
export interface SettledFailure extends LevelJudgement {
  settled: Outcome;
  /** The expectations file's explanation, when an entry expects this failure. */
  expectedExplanation?: string;
}

/** A case settled against its column's expectations. */
export interface SettledCase {
  outcome: Outcome;
  /** The judgement the cell shows: the first unexpected failure, else the first failure, else the verdict. */
  headline: LevelJudgement;
  /** Every level that failed, in judging order. */
  failures: SettledFailure[];
}

const failing = (j: LevelJudgement) => j.outcome === 'fail' || j.outcome === 'error';

/**
 * Settles the judgements of case `id` (tagged `tags`) against `expectations`.
 *
 * @throws Error when `judgements` is empty: every case is judged at one level at least.
 * @example
 * ```ts
 * settleCase('call-room-create-answer', ['call'], judgements, expectations).outcome; // 'xfail'
 * ```
 */
export function settleCase(
  id: string,
  tags: readonly string[],
  judgements: readonly LevelJudgement[],
  expectations: ColumnExpectations,
): SettledCase {
  const [first] = judgements;
  if (!first) throw new Error(`case ${id} has no judgement`);
  const failures = judgements.filter(failing).map((j): SettledFailure => {
    const expectation = expectations.forVector(id, tags, j.cause);
    const settled = applyExpectation(j.outcome, id, expectation, j.cause);
    return {
      ...j,
      settled,
      ...(settled === 'xfail' && expectation
        ? { expectedExplanation: expectation.explanation }
        : {}),
    };
  });
  if (failures.length === 0) {
    const headline = judgements.find((j) => j.outcome === 'unrepresentable') ?? first;
    const expectation = expectations.forVector(id, tags, undefined);
    return {
      outcome: applyExpectation(headline.outcome, id, expectation, undefined),
      headline,
      failures,
    };
  }
  const news = failures.find((f) => f.settled !== 'xfail');
  const headline = news ?? (failures[0] as SettledFailure);
  return { outcome: news ? news.settled : 'xfail', headline, failures };
}
