/**
 * The verify level: an implementation's verdict on a presented signature, against the
 * reference and the vector's stated result.
 *
 * @module
 */
import type { VerifyAnswer } from '../model.js';
import { referenceVerdict } from '../reference.js';
import { brokenJudgement, describeAnswer } from './describe.js';
import type { Judgement } from './judgement.js';

/**
 * Judges a verify answer against the reference verdict and the vector's stated result,
 * which agree: every vector file is checked against the reference before a run
 * (`vector-check.ts`), so a judge never meets a vector that contradicts it.
 *
 * @throws Never.
 * @example
 * ```ts
 * judgeVerify(body, secret, sig, 'valid', { kind: 'verdict', valid: true }).outcome; // 'pass'
 * ```
 */
export function judgeVerify(
  body: Uint8Array,
  secret: Uint8Array,
  presented: string,
  stated: 'valid' | 'invalid',
  answer: VerifyAnswer,
): Judgement {
  const reference = referenceVerdict(body, presented, secret);
  const expected = reference === undefined ? 'refuse' : reference ? 'valid' : 'invalid';
  const actual = describeAnswer(answer);
  switch (answer.kind) {
    case 'unrepresentable':
      return { outcome: 'unrepresentable', expected, actual, detail: answer.reason };
    case 'broken':
      return brokenJudgement(answer, expected);
    case 'refused':
      return reference === undefined || stated === 'invalid'
        ? { outcome: 'pass', expected, actual, detail: 'refused, which counts as not valid' }
        : {
            outcome: 'fail',
            expected,
            actual,
            detail: 'refused a valid signature',
            cause: 'refused-valid-input',
            explanation: 'refused a valid signature',
          };
    case 'verdict': {
      const said = answer.valid ? 'valid' : 'invalid';
      if (said === stated) return { outcome: 'pass', expected, actual, detail: '' };
      const cause = answer.valid ? 'accepts-invalid-signature' : 'rejects-valid-signature';
      const explanation = answer.valid
        ? `accepted the presented signature ${JSON.stringify(presented)}, which the server refuses`
        : 'rejected the exact lowercase signature';
      return { outcome: 'fail', expected, actual, detail: explanation, cause, explanation };
    }
  }
}
