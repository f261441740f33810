/**
 * The wire level: what really reached the server when an implementation sent a case's
 * request, against the input and the reference signature.
 *
 * @module
 */
import { SENT_BODY_TRANSFORMS } from '../diagnosis/wire-transforms.js';
import type { WireAnswer } from '../model.js';
import { referenceCovers, referenceSignature } from '../reference.js';
import { sameBytes } from '../values/bytes.js';
import { brokenJudgement } from './describe.js';
import type { Judgement } from './judgement.js';
import { judgeSign } from './sign.js';

type Sent = Extract<WireAnswer, { kind: 'sent' }>;

function describeWire(answer: Sent, body: Uint8Array): string {
  const parts = [answer.signature === '' ? '(no HASH-SIGNATURE)' : answer.signature];
  if (!sameBytes(answer.body, body)) {
    const hex = Buffer.from(answer.body.subarray(0, 48)).toString('hex');
    parts.push(
      `sent ${answer.body.length} bytes${answer.body.length > 0 ? ` (hex ${hex}${answer.body.length > 48 ? '…' : ''})` : ''}`,
    );
  }
  if (answer.serverRefusal) parts.push(`server: ${answer.serverRefusal}`);
  return parts.join('; ');
}

/**
 * Judges what reached the server for a case: the signature header and the body bytes, and
 * whether it accepted them. The bytes must be the input's, and the signature right; a
 * difference in the bytes is explained by the body transform that reproduces them. An
 * implementation that sent nothing is judged as a signer that answered so.
 *
 * @param refusalAcceptable The vector allows the input to be refused.
 * @throws Never.
 * @example
 * ```ts
 * judgeWire(body, secret, { kind: 'sent', signature, body }).outcome; // 'pass'
 * ```
 */
export function judgeWire(
  body: Uint8Array,
  secret: Uint8Array,
  wire: WireAnswer,
  refusalAcceptable = false,
  reference: string | undefined = referenceSignature(body, secret),
): Judgement {
  if (wire.kind === 'not-sent') {
    // Nothing sent for an input the reference refuses too (the empty secret): a refusal.
    if (reference === undefined) {
      return judgeSign(body, secret, { kind: 'refused', message: wire.message }, true, reference);
    }
    const message = `the request never reached the server: ${wire.message}`;
    return brokenJudgement({ message, stderrTail: wire.stderrTail }, reference);
  }
  if (wire.kind !== 'sent') return judgeSign(body, secret, wire, refusalAcceptable, reference);
  const answer = wire;
  const expected = reference ?? 'refuse';
  const actual = describeWire(answer, body);
  const server = answer.serverRefusal
    ? `the server answered ${answer.serverRefusal}`
    : 'the server accepted it';
  if (!sameBytes(answer.body, body)) {
    const transform = SENT_BODY_TRANSFORMS.find((t) => {
      const out = t.apply(body);
      return out !== undefined && sameBytes(out, answer.body);
    });
    const coversSent = referenceCovers(answer.body, answer.signature, secret);
    const coversInput = expected === answer.signature;
    const why =
      transform?.explanation ??
      `${answer.body.length} bytes arrived where the input has ${body.length}, and no known transformation of the input reproduces them`;
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
    reference,
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
