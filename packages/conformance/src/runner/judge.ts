/**
 * Turns an implementation's answer into an outcome, by comparing with the reference and,
 * on a divergence, reproducing its cause.
 *
 * @module
 */
import { diagnose } from '../diagnosis/diagnose.js';
import { SENT_BODY_TRANSFORMS } from '../diagnosis/wire-transforms.js';
import { ConformanceError } from '../errors.js';
import type { SignAnswer, VerifyAnswer } from '../model.js';
import { referenceSignature, referenceVerdict } from '../reference.js';
import { sameBytes } from '../values/bytes.js';
import { emptyKeyMac } from '../vector-check.js';

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

function describeAnswer(answer: SignAnswer | VerifyAnswer): string {
  switch (answer.kind) {
    case 'signature':
      return answer.signature;
    case 'verdict':
      return answer.valid ? 'valid' : 'invalid';
    case 'refused':
      return `refused: ${answer.message}`;
    case 'unrepresentable':
      return `unrepresentable: ${answer.reason}`;
    case 'broken':
      return `broken: ${answer.message}`;
  }
}

function brokenJudgement(
  answer: { message: string; stderrTail: string },
  expected: string,
): Judgement {
  const stderr = answer.stderrTail.trim();
  return {
    outcome: 'error',
    expected,
    actual: `broken: ${answer.message}`,
    detail: stderr ? `${answer.message}\nstderr: ${stderr.slice(-600)}` : answer.message,
    cause: 'broken',
    explanation: answer.message,
  };
}

/**
 * Judges a sign answer. `refusalAcceptable` marks inputs a vector allows to be refused;
 * the reference itself refuses only the empty secret.
 */
export function judgeSign(
  body: Uint8Array,
  secret: Uint8Array,
  answer: SignAnswer,
  refusalAcceptable = false,
): Judgement {
  const reference = referenceSignature(body, secret);
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
      if (answer.sent !== undefined) {
        return judgeWire(body, secret, { ...answer, sent: answer.sent }, refusalAcceptable);
      }
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

type WireAnswer = Extract<SignAnswer, { kind: 'signature' }> & { sent: Uint8Array };

function describeWire(answer: WireAnswer, body: Uint8Array): string {
  const parts = [answer.signature === '' ? '(no HASH-SIGNATURE)' : answer.signature];
  if (!sameBytes(answer.sent, body)) {
    const hex = Buffer.from(answer.sent.subarray(0, 48)).toString('hex');
    parts.push(
      `sent ${answer.sent.length} bytes${answer.sent.length > 0 ? ` (hex ${hex}${answer.sent.length > 48 ? '…' : ''})` : ''}`,
    );
  }
  if (answer.serverRefusal) parts.push(`server: ${answer.serverRefusal}`);
  return parts.join('; ');
}

/**
 * A wire column's answer: the signature header and the body bytes that reached the test
 * server, and whether it accepted them. The bytes must be the input's, and the signature
 * right; a difference in the bytes is explained by the body transform that reproduces them.
 */
function judgeWire(
  body: Uint8Array,
  secret: Uint8Array,
  answer: WireAnswer,
  refusalAcceptable: boolean,
): Judgement {
  const expected = referenceSignature(body, secret) ?? 'refuse';
  const actual = describeWire(answer, body);
  const server = answer.serverRefusal
    ? `the server answered ${answer.serverRefusal}`
    : 'the server accepted it';
  if (!sameBytes(answer.sent, body)) {
    const transform = SENT_BODY_TRANSFORMS.find((t) => {
      const out = t.apply(body);
      return out !== undefined && sameBytes(out, answer.sent);
    });
    const coversSent = referenceSignature(answer.sent, secret) === answer.signature;
    const coversInput = expected === answer.signature;
    const why =
      transform?.explanation ??
      `${answer.sent.length} bytes arrived where the input has ${body.length}, and no known transformation of the input reproduces them`;
    const signed = coversInput
      ? 'the signature covers the input'
      : coversSent
        ? 'the signature covers the bytes sent'
        : 'the signature covers neither the input nor the bytes sent';
    const explanation = `${coversSent && !coversInput ? 'bytes sent ≠ the input' : 'bytes sent ≠ bytes signed'}: ${why}; ${signed}; ${server}`;
    return {
      outcome: 'fail',
      expected,
      actual,
      detail: explanation,
      cause: transform?.id ?? 'unexplained',
      explanation,
    };
  }
  const signed = judgeSign(
    body,
    secret,
    { kind: 'signature', signature: answer.signature },
    refusalAcceptable,
  );
  if (signed.outcome === 'pass') {
    if (!answer.serverRefusal) return { ...signed, actual };
    const explanation = `the exact bytes and the right signature arrived, yet ${server}`;
    return {
      outcome: 'fail',
      expected,
      actual,
      detail: explanation,
      cause: 'server-refused',
      explanation,
    };
  }
  const explanation = `${signed.explanation ?? signed.detail}; the bytes arrived unchanged and ${server}`;
  return { ...signed, actual, detail: explanation, explanation };
}

/** Judges a verify answer against the reference verdict and the vector's stated result. */
export function judgeVerify(
  body: Uint8Array,
  secret: Uint8Array,
  presented: string,
  stated: 'valid' | 'invalid',
  answer: VerifyAnswer,
): Judgement {
  const reference = referenceVerdict(body, presented, secret);
  const expected = reference === undefined ? 'refuse' : reference ? 'valid' : 'invalid';
  if (reference !== undefined && expected !== stated) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_REFERENCE',
      `reference says ${expected} where the vector says ${stated}: the reference or the vector is wrong`,
    );
  }
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
