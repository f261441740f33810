/**
 * Finds the cause of a divergence by reproducing it: a hypothesis is only reported when
 * HMAC(transformed secret, transformed body) equals, byte for byte, what the
 * implementation produced. Nothing here is a guess.
 *
 * @module
 */
import { signSync } from '@plugnmeet-signing/signer/node';
import { BODY_TRANSFORMS, SECRET_TRANSFORMS, type Transform } from './transforms.js';

/** A reproduced cause. */
export interface Diagnosis {
  /** Stable id, e.g. `echo-interprets-backslashes` or `default-charset-ascii+default-charset-ascii`. */
  id: string;
  explanation: string;
  /** The bytes the implementation really hashed (the first 512), hex, for the report. */
  hashedBodyHex?: string;
  hashedSecretHex?: string;
}

/**
 * The largest input (body and secret) the transformations are tried on: 4 MiB, four times
 * the largest shipped body. A larger divergence is reported unexplained.
 */
export const MAX_DIAGNOSED_BYTES = 4 * 1024 * 1024;

/** How many bytes of what was really hashed a diagnosis keeps, as hex. */
const HASHED_HEX_BYTES = 512;

const IDENTITY: Transform = { id: 'identity', explanation: '', apply: (bytes) => bytes };

function hmac(body: Uint8Array, secret: Uint8Array): string | undefined {
  try {
    return signSync(body, secret);
  } catch {
    return undefined; // an empty transformed secret cannot be reproduced by the reference
  }
}

/**
 * Explains `actual` (a signature an implementation produced for `body`/`secret`), or
 * returns undefined when no known transformation reproduces it.
 *
 * @example
 * ```ts
 * const cause = diagnose(body, secret, '…hex from dash…');
 * // { id: 'echo-interprets-backslashes', explanation: '…' }
 * ```
 */
export function diagnose(
  body: Uint8Array,
  secret: Uint8Array,
  actual: string,
): Diagnosis | undefined {
  if (actual === '') {
    return {
      id: 'empty-signature',
      explanation:
        'no signature came out at all: a step of the pipeline failed (openssl refuses an empty key) and nothing checked, so an empty HASH-SIGNATURE would be sent',
    };
  }
  const expected = hmac(body, secret);
  if (expected !== undefined && actual === expected.toUpperCase() && actual !== expected) {
    return {
      id: 'uppercase-hex',
      explanation: 'the hex digest was uppercase; the server compares lowercase only',
    };
  }
  if (expected !== undefined && actual.trim() === expected && actual !== expected) {
    return {
      id: 'whitespace-around-hex',
      explanation: 'the hex digest came with surrounding whitespace',
    };
  }
  // Each transformation copies the body: dozens of copies of a huge one cost gigabytes and
  // minutes, and the causes they find show on small inputs already.
  if (body.length + secret.length > MAX_DIAGNOSED_BYTES) return undefined;
  if (hmac(secret, body) === actual) {
    return { id: 'arguments-swapped', explanation: 'body and secret were swapped' };
  }
  for (const bodyTransform of [IDENTITY, ...BODY_TRANSFORMS]) {
    const hashedBody = bodyTransform.apply(body);
    if (!hashedBody) continue;
    for (const secretTransform of [IDENTITY, ...SECRET_TRANSFORMS]) {
      if (bodyTransform === IDENTITY && secretTransform === IDENTITY) continue;
      const hashedSecret = secretTransform.apply(secret);
      if (!hashedSecret || hmac(hashedBody, hashedSecret) !== actual) continue;
      const parts = [bodyTransform, secretTransform].filter((t) => t !== IDENTITY);
      const ids = [...new Set(parts.map((t) => t.id))];
      const explanation =
        bodyTransform !== IDENTITY &&
        secretTransform !== IDENTITY &&
        bodyTransform.id === secretTransform.id
          ? `${bodyTransform.explanation} (body and secret)`
          : parts
              .map(
                (t, i) =>
                  `${i === 0 && bodyTransform !== IDENTITY ? 'body' : 'secret'}: ${t.explanation}`,
              )
              .join('; ');
      return {
        id: ids.join('+'),
        explanation,
        hashedBodyHex: Buffer.from(hashedBody.subarray(0, HASHED_HEX_BYTES)).toString('hex'),
        hashedSecretHex: Buffer.from(hashedSecret.subarray(0, HASHED_HEX_BYTES)).toString('hex'),
      };
    }
  }
  return undefined;
}
