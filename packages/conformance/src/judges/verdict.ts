/**
 * How a protocol v2 judge phrases its verdict: the expected and actual texts of a case are
 * fixed once, and each outcome only adds its cause and detail.
 *
 * @module
 */
import type { Judgement } from './judgement.js';

/** Makes a {@link Judgement} of one case from an outcome, an optional cause and a detail. */
export type Verdict = (
  outcome: Judgement['outcome'],
  cause: string | undefined,
  detail: string,
) => Judgement;

/**
 * The verdict maker for a case whose expected and actual answers are `expected`, `actual`.
 *
 * @throws Never.
 * @example
 * ```ts
 * const verdict = verdictFor('valid', 'invalid: expired');
 * verdict('fail', 'rejected-genuine', 'refused a genuine delivery');
 * ```
 */
export function verdictFor(expected: string, actual: string): Verdict {
  return (outcome, cause, detail) => ({
    outcome,
    expected,
    actual,
    detail,
    ...(cause ? { cause } : {}),
  });
}
