/**
 * What a presented `HASH-SIGNATURE` must look like before it is worth comparing.
 *
 * @module
 */

import { describe } from './bytes.js';
import { SignerError } from './errors.js';

/** Length of a hex-encoded HMAC-SHA256. */
export const SIGNATURE_HEX_LENGTH = 64;

const LOWERCASE_HEX_256 = /^[0-9a-f]{64}$/;

/**
 * True when `signature` is 64 lowercase hex digits. The server compares exactly, so an
 * uppercase or padded spelling of a correct MAC is still a wrong signature.
 *
 * The check reads only the presented text, never the secret, so its timing leaks nothing.
 *
 * @throws {SignerError} `ERR_SIGNER_INVALID_ARGUMENT` when `signature` is not a string.
 */
export function isWellFormedSignature(signature: string): boolean {
  if (typeof signature !== 'string') {
    throw new SignerError(
      'ERR_SIGNER_INVALID_ARGUMENT',
      `"signature" expected a string, got ${describe(signature)}`,
    );
  }
  return LOWERCASE_HEX_256.test(signature);
}

/** Decodes 64 lowercase hex digits already checked by {@link isWellFormedSignature}. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
