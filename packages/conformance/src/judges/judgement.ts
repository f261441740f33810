/**
 * What a judge says of one level of one case: the floor every level's judge writes in and
 * the runner, the expectations and the reports read.
 *
 * @module
 */

/**
 * The levels a case is judged at. A case may fail at several at once (a call whose request
 * the server would refuse *and* whose answer the SDK misreads): each level's judge runs on
 * the same trace, and each failure is its own finding.
 */
export type Level = 'sign' | 'verify' | 'wire' | 'request' | 'answer' | 'webhook';

/** An outcome before expectations are applied. */
export interface Judgement {
  outcome: 'pass' | 'fail' | 'error' | 'unrepresentable';
  expected: string;
  actual: string;
  detail: string;
  /** Reproduced cause id for a divergence; `broken` for errors; `unexplained` otherwise. */
  cause?: string;
  explanation?: string;
  /** Protocol v2: the bytes the SDK sent (a call's body) or was handed (a webhook's). */
  sent?: Uint8Array;
}

/** A judgement and the level it was made at. */
export interface LevelJudgement extends Judgement {
  level: Level;
}

/**
 * The judgements of one case, at every level that applies, in the order the report shows
 * them: the first failing one is the cell's headline.
 */
export type CaseJudgements = readonly LevelJudgement[];

/**
 * `judgement` made at `level`.
 *
 * @throws Never.
 * @example
 * ```ts
 * atLevel('wire', judgeWire(body, secret, sent)).level; // 'wire'
 * ```
 */
export function atLevel(level: Level, judgement: Judgement): LevelJudgement {
  return { ...judgement, level };
}
