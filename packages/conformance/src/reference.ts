/**
 * The reference every column is judged against: this project's signer.
 *
 * @module
 */
import { isSignerError, signSync, verifySync } from '@plugnmeet-signing/signer/node';

/** The reference signature, or `undefined` when the reference refuses the input (empty secret). */
export function referenceSignature(body: Uint8Array, secret: Uint8Array): string | undefined {
  try {
    return signSync(body, secret);
  } catch (error) {
    if (isSignerError(error) && error.code === 'ERR_SIGNER_EMPTY_SECRET') return undefined;
    throw error;
  }
}

/** The reference verdict on a presented signature, or `undefined` when it refuses the input. */
export function referenceVerdict(
  body: Uint8Array,
  presented: string,
  secret: Uint8Array,
): boolean | undefined {
  try {
    return verifySync(body, presented, secret);
  } catch (error) {
    if (isSignerError(error) && error.code === 'ERR_SIGNER_EMPTY_SECRET') return undefined;
    throw error;
  }
}

/**
 * Whether `presented` is the reference signature of `bytes` under `secret`: what the server
 * checks of the bytes that arrived. The one place every level asks it (the wire level of the
 * bytes curl sent, the request level of the bytes an SDK sent). An input the reference
 * refuses (the empty secret) is covered by nothing.
 *
 * @throws Never for an input the reference refuses; rethrows the signer's other errors.
 * @example
 * ```ts
 * referenceCovers(received, request.headers['hash-signature'] ?? '', secret); // true
 * ```
 */
export function referenceCovers(bytes: Uint8Array, presented: string, secret: Uint8Array): boolean {
  return referenceVerdict(bytes, presented, secret) === true;
}

/**
 * The reference signature of a sign vector that was checked against the reference
 * (`vector-check.ts`), without computing it again: the vector's own `signature`, except for
 * the empty secret, which the reference refuses (the vector then states the empty-key MAC).
 *
 * @throws Never.
 * @example
 * ```ts
 * checkedReference(vector) === referenceSignature(vector.body, vector.secret); // true
 * ```
 */
export function checkedReference(vector: {
  secret: Uint8Array;
  signature: string;
}): string | undefined {
  return vector.secret.length === 0 ? undefined : vector.signature;
}
