/**
 * The sign level: the signature an implementation computed, against the reference, with
 * the cause of a divergence reproduced.
 *
 * @module
 */
import { diagnose } from '../diagnosis/diagnose.js';
import type { SignAnswer } from '../model.js';
import { referenceSignature } from '../reference.js';
import { emptyKeyMac } from '../vector-check.js';
import { brokenJudgement, describeAnswer } from './describe.js';
import type { Judgement } from './judgement.js';

/**
 * Judges a sign answer. `refusalAcceptable` marks inputs a vector allows to be refused;
 * the reference itself refuses only the empty secret.
 */
export function judgeSign(
  body: Uint8Array,
  secret: Uint8Array,
  answer: SignAnswer,
  refusalAcceptable = false,
  reference: string | undefined = referenceSignature(body, secret),
): Judgement {
  const expected = reference ?? 'refuse';
  const actual = describeAnswer(answer);
  switch (answer.kind) {
    case 'unrepresentable':
      return { outcome: 'unrepresentable', expected, actual, detail: answer.reason };
    case 'broken':
      return brokenJudgement(answer, expected);
    case 'refused':
      if (reference === undefined || refusalAcceptable) {
        return { outcome: 'pass', expected, actual, detail: 'refused, which this input allows' };
      }
      return {
        outcome: 'fail',
        expected,
        actual,
        detail: `refused an input the reference signs: ${answer.message}`,
        cause: 'refused-valid-input',
        explanation: `refused an input the reference signs (${answer.message})`,
      };
    case 'signature': {
      if (answer.signature === reference) return { outcome: 'pass', expected, actual, detail: '' };
      if (reference === undefined) {
        // Only the empty secret is refused by the reference; signing it is allowed by
        // the vectors (refusal "acceptable"), and then the MAC must be the true one.
        const trueMac = refusalAcceptable ? emptyKeyMac(body) : undefined;
        if (trueMac === answer.signature) {
          return {
            outcome: 'pass',
            expected,
            actual,
            detail: 'signed an input the reference refuses; the MAC is right',
          };
        }
        const diagnosis = diagnose(body, secret, answer.signature);
        if (diagnosis) {
          return {
            outcome: 'fail',
            expected: trueMac ?? expected,
            actual,
            detail: diagnosis.explanation,
            cause: diagnosis.id,
            explanation: diagnosis.explanation,
          };
        }
        return {
          outcome: 'fail',
          expected: trueMac ?? expected,
          actual,
          detail: 'signed with an empty secret, and the MAC is wrong',
          cause: 'unexplained',
          explanation: 'signed with an empty secret, and the MAC is wrong',
        };
      }
      const diagnosis = diagnose(body, secret, answer.signature);
      return {
        outcome: 'fail',
        expected,
        actual,
        detail:
          diagnosis?.explanation ??
          'no known transformation of the input reproduces this signature',
        cause: diagnosis?.id ?? 'unexplained',
        explanation:
          diagnosis?.explanation ??
          'no known transformation of the input reproduces this signature',
      };
    }
  }
}
